package io.buzzbeam.transforms.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.buzzbeam.model.Token;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer reproduces the examples published in KoNLPy's {@code Okt} docstring
 * (konlpy/tag/_okt.py), which wraps the same library: pos(phrase, norm, stem) is normalize (when
 * norm) → tokenize → drop Space → stem if present else text (when stem).
 */
class KoreanTokenizerTest {

  private static KoreanTokenizer tokenizer;

  @BeforeAll
  static void loadDictionaries() {
    tokenizer = new KoreanTokenizer();
  }

  /** KoNLPy's {@code Okt.pos} as "word/Pos" strings. */
  private static List<String> pos(String phrase, boolean norm, boolean stem) {
    List<Token> tokens =
        norm ? tokenizer.tokenize(phrase) : tokenizer.tokenizeWithoutNormalizing(phrase);
    List<String> tagged = new ArrayList<>();
    for (Token t : tokens) {
      String word = stem && t.getStem() != null ? t.getStem() : t.getText();
      tagged.add(word + "/" + t.getPos());
    }
    return tagged;
  }

  private static List<String> words(List<String> tagged) {
    List<String> words = new ArrayList<>();
    tagged.forEach(t -> words.add(t.substring(0, t.lastIndexOf('/'))));
    return words;
  }

  @Test
  void morphsOfTheKonlpyDocstring() {
    // okt.morphs(u'단독입찰보다 복수입찰의 경우')
    assertEquals(
        List.of("단독", "입찰", "보다", "복수", "입찰", "의", "경우"),
        words(pos("단독입찰보다 복수입찰의 경우", false, false)));
  }

  @Test
  void nounsOfTheKonlpyDocstring() {
    // okt.nouns(u'유일하게 항공기 체계 종합개발 경험을 갖고 있는 KAI는')
    List<String> nouns = new ArrayList<>();
    for (String t : pos("유일하게 항공기 체계 종합개발 경험을 갖고 있는 KAI는", false, false)) {
      if (t.endsWith("/Noun")) {
        nouns.add(t.substring(0, t.lastIndexOf('/')));
      }
    }
    assertEquals(List.of("항공기", "체계", "종합", "개발", "경험"), nouns);
  }

  @Test
  void posWithoutNormalization() {
    // okt.pos(u'이것도 되나욬ㅋㅋ')
    assertEquals(
        List.of("이/Determiner", "것/Noun", "도/Josa", "되나욬/Noun", "ㅋㅋ/KoreanParticle"),
        pos("이것도 되나욬ㅋㅋ", false, false));
  }

  @Test
  void posWithNormalization() {
    // okt.pos(u'이것도 되나욬ㅋㅋ', norm=True)
    assertEquals(
        List.of("이/Determiner", "것/Noun", "도/Josa", "되나요/Verb", "ㅋㅋ/KoreanParticle"),
        pos("이것도 되나욬ㅋㅋ", true, false));
  }

  @Test
  void posWithNormalizationAndStems() {
    // okt.pos(u'이것도 되나욬ㅋㅋ', norm=True, stem=True)
    assertEquals(
        List.of("이/Determiner", "것/Noun", "도/Josa", "되다/Verb", "ㅋㅋ/KoreanParticle"),
        pos("이것도 되나욬ㅋㅋ", true, true));
  }

  @Test
  void normalizationShortensLaughterAndRepairsTypedEndings() {
    assertEquals("ㅋㅋㅋ", tokenizer.normalize("ㅋㅋㅋㅋ"));
    assertEquals("ㅋㅋㅋ", tokenizer.normalize("ㅋㅋㅋㅋㅋㅋㅋ"));
    // 욬 before ㅋ is 요 typed with the ㅋ's first stroke: 되나욬ㅋㅋ → 되나요ㅋㅋ.
    assertEquals("이것도 되나요ㅋㅋ", tokenizer.normalize("이것도 되나욬ㅋㅋ"));
  }

  @Test
  void tokensCarryStemsOnlyWhereTheLibraryHasOne() {
    List<Token> tokens = tokenizer.tokenize("경험을 갖고");
    // 경험/Noun has no stem (the library's "" becomes null); 갖고/Verb stems to 갖다.
    assertEquals("경험", tokens.get(0).getText());
    assertNull(tokens.get(0).getStem());
    assertEquals("갖고", tokens.get(2).getText());
    assertEquals("Verb", tokens.get(2).getPos());
    assertEquals("갖다", tokens.get(2).getStem());
  }

  @Test
  void noSpaceTokensAndEmptyInput() {
    // Runs of spaces and newlines are Space tokens and are dropped. (A tab is not: the library
    // tags it Foreign, as KoNLPy shows it; Foreign is never a keyword.)
    assertEquals(
        List.of("여러/Noun", "칸/Noun", "띄어쓰기/Noun", "줄/Noun", "바꿈/Noun"),
        pos("  여러   칸  띄어쓰기 \n\n 줄바꿈 ", true, false));
    assertEquals(List.of(), tokenizer.tokenize(""));
    assertEquals(List.of(), tokenizer.tokenize(null));
  }

  @Test
  void instagramEntitiesHaveTheirOwnPartsOfSpeech() {
    assertEquals(
        List.of(
            "#샤넬/Hashtag", "신상/Noun", "예뻐요/Adjective", "😍/Foreign",
            "https://t.co/abc/URL", "@chanel/ScreenName", "BAG/Alpha", "ㅋㅋ/KoreanParticle"),
        pos("#샤넬 신상 예뻐요 😍 https://t.co/abc @chanel BAG ㅋㅋ", true, false));
  }
}
