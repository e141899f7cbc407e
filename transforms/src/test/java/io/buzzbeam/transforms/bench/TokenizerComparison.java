package io.buzzbeam.transforms.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.buzzbeam.model.Keyword;
import io.buzzbeam.transforms.keywords.CaptionTokenizer;
import io.buzzbeam.transforms.keywords.Keywords;
import io.buzzbeam.transforms.keywords.Stopwords;
import io.buzzbeam.transforms.keywords.TokenizerKind;
import io.buzzbeam.transforms.keywords.UserDictionary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Okt against Nori ({@code --tokenizer}) on real reviews (the NSMC corpus) and on the demo's
 * captions (a generated landing zone): documents per second of each, single thread, both with the
 * built-in user dictionary and stopwords, and how far their top-50 keywords (by occurrence, the
 * ranking of the keyword cloud) agree. Not a test: run by {@code scripts/bench.sh tokenizers}.
 *
 * <pre>
 * java -cp ... io.buzzbeam.transforms.bench.TokenizerComparison CORPUS LANDING_DIR [reviews] [seconds]
 * </pre>
 *
 * Defaults: 5,000 reviews; 8 s of warm-up (JIT) per tokenizer on other reviews before any timed
 * pass (Okt needs 5–7 s on a quiet machine: a shorter one makes whichever corpus comes first look
 * slow).
 */
public final class TokenizerComparison {

  private static final int TOP = 50;

  public static void main(String[] args) throws IOException {
    Path corpus = Path.of(args[0]);
    Path landing = Path.of(args[1]);
    int reviews = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
    double warmupSeconds = args.length > 3 ? Double.parseDouble(args[3]) : 8;

    UserDictionary dictionary = UserDictionary.defaults();
    Stopwords stopwords = Stopwords.defaults();
    Map<TokenizerKind, CaptionTokenizer> tokenizers = new HashMap<>();
    for (TokenizerKind kind : TokenizerKind.values()) {
      long t0 = System.nanoTime();
      tokenizers.put(kind, kind.create(dictionary));
      System.out.printf("%s: dictionaries loaded in %.1f s%n", kind.optionValue(), TokenizerBenchmark.seconds(t0));
    }

    List<String> nsmc = TokenizerBenchmark.reviews(corpus);
    List<String> warmup = nsmc.subList(Math.min(reviews, nsmc.size()), Math.min(nsmc.size(), reviews + 3000));
    for (TokenizerKind kind : TokenizerKind.values()) {
      long tw = System.nanoTime();
      int done = 0;
      for (int i = 0; TokenizerBenchmark.seconds(tw) < warmupSeconds; i = (i + 1) % warmup.size()) {
        tokenizers.get(kind).tokenize(warmup.get(i));
        done++;
      }
      System.out.printf(
          "%s: warm-up %,d documents in %.1f s%n", kind.optionValue(), done, TokenizerBenchmark.seconds(tw));
    }
    Map<String, List<String>> corpora = new LinkedHashMap<>();
    corpora.put("NSMC reviews", nsmc.subList(0, Math.min(reviews, nsmc.size())));
    corpora.put("demo captions", captions(landing));

    System.out.printf(
        "%-14s %6s %9s %11s %11s %7s %14s %8s%n",
        "corpus", "docs", "chars/doc", "okt docs/s", "nori docs/s", "nori/okt", "top-50 shared", "jaccard");
    List<String> notes = new ArrayList<>();
    for (Map.Entry<String, List<String>> c : corpora.entrySet()) {
      List<String> docs = c.getValue();
      Pass okt = pass(tokenizers.get(TokenizerKind.OKT), stopwords, docs);
      Pass nori = pass(tokenizers.get(TokenizerKind.NORI), stopwords, docs);
      List<String> oktTop = okt.top(TOP);
      List<String> noriTop = nori.top(TOP);
      Set<String> shared = new LinkedHashSet<>(oktTop);
      shared.retainAll(noriTop);
      Set<String> union = new LinkedHashSet<>(oktTop);
      union.addAll(noriTop);
      System.out.printf(
          "%-14s %6d %9.1f %11.0f %11.0f %7.1fx %10d/%d %8.2f%n",
          c.getKey(), docs.size(), TokenizerBenchmark.averageLength(docs), okt.rate(), nori.rate(),
          nori.rate() / okt.rate(), shared.size(), TOP, (double) shared.size() / union.size());
      notes.add(c.getKey() + " top 10 okt:  " + okt.top(10));
      notes.add(c.getKey() + " top 10 nori: " + nori.top(10));
      notes.add(c.getKey() + " top 50 only okt:  " + without(oktTop, noriTop));
      notes.add(c.getKey() + " top 50 only nori: " + without(noriTop, oktTop));
    }
    notes.forEach(System.out::println);
    System.out.println(
        "(single thread, default user dictionary and stopwords, keywords compared by text;"
            + " a shared, busy machine: the rates are indicative)");
  }

