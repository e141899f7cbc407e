package io.buzzbeam.transforms.bench;

import io.buzzbeam.model.Keyword;
import io.buzzbeam.model.Token;
import io.buzzbeam.transforms.keywords.Keywords;
import io.buzzbeam.transforms.keywords.KoreanTokenizer;
import io.buzzbeam.transforms.keywords.Stopwords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Documents per second of caption tokenizing, per element versus de-duplicated by caption (what
 * {@link io.buzzbeam.transforms.keywords.TokenizeCaptions} does), on a polling-like input: each
 * real review of the NSMC corpus repeated ~100 times, shuffled, as the same captions come back
 * in every collection run. Not a test; one run takes well under a minute.
 *
 * <pre>
 * mvn -B -o -q -pl transforms test-compile
 * java -cp "transforms/target/classes:transforms/target/test-classes:$(cat cp.txt)" \
 *     io.buzzbeam.transforms.bench.TokenizerBenchmark [corpus] [distinct] [repeats] [seconds]
 * </pre>
 *
 * Defaults: ../shared/corpora/nsmc_ratings_test.txt (the corpus kept beside the repository), 300 distinct reviews, 100 repeats, a
 * 12 s budget for the per-element passes (they stop early and report the rate they reached).
 */
public final class TokenizerBenchmark {

  public static void main(String[] args) throws IOException {
    Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpora/nsmc_ratings_test.txt");
    int distinct = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    double budgetSeconds = args.length > 3 ? Double.parseDouble(args[3]) : 12;

    List<String> reviews = reviews(corpus);
    List<String> captions = reviews.subList(0, distinct);
    List<String> warmup = reviews.subList(distinct, Math.min(reviews.size(), distinct + 3000));
    List<String> input = new ArrayList<>(distinct * repeats);
    for (int r = 0; r < repeats; r++) {
      input.addAll(captions);
    }
    Collections.shuffle(input, new Random(42));

    Stopwords stopwords = Stopwords.defaults();
    long t0 = System.nanoTime();
    KoreanTokenizer tokenizer = new KoreanTokenizer();
    System.out.printf("dictionary load: %.1f s%n", seconds(t0));

    // JIT warm-up on other reviews, so that neither measured pass pays for it.
    long tw = System.nanoTime();
    int warmed = 0;
    for (String doc : warmup) {
      analyze(tokenizer, stopwords, doc);
      warmed++;
      if (seconds(tw) > 5) {
        break;
      }
    }
    System.out.printf("warm-up: %d documents in %.1f s%n", warmed, seconds(tw));

    // 1. Per element: every document tokenized, duplicates included. Measured twice, before and
    // after the de-duplicated pass, and the faster of the two is kept: JIT warm-up still going on
    // must not flatter the de-duplication.
    PerElement before = perElement(tokenizer, stopwords, input, 0, budgetSeconds / 2);

    // 2. De-duplicated: group by caption, tokenize each distinct caption once, join back.
    long t2 = System.nanoTime();
    Map<String, List<Integer>> byCaption = new LinkedHashMap<>();
    for (int i = 0; i < input.size(); i++) {
      byCaption.computeIfAbsent(input.get(i), c -> new ArrayList<>()).add(i);
    }
    List<List<Keyword>> joined = new ArrayList<>(Collections.nCopies(input.size(), null));
    for (Map.Entry<String, List<Integer>> e : byCaption.entrySet()) {
      List<Keyword> keywords = analyze(tokenizer, stopwords, e.getKey());
      for (int i : e.getValue()) {
        joined.set(i, keywords);
      }
    }
    double dedupSeconds = seconds(t2);
    double dedupRate = input.size() / dedupSeconds;

    PerElement after = perElement(tokenizer, stopwords, input, before.done, budgetSeconds / 2);
    double perElementRate = Math.max(before.rate(), after.rate());
    long checksum2 = 0;
    for (int i = 0; i < before.done + after.done; i++) {
      checksum2 += joined.get(i).size();
    }
    long checksum1 = before.keywords + after.keywords;
    int perElementDone = before.done + after.done;

    System.out.printf(
        "input: %,d documents = %d distinct reviews x %d (shuffled), %.1f chars/review%n",
        input.size(), distinct, repeats, averageLength(captions));
    System.out.printf(
        "per element:   %,9.0f documents/s  (best of %,.0f/s before and %,.0f/s after)%n",
        perElementRate, before.rate(), after.rate());
    System.out.printf(
        "de-duplicated: %,9.0f documents/s  (%,d documents, %,d tokenized, in %.1f s)%n",
        dedupRate, input.size(), byCaption.size(), dedupSeconds);
    System.out.printf("speed-up: %.1fx%n", dedupRate / perElementRate);
    System.out.printf(
        "same keywords for the first %,d documents: %s%n", perElementDone, checksum1 == checksum2);
  }

  /** A per-element pass: documents done, seconds taken, keywords found (a checksum). */
  private static final class PerElement {
    int done;
    double seconds;
    long keywords;

    double rate() {
      return done / seconds;
    }
  }

  private static PerElement perElement(
      KoreanTokenizer tokenizer, Stopwords stopwords, List<String> input, int from, double budget) {
    PerElement pass = new PerElement();
    long t = System.nanoTime();
    for (int i = from; i < input.size() && seconds(t) <= budget; i++) {
      pass.keywords += analyze(tokenizer, stopwords, input.get(i)).size();
      pass.done++;
    }
    pass.seconds = seconds(t);
    return pass;
  }

  private static List<Keyword> analyze(KoreanTokenizer tokenizer, Stopwords stopwords, String doc) {
    List<Token> tokens = tokenizer.tokenize(doc);
    return Keywords.of(tokens, stopwords);
  }

  /** The non-empty review texts (second column), header skipped, distinct, in file order. */
  static List<String> reviews(Path corpus) throws IOException {
    LinkedHashMap<String, Boolean> seen = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(corpus, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] columns = line.split("\t", -1);
      if (columns.length >= 2 && !columns[1].isBlank()) {
        seen.putIfAbsent(columns[1], Boolean.TRUE);
      }
    }
    return new ArrayList<>(seen.keySet());
  }

  static double averageLength(List<String> docs) {
    long chars = 0;
    for (String d : docs) {
      chars += d.length();
    }
    return (double) chars / docs.size();
  }

  static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
