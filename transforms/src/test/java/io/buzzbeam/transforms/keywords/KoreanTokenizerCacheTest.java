package io.buzzbeam.transforms.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.model.Token;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openkoreantext.processor.OpenKoreanTextProcessorJava;

/**
 * {@link OktPieceCache}: the memoized tokenizer gives exactly the library's whole-text tokens
 * (normalize → tokenize → stem → drop Space), on real reviews and on the shapes captions take.
 */
class KoreanTokenizerCacheTest {

  private static KoreanTokenizer okt;

  @BeforeAll
  static void load() {
    okt = new KoreanTokenizer(UserDictionary.defaults());
  }

  /** The reference: the library's own calls on the whole text, nothing cached. */
  private static List<Token> library(String text) {
    return OktPieceCache.libraryTokens(OpenKoreanTextProcessorJava.normalize(text));
  }

  private static List<String> nsmc() throws IOException {
    try (InputStream in = KoreanTokenizerCacheTest.class.getResourceAsStream("/corpora/nsmc-2000.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  void realReviewsGiveTheLibrarysTokensTwiceOver() throws IOException {
    List<String> reviews = nsmc();
    assertEquals(2000, reviews.size());
    List<String> differing = new ArrayList<>();
    long tokens = 0;
    // Twice: the first pass fills the caches, the second is served from them.
    for (int pass = 0; pass < 2; pass++) {
      for (String review : reviews) {
        List<Token> expected = library(review);
        if (!expected.equals(okt.tokenize(review))) {
          differing.add(review);
        }
        tokens += expected.size();
      }
    }
    assertEquals(List.of(), differing);
    assertTrue(tokens > 2 * 20_000, "tokens: " + tokens);
  }

  @Test
  void runsSkippingNormalizationAreThoseItLeavesAlone() throws IOException {
    List<String> texts = new ArrayList<>(nsmc());
    texts.addAll(
        List.of(
            "하댘ㅋㅋㅋ", "머구뮤ㅠㅠㅠ", "아아아아아", "훌쩍훌쩍훌쩍", "소린가", "그런데", "한지", "인가",
            "하겟다", "안됔ㅋㅋ", "먹고싶다", "예뻐요", "엄마"));
    java.util.regex.Pattern run = java.util.regex.Pattern.compile("[ㄱ-ㅣ가-힣]+");
    int skipped = 0;
    int runs = 0;
    for (String text : texts) {
      java.util.regex.Matcher m = run.matcher(text);
      while (m.find()) {
        runs++;
        String r = m.group();
        if (!OktPieceCache.normalizationMayChange(r)) {
          skipped++;
          assertEquals(r, OpenKoreanTextProcessorJava.normalize(r).toString(), r);
        }
      }
    }
    // Most runs skip the library's normalization; each that does is one it leaves alone.
    assertTrue(skipped > runs / 2 && skipped < runs, skipped + " of " + runs);
    for (String changes : List.of("하댘ㅋㅋㅋ", "아아아아아", "훌쩍훌쩍훌쩍", "소린가", "하겟다")) {
      assertTrue(OktPieceCache.normalizationMayChange(changes), changes);
      assertNotEquals(changes, OpenKoreanTextProcessorJava.normalize(changes).toString(), changes);
    }
  }

  @Test
  void captionShapesGiveTheLibrarysTokens() {
    List<String> captions =
        List.of(
            // Whitespace other than spaces: the library makes "\n\n" and tabs Foreign tokens.
            "드디어 디올 백팩 샀다!! 😍 몇 달을 고민했는지 ㅋㅋㅋ\n\n#instafashion #dior #데일리",
            "오늘도\t육퇴\t기다리는 중\r\n맥주 한잔 🍺",
            // No-break and ideographic spaces are not \\s: they stay inside a piece.
            "샤넬\u00a0클래식 플랩\u3000백 언박싱",
            // Normalization: laughter, typed endings, repeated syllables, coda ㄴ.
            "하댘ㅋㅋㅋㅋㅋ 머구뮤ㅠㅠㅠ 훌쩍훌쩍훌쩍훌쩍 소린가 하겟다 안됔ㅋㅋ",
            // Chunk kinds inside one segment: URL, e-mail, mention, hashtag, number, Latin.
            "구매링크:https://buzzbeam.example/p/123?x=1 문의는hello@buzz.example @chanel_official님!"
                + " 3,500원에 샀어요abc다 #셀린느로퍼#ootd $AAPL 2시간30분",
            "ㅋㅋㅋㅋ ㅠㅠ ㅎㅎ... ㄱㄱ",
            "   앞뒤 공백   ",
            "예뻐요예뻐요예뻐요예뻐요 갖고싶다 갖고 싶다",
            // A piece longer than the cache keeps (analysed, not stored).
            "가".repeat(OktPieceCache.MAX_PIECE_CHARS + 5) + " 끝",
            "한".repeat(10) + "!".repeat(80) + "ㅋ".repeat(70),
            "");
    for (String caption : captions) {
      for (int pass = 0; pass < 2; pass++) {
        assertEquals(library(caption), okt.tokenize(caption), caption);
      }
    }
  }

  @Test
  void wordsAddedToTheDictionaryAreSeenByCachedPieces() {
    // 꾸꾸까까 is in no dictionary: the library splits or guesses it. Cache that answer, then add
    // the word: the same caption must now keep it whole, as the library does.
    String caption = "오늘은 꾸꾸까까 데이";
    List<Token> before = okt.tokenize(caption);
    assertEquals(library(caption), before);
    new KoreanTokenizer(UserDictionary.of(List.of("꾸꾸까까")));
    List<Token> after = okt.tokenize(caption);
    assertNotEquals(before, after);
    assertEquals(library(caption), after);
    assertTrue(
        after.stream().anyMatch(t -> t.getText().equals("꾸꾸까까") && t.getPos().equals("Noun")),
        after.toString());
  }
}
