package io.buzzbeam.transforms.keywords;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.buzzbeam.model.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openkoreantext.processor.KoreanPosJava;
import org.openkoreantext.processor.KoreanTokenJava;
import org.openkoreantext.processor.OpenKoreanTextProcessorJava;
import org.openkoreantext.processor.tokenizer.KoreanChunker;
import org.openkoreantext.processor.tokenizer.KoreanTokenizer.KoreanToken;
import org.openkoreantext.processor.util.Hangul;
import org.openkoreantext.processor.util.KoreanDictionaryProvider;
import org.openkoreantext.processor.util.KoreanPos;

/**
 * open-korean-text's {@code normalize → tokenize → stem}, memoized piece by piece, with the same
 * tokens as the library's whole-text call (offsets aside, which buzzbeam does not keep).
 *
 * <p><b>Why it is exact.</b> Every stage of the library is local to a piece of its input, and the
 * pieces are re-usable across captions, where the same words come back again and again:
 *
 * <ul>
 *   <li>{@code normalize} rewrites each run of {@code [ㄱ-ㅣ가-힣]+} on its own (its
 *       {@code replaceAllIn}); normalizing a run alone gives the same run.
 *   <li>{@code tokenize} chunks each {@code \s+}-delimited segment and each whitespace run on its
 *       own ({@code KoreanChunker.chunk}: {@code splitBySpaceKeepingSpace}, then
 *       {@code splitChunks} per piece), parses each Korean chunk on its own
 *       ({@code parseKoreanChunk}, then {@code collapseNouns}) and passes the other chunks through.
 *   <li>{@code stem} only merges an ending into a verb or adjective just before it; a Korean chunk
 *       always follows a chunk of another kind (two Korean chunks would be one), and no other kind
 *       is a verb or adjective, so stemming never reaches across chunks.
 * </ul>
 *
 * <p>So a caption is cut at its whitespace (the whitespace runs are pieces too: the library turns
 * {@code "\n\n"} into a {@code Foreign} token, and so must we), each piece is looked up, and a
 * piece not seen yet is normalized run by run (looked up), chunked by the library, and each Korean
 * chunk is looked up or parsed by the library. On the generated zone of issue #12 this is 5× a bare
 * pass, on real reviews (NSMC) 1.8×; {@code KoreanTokenizerCacheTest} checks the tokens against the
 * library's whole-text call over NSMC and the real Instagram captions.
 *
 * <p><b>Bounds and the dictionary.</b> The caches are one per JVM, like the library's dictionary
 * they depend on, and bounded (Caffeine, size-based eviction); pieces longer than {@link
 * #MAX_PIECE_CHARS} are analysed without being kept. Adding user nouns changes what the library
 * answers, so {@link #invalidate} drops every entry, and {@link KoreanTokenizer} calls it whenever it
 * adds words.
 */
final class OktPieceCache {

  /** A piece longer than this is rarely seen twice: analysed, not kept. */
  static final int MAX_PIECE_CHARS = 64;

  private static final Pattern WHITESPACE = Pattern.compile("\\s+"); // the library's own split
  private static final Pattern KOREAN_RUN = Pattern.compile("[ㄱ-ㅣ가-힣]+"); // its normalize's

  /** Whitespace-delimited segments and whitespace runs → their tokens (Space tokens dropped). */
  private static final Cache<String, List<Token>> PIECES = bounded(100_000);
  /** Korean chunks (as {@code KoreanChunker} cuts normalized text) → parsed and stemmed tokens. */
  private static final Cache<String, List<Token>> KOREAN_CHUNKS = bounded(100_000);
  /** Runs of {@code [ㄱ-ㅣ가-힣]+} → the library's normalization of them. */
  private static final Cache<String, String> NORMALIZED_RUNS = bounded(50_000);

  private OktPieceCache() {}

  private static <V> Cache<String, V> bounded(long entries) {
    return Caffeine.newBuilder().maximumSize(entries).build();
  }

