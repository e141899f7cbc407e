package io.buzzbeam.transforms.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buzzbeam.model.Keyword;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeywordsTest {

  private static KoreanTokenizer tokenizer;

  @BeforeAll
  static void loadDictionaries() {
    tokenizer = new KoreanTokenizer();
  }

  private static List<String> keywords(String caption, Stopwords stopwords) {
    List<String> out = new ArrayList<>();
    for (Keyword k : Keywords.of(tokenizer.tokenize(caption), stopwords)) {
      out.add(k.getToken() + "/" + k.getPos());
    }
    return out;
  }

  @Test
  void keepsNounsVerbsAdjectivesAndLowercasedAlphaAsStems() {
    // Tokens: #샤넬/Hashtag 신상/Noun 예뻐요/Adjective(예쁘다) 😍/Foreign https://t.co/abc/URL
    // @chanel/ScreenName BAG/Alpha ㅋㅋ/KoreanParticle 샀어요/Verb(사다): the hashtag, emoji, URL,
    // mention and laughter are not kept; BAG becomes bag; verbs and adjectives become stems.
    assertEquals(
        List.of("신상/Noun", "예쁘다/Adjective", "bag/Alpha", "사다/Verb"),
        keywords("#샤넬 신상 예뻐요 😍 https://t.co/abc @chanel BAG ㅋㅋ 샀어요", Stopwords.none()));
  }

  @Test
  void oneKeywordPerOccurrenceInCaptionOrder() {
    // 가방/Noun 가방/Noun 가방/Noun: three occurrences of one keyword.
    assertEquals(
        List.of("가방/Noun", "가방/Noun", "가방/Noun"), keywords("가방 가방 가방", Stopwords.none()));
  }

  @Test
  void defaultStopwordsDropFunctionWordsAndLightVerbs() {
    // 이것도 되나요ㅋㅋ: 이/Determiner 것/Noun 도/Josa 되다/Verb ㅋㅋ → 것 and 되다 are stopwords.
    assertEquals(List.of(), keywords("이것도 되나욬ㅋㅋ", Stopwords.defaults()));
    assertEquals(List.of("것/Noun", "되다/Verb"), keywords("이것도 되나욬ㅋㅋ", Stopwords.none()));
    // The English "the" goes too (Alpha, lowercased before the stopword check).
    assertEquals(List.of("bag/Alpha"), keywords("The BAG", Stopwords.defaults()));
  }
}
