package io.buzzbeam.transforms.keywords;

import io.buzzbeam.model.Token;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openkoreantext.processor.KoreanPosJava;
import org.openkoreantext.processor.OpenKoreanTextProcessorJava;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Korean morphological analysis with open-korean-text (the engine behind KoNLPy's {@code Okt}).
 *
 * <p>The recipe is KoNLPy's {@code Okt.pos(text, norm=True, stem=True)}: {@code normalize} →
 * {@code tokenize} → drop {@code Space} tokens. Each token keeps its surface text, its part of
 * speech ({@link KoreanPosJava} name) and its stem when the library gives one (verbs and adjectives:
 * 갖고 → 갖다); the library reports "no stem" as an empty string, stored here as null.
 *
 * <p>The library's answers are memoized per JVM, piece by piece ({@link OktPieceCache}: the same
 * tokens, a fraction of the work, since captions repeat their words).
 *
 * <p>The library's dictionaries are static and load on first use (~2 s, ~72 MB); the tokenizer is
 * thread-safe. Construct one per worker (a DoFn's {@code @Setup}); the constructor pays the loading
 * cost up front so that the first element is not slow.
 *
 * <p><b>User dictionary.</b> The library has one noun dictionary per JVM, and
 * {@code addNounsToDictionary} mutates it: there is no per-instance dictionary. The constructor
 * adds the words of its {@link UserDictionary} that this JVM has not added yet, under a lock, so
 * that every DoFn instance of a worker may call it in {@code @Setup}: the first one adds the list,
 * the others find nothing new and change nothing (idempotent), and none of them tokenizes before
 * the words are in. The consequence, chosen and documented: <em>a JVM's dictionary is the union of
 * every list applied in it</em>. Two pipelines in one JVM (tests, or two jobs on one Flink
 * TaskManager) with different lists both keep every word of both lists whole; removing words of a
 * finished pipeline could take away nouns the library had before (샤넬 and 이유식 are in its own
 * dictionary) or words another pipeline still relies on. A second, different list is logged as a
 * warning; adding it also mutates the dictionary while other threads may be tokenizing, so run
 * pipelines with different lists in separate JVMs (separate Flink sessions, or the direct runner
 * one run per process, which is what {@code buzzbeam run} does).
 */
public final class KoreanTokenizer implements CaptionTokenizer {

  private static final Logger LOG = LoggerFactory.getLogger(KoreanTokenizer.class);
  private static final Object LOAD_LOCK = new Object();
  private static volatile boolean loaded;

  /** The user words added to the library's JVM-wide noun dictionary so far; guarded by LOAD_LOCK. */
  private static final Set<String> addedNouns = new HashSet<>();

  /** The library's own dictionaries, plus whatever user words this JVM already holds. */
  public KoreanTokenizer() {
    this(UserDictionary.none());
  }

  /** The library's dictionaries with {@code userDictionary}'s words added as nouns (see above). */
  public KoreanTokenizer(UserDictionary userDictionary) {
    ensureLoaded();
    addNouns(userDictionary);
  }

  private static void addNouns(UserDictionary userDictionary) {
    synchronized (LOAD_LOCK) {
      List<String> fresh = new ArrayList<>();
      for (String word : userDictionary.words()) {
        if (!addedNouns.contains(word)) {
          fresh.add(word);
        }
      }
      if (fresh.isEmpty()) {
        return;
      }
      if (!addedNouns.isEmpty()) {
        LOG.warn(
            "open-korean-text's noun dictionary is one per JVM: adding {} user words to the {}"
                + " already added by another list; every tokenizer in this JVM now keeps both lists'"
                + " words whole",
            fresh.size(),
            addedNouns.size());
      }
      OpenKoreanTextProcessorJava.addNounsToDictionary(fresh);
      addedNouns.addAll(fresh);
      // What the library answers has changed: nothing cached before may be served again.
      OktPieceCache.invalidate();
    }
  }

  /** The user words this JVM's open-korean-text noun dictionary holds (the union, see above). */
  static Set<String> addedNouns() {
    synchronized (LOAD_LOCK) {
      return Collections.unmodifiableSet(new HashSet<>(addedNouns));
    }
  }

  /**
   * Loads the library's dictionaries now, if this JVM has not yet (about 2.8 s here, once per
   * JVM). A run whose workers share the JVM (the embedded MiniCluster, the DirectRunner) calls it
   * on a spare thread while the pipeline is translated, so that the tokenizing step's first
   * {@code @Setup} finds them loaded; the user words are still added there.
   */
  public static void loadDictionaries() {
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

  /**
   * normalize → tokenize → drop Space: the tokens of SPEC §4 and §6 ({@code morphs}), the
   * library's own, memoized piece by piece across captions ({@link OktPieceCache}).
   */
  @Override
  public List<Token> tokenize(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    return OktPieceCache.tokenize(text);
  }

  /** Tokenize without normalization (KoNLPy's {@code norm=False}); for comparison and tests. */
  public List<Token> tokenizeWithoutNormalizing(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    return OktPieceCache.libraryTokens(text);
  }

  /** The library's normalization alone, e.g. ㅋㅋㅋㅋ → ㅋㅋㅋ, 되나욬 → 되나요. */
  public String normalize(String text) {
    return OpenKoreanTextProcessorJava.normalize(text).toString();
  }
}