  /** normalize → tokenize → stem → drop Space, as the library does it on the whole text. */
  static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    Matcher space = WHITESPACE.matcher(text);
    int start = 0;
    while (space.find()) {
      if (start < space.start()) {
        tokens.addAll(piece(text.substring(start, space.start())));
      }
      tokens.addAll(piece(space.group()));
      start = space.end();
    }
    if (start < text.length()) {
      tokens.addAll(piece(text.substring(start)));
    }
    return tokens;
  }

  /** Drops every entry: the library's dictionary changed (user nouns added). */
  static void invalidate() {
    PIECES.invalidateAll();
    KOREAN_CHUNKS.invalidateAll();
    NORMALIZED_RUNS.invalidateAll();
  }

  private static List<Token> piece(String piece) {
    return lookup(PIECES, piece, OktPieceCache::analysePiece);
  }

  private static List<Token> analysePiece(String piece) {
    List<Token> tokens = new ArrayList<>();
    scala.collection.Iterator<KoreanToken> chunks =
        KoreanChunker.chunk(normalize(piece)).iterator();
    while (chunks.hasNext()) {
      KoreanToken chunk = chunks.next();
      if (chunk.pos() == KoreanPos.Korean()) {
        tokens.addAll(lookup(KOREAN_CHUNKS, chunk.text(), OktPieceCache::libraryTokens));
      } else if (chunk.pos() != KoreanPos.Space()) {
        // Other chunks pass through the library's tokenizer and stemmer as they are: no stem.
        tokens.add(new Token(chunk.text(), chunk.pos().toString(), null));
      }
    }
    return List.copyOf(tokens);
  }

  private static String normalize(String piece) {
    Matcher run = KOREAN_RUN.matcher(piece);
    StringBuilder normalized = null;
    int start = 0;
    while (run.find()) {
      if (normalized == null) {
        normalized = new StringBuilder(piece.length() + 8);
      }
      String text = run.group();
      normalized
          .append(piece, start, run.start())
          .append(
              normalizationMayChange(text)
                  ? lookup(NORMALIZED_RUNS, text, r -> OpenKoreanTextProcessorJava.normalize(r).toString())
                  : text);
      start = run.end();
    }
    return normalized == null ? piece : normalized.append(piece, start, piece.length()).toString();
  }

  /**
   * False only when the library's normalization certainly leaves {@code run} (one run of {@code
   * [ㄱ-ㅣ가-힣]+}) as it is, so that it need not be called: most runs, and the call is dear, because
   * its coda-ㄴ step tokenizes the whole run only to ignore the answer unless the run ends in ㄴ +
   * 데/가/지 (profile of issue #12: 92 % of normalization). Its steps, in {@code
   * KoreanNormalizer.normalizeKoreanChunk}, and what each needs to change anything:
   *
   * <ul>
   *   <li>endings ({@code ([가-힣]+)(ㅋ+|ㅎ+|[ㅠㅜ]+)}) and {@code [ㅠㅜ]{3,}}: a jamo (ㄱ-ㅣ);
   *   <li>{@code (.)\1{3,}}: a character four times in a row;
   *   <li>{@code (..)\1{2,}}: two characters three times in a row;
   *   <li>coda ㄴ ({@code normalizeCodaN}): a next-to-last syllable with final ㄴ and a last 데, 가
   *       or 지;
   *   <li>typos ({@code correctTypo}): a word of the library's typo list inside the run.
   * </ul>
   *
   * A run with none of these comes back unchanged (the whitespace step has none to replace).
   */
  static boolean normalizationMayChange(String run) {
    int n = run.length();
    for (int i = 0; i < n; i++) {
      char c = run.charAt(i);
      if (c >= 'ㄱ' && c <= 'ㅣ') {
        return true;
      }
      if (i + 3 < n && c == run.charAt(i + 1) && c == run.charAt(i + 2) && c == run.charAt(i + 3)) {
        return true;
      }
      if (i + 5 < n
          && c == run.charAt(i + 2) && c == run.charAt(i + 4)
          && run.charAt(i + 1) == run.charAt(i + 3) && run.charAt(i + 1) == run.charAt(i + 5)) {
        return true;
      }
    }
    if (n >= 2) {
      char head = run.charAt(n - 2);
      char last = run.charAt(n - 1);
      if (head >= '가' && head <= '힣'
          && Hangul.decomposeHangul(head).coda() == 'ㄴ'
          && (last == '데' || last == '가' || last == '지')) {
        return true;
      }
    }
    for (String typo : TYPOS) {
      if (run.contains(typo)) {
        return true;
      }
    }
    return false;
  }

  /** Every word of the library's typo list (the keys of its typo dictionary, all lengths). */
  private static final List<String> TYPOS = typos();

  private static List<String> typos() {
    List<String> words = new ArrayList<>();
    scala.collection.Iterator<scala.collection.immutable.Map<String, String>> byLength =
        KoreanDictionaryProvider.typoDictionaryByLength().valuesIterator();
    while (byLength.hasNext()) {
      scala.collection.Iterator<String> keys = byLength.next().keysIterator();
      while (keys.hasNext()) {
        words.add(keys.next());
      }
    }
    return List.copyOf(words);
  }

  /**
   * The library's own tokenize (chunk, parse, collapse nouns, stem) of {@code text}, Space tokens
   * dropped: what every cached entry is made of, and the reference the cache is tested against.
   */
  static List<Token> libraryTokens(CharSequence text) {
    List<KoreanTokenJava> raw =
        OpenKoreanTextProcessorJava.tokensToJavaKoreanTokenList(
            OpenKoreanTextProcessorJava.tokenize(text));
    List<Token> tokens = new ArrayList<>(raw.size());
    for (KoreanTokenJava t : raw) {
      if (t.getPos() == KoreanPosJava.Space) {
        continue;
      }
      // The library reports "no stem" as an empty string; the model stores null.
      String stem = t.getStem();
      tokens.add(new Token(t.getText(), t.getPos().name(), stem == null || stem.isEmpty() ? null : stem));
    }
    return List.copyOf(tokens);
  }

  private static <V> V lookup(Cache<String, V> cache, String key, Function<String, V> compute) {
    return key.length() > MAX_PIECE_CHARS ? compute.apply(key) : cache.get(key, compute);
  }
}
