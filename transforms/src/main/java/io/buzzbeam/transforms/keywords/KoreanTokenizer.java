package io.buzzbeam.transforms.keywords;

import io.buzzbeam.model.Token;
import java.util.ArrayList;
import java.util.List;
import org.openkoreantext.processor.KoreanPosJava;
import org.openkoreantext.processor.KoreanTokenJava;
import org.openkoreantext.processor.OpenKoreanTextProcessorJava;

/**
 * Korean morphological analysis with open-korean-text (the engine behind KoNLPy's {@code Okt}).
 *
 * <p>The recipe is KoNLPy's {@code Okt.pos(text, norm=True, stem=True)}: {@code normalize} →
 * {@code tokenize} → drop {@code Space} tokens. Each token keeps its surface text, its part of
 * speech ({@link KoreanPosJava} name) and its stem when the library gives one (verbs and adjectives:
 * 갖고 → 갖다); the library reports "no stem" as an empty string, stored here as null.
 *
 * <p>The library's dictionaries are static and load on first use (~2 s, ~72 MB); the tokenizer is
 * thread-safe. Construct one per worker (a DoFn's {@code @Setup}); the constructor pays the loading
 * cost up front so that the first element is not slow.
 */
public final class KoreanTokenizer {

  private static final Object LOAD_LOCK = new Object();
  private static volatile boolean loaded;

  public KoreanTokenizer() {
    ensureLoaded();
  }

  private static void ensureLoaded() {
    if (!loaded) {
      synchronized (LOAD_LOCK) {
        if (!loaded) {
          // Touches every dictionary once: normalization, tokenization and stemming.
          OpenKoreanTextProcessorJava.tokenize(OpenKoreanTextProcessorJava.normalize("워밍업 했어욬ㅋㅋ"));
          loaded = true;
        }
      }
    }
  }

  /** normalize → tokenize → drop Space: the tokens of SPEC §4 and §6 ({@code morphs}). */
  public List<Token> tokenize(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    return analyze(OpenKoreanTextProcessorJava.normalize(text));
  }

  /** Tokenize without normalization (KoNLPy's {@code norm=False}); for comparison and tests. */
  public List<Token> tokenizeWithoutNormalizing(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    return analyze(text);
  }

  /** The library's normalization alone, e.g. ㅋㅋㅋㅋ → ㅋㅋㅋ, 되나욬 → 되나요. */
  public String normalize(String text) {
    return OpenKoreanTextProcessorJava.normalize(text).toString();
  }

  private static List<Token> analyze(CharSequence text) {
    List<KoreanTokenJava> raw =
        OpenKoreanTextProcessorJava.tokensToJavaKoreanTokenList(
            OpenKoreanTextProcessorJava.tokenize(text));
    List<Token> tokens = new ArrayList<>(raw.size());
    for (KoreanTokenJava t : raw) {
      if (t.getPos() == KoreanPosJava.Space) {
        continue;
      }
      String stem = t.getStem();
      tokens.add(
          Token.newBuilder()
              .setText(t.getText())
              .setPos(t.getPos().name())
              .setStem(stem == null || stem.isEmpty() ? null : stem)
              .build());
    }
    return tokens;
  }
}
