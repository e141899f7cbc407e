package io.buzzbeam.transforms.keywords;

import io.buzzbeam.model.Token;
import java.util.List;

/**
 * A morphological analyzer of captions: what {@link TokenizeCaptions} and {@link Keywords} need
 * from one, so that open-korean-text ({@link KoreanTokenizer}, the default) and Lucene Nori
 * ({@link NoriTokenizer}) are interchangeable ({@code --tokenizer=okt|nori}).
 *
 * <p>Each {@link Token} has the surface text, a part of speech named as open-korean-text names
 * them ({@code KoreanPos}: Noun, Verb, Adjective, Alpha — the classes SPEC §4 keeps — and Josa,
 * Eomi, Hashtag, URL, …) and the stem (the dictionary form of verbs and adjectives, e.g. 갖고 →
 * 갖다) or null. No whitespace tokens. Hashtags, URLs and mentions are tokens of their own
 * (Hashtag, URL, ScreenName) so that their words never become keywords: hashtags are counted
 * separately (SPEC §4).
 *
 * <p>Construction may be expensive (dictionaries): build one per worker in a DoFn's
 * {@code @Setup}. Implementations say whether one instance may be shared between threads.
 */
public interface CaptionTokenizer {

  /** The tokens of {@code text} in text order; empty for null or empty text. */
  List<Token> tokenize(String text);
}
