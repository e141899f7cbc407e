package io.buzzbeam.transforms.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buzzbeam.model.Keyword;
import io.buzzbeam.model.Media;
import io.buzzbeam.model.MediaMorphs;
import io.buzzbeam.model.Token;
import io.buzzbeam.transforms.marts.Fixtures;
import io.buzzbeam.transforms.testing.Counters;
import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
public class TokenizeCaptionsTest {

  final transient TestPipeline p = TestPipeline.create();

  /** A media posted 2023-09-01 12:00 in Seoul (a Friday) with {@code caption}. */
  private static Media media(String source, String scope, String id, String caption) {
    return Fixtures.media(source, scope, id, "2023-09-01T12:00:00").setCaption(caption).build();
  }

  /** Tokens as "text/Pos/stem" (stem "-" when none). */
  private static List<Token> tokens(String... tokens) {
    List<Token> out = new ArrayList<>();
    for (String t : tokens) {
      String[] parts = t.split("/");
      out.add(
          Token.newBuilder()
              .setText(parts[0])
              .setPos(parts[1])
              .setStem(parts[2].equals("-") ? null : parts[2])
              .build());
    }
    return out;
  }

  private static List<Keyword> keywords(String... keywords) {
    List<Keyword> out = new ArrayList<>();
    for (String k : keywords) {
      String[] parts = k.split("/");
      out.add(Keyword.newBuilder().setToken(parts[0]).setPos(parts[1]).build());
    }
    return out;
  }

  private static MediaMorphs morphs(
      Media m, List<Token> tokens, List<Keyword> keywords, List<String> hashtags) {
    return MediaMorphs.newBuilder()
        .setSource(m.getSource())
        .setScope(m.getScope())
        .setMediaId(m.getMediaId())
        .setBrand(m.getBrand())
        .setAccount(m.getAccount())
        .setDay(m.getDay())
        .setHour(m.getHour())
        .setWeekday(m.getWeekday())
        .setTokens(tokens)
        .setKeywords(keywords)
        .setHashtags(hashtags)
        .build();
  }

  private static long counter(PipelineResult result, String name) {
    return Counters.attempted(result, TokenizeCaptions.COUNTER_NAMESPACE, name);
  }

  @Test
  public void eachDistinctCaptionIsTokenizedOnceAndJoinedBackToEveryMedia() {
    String polled = "이것도 되나욬ㅋㅋ #샤넬 #Chanel";
    // The same caption under the brand, a hashtag search and a crawl: one tokenization.
    Media a1 = media("brand", "chanel", "a1", polled);
    Media a2 = media("hashtag", "chanel", "a1", polled);
    Media a3 = media("crawl", "fan", "a3", polled);
    Media b1 = media("brand", "dior", "b1", "신상 가방 샀어요");
    Media e1 = media("crawl", "fan", "e1", "");

    PCollection<MediaMorphs> morphs =
        p.apply(Create.of(a1, a2, a3, b1, e1).withCoder(AvroCoder.specific(Media.class)))
            .apply(TokenizeCaptions.withStopwords(Stopwords.none()));

    // normalize: 되나욬ㅋㅋ → 되나요ㅋㅋ; tokenize; keep Noun/Verb/Adjective/Alpha as stems.
    List<Token> polledTokens =
        tokens("이/Determiner/-", "것/Noun/-", "도/Josa/-", "되나요/Verb/되다",
            "ㅋㅋ/KoreanParticle/-", "#샤넬/Hashtag/-", "#Chanel/Hashtag/-");
    List<Keyword> polledKeywords = keywords("것/Noun", "되다/Verb");
    List<String> polledTags = List.of("샤넬", "chanel");
    PAssert.that(morphs)
        .containsInAnyOrder(
            morphs(a1, polledTokens, polledKeywords, polledTags),
            morphs(a2, polledTokens, polledKeywords, polledTags),
            morphs(a3, polledTokens, polledKeywords, polledTags),
            morphs(
                b1,
                tokens("신상/Noun/-", "가방/Noun/-", "샀어요/Verb/사다"),
                keywords("신상/Noun", "가방/Noun", "사다/Verb"),
                List.of()),
            morphs(e1, List.of(), List.of(), List.of()));

    PipelineResult result = p.run();
    result.waitUntilFinish();
    // 3 distinct captions (the polled one, b1's, the empty one) for 5 media.
    assertEquals(3, counter(result, TokenizeCaptions.CAPTIONS_TOKENIZED));
    assertEquals(5, counter(result, TokenizeCaptions.MEDIA_TOKENIZED));
  }

  /** Runs {@code transform} over one media with {@code caption}; its keywords are {@code expected}. */
  private void assertKeywords(TokenizeCaptions transform, String caption, List<Keyword> expected) {
    PCollection<MediaMorphs> morphs =
        p.apply(Create.of(media("crawl", "fan", "a1", caption)).withCoder(AvroCoder.specific(Media.class)))
            .apply(transform);
    PAssert.thatSingleton(morphs)
        .satisfies(
            m -> {
              assertEquals(expected, m.getKeywords());
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void defaultStopwordsApply() {
    // 것 and 되다 are default stopwords; 가방 stays.
    assertKeywords(
        TokenizeCaptions.withStopwords(Stopwords.defaults()), "이것도 되나욬ㅋㅋ 가방", keywords("가방/Noun"));
  }

  @Test
  public void slangStaysWholeInTheKeywordRows() {
    // Issue #14: the demo's keyword cloud showed 퇴 for 육퇴 (Okt alone: 육/Modifier 퇴/Noun, see
    // OktUserDictionaryTest). The default transform carries the built-in user dictionary.
    assertKeywords(
        TokenizeCaptions.withStopwords(Stopwords.none()),
        "엄마는 오늘도 육퇴 기다리는 중 ㅋㅋ #육아일기",
        keywords("엄마/Noun", "오늘/Noun", "육퇴/Noun", "기다리다/Verb", "중/Noun"));
  }

  @Test
  public void noriKeepsTheSlangWholeWithTheSameDictionary() {
    // Nori alone reads 육 as the numeral six (육/Number 퇴/Noun, see NoriTokenizerTest); the
    // same default list keeps it whole. 기다리는 is 기다리/VV + 는/E: the verb stems to 기다리다;
    // #육아일기 is a Hashtag token, not the keywords 육아 and 일기.
    assertKeywords(
        TokenizeCaptions.withStopwords(Stopwords.none())
            .withTokenizer(TokenizerKind.NORI)
            .withUserDictionary(UserDictionary.defaults()),
        "엄마는 오늘도 육퇴 기다리는 중 ㅋㅋ #육아일기",
        keywords("엄마/Noun", "오늘/Noun", "육퇴/Noun", "기다리다/Verb", "중/Noun"));
  }
}