  /** One timed pass: documents per second and keyword occurrences. */
  private static final class Pass {
    double seconds;
    int docs;
    final Map<String, Integer> occurrences = new HashMap<>();

    double rate() {
      return docs / seconds;
    }

    /** The n most frequent keywords; ties by keyword, so that the list is the same every run. */
    List<String> top(int n) {
      return occurrences.entrySet().stream()
          .sorted(
              Comparator.comparing(Map.Entry<String, Integer>::getValue)
                  .reversed()
                  .thenComparing(Map.Entry::getKey))
          .limit(n)
          .map(Map.Entry::getKey)
          .collect(Collectors.toList());
    }
  }

  private static Pass pass(CaptionTokenizer tokenizer, Stopwords stopwords, List<String> docs) {
    Pass pass = new Pass();
    long t = System.nanoTime();
    for (String doc : docs) {
      for (Keyword k : Keywords.of(tokenizer.tokenize(doc), stopwords)) {
        pass.occurrences.merge(k.getToken(), 1, Integer::sum);
      }
      pass.docs++;
    }
    pass.seconds = TokenizerBenchmark.seconds(t);
    return pass;
  }

  /**
   * The distinct captions of a landing zone (what TokenizeCaptions tokenizes): Graph API
   * {@code caption} fields and Instaloader {@code edge_media_to_caption} texts, in every file
   * kind the generator writes (.jsonl, .json, gzip, xz); unparsable lines (the generator's
   * planted faults) are skipped.
   */
  static List<String> captions(Path landing) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Set<String> captions = new LinkedHashSet<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(landing)) {
      files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      try (InputStream raw = Files.newInputStream(file);
          InputStream in =
              name.endsWith(".gz")
                  ? new GZIPInputStream(raw)
                  : name.endsWith(".xz") ? new XZInputStream(raw) : raw;
          BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        List<String> records =
            name.contains(".jsonl")
                ? r.lines().collect(Collectors.toList())
                : List.of(r.lines().collect(Collectors.joining("\n")));
        for (String record : records) {
          try {
            collect(json.readTree(record), false, captions);
          } catch (IOException malformed) {
            // a planted fault of the generator: not a caption
          }
        }
      }
    }
    captions.remove("");
    return new ArrayList<>(captions);
  }

  private static void collect(JsonNode node, boolean underCaptionEdge, Set<String> out) {
    if (node == null) {
      return;
    }
    node.fields()
        .forEachRemaining(
            f -> {
              JsonNode v = f.getValue();
              boolean edge = underCaptionEdge || f.getKey().equals("edge_media_to_caption");
              if (v.isTextual()
                  && (f.getKey().equals("caption") || (edge && f.getKey().equals("text")))) {
                out.add(v.asText());
              } else if (v.isObject()) {
                collect(v, edge, out);
              } else if (v.isArray()) {
                v.forEach(e -> collect(e, edge, out));
              }
            });
  }

  private static List<String> without(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.removeAll(b);
    return out;
  }
}
