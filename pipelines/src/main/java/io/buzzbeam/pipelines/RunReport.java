package io.buzzbeam.pipelines;

import io.buzzbeam.transforms.quality.QualityCount;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The end-of-run report of SPEC §7, built from the job's Beam counters (namespace {@code buzzbeam}),
 * which every runner reports the same way: items read / valid / rejected by reason / defaulted by
 * field per model, rows written per sink, elapsed time.
 *
 * <p>Counter names: {@code <model>.<metric>} or {@code <model>.<metric>.<field>} for the quality
 * counts, {@code sink.<sink>.<table or collection>} for rows written.
 */
public final class RunReport {
  public static final String NAMESPACE = QualityCount.COUNTER_NAMESPACE;
  static final List<String> MODELS =
      List.of(
          QualityCount.MODEL_FILE,
          QualityCount.MODEL_ENVELOPE,
          QualityCount.MODEL_MEDIA,
          QualityCount.MODEL_PROFILE);

  /** counter name → value */
  private final Map<String, Long> counters;

  public RunReport(Map<String, Long> counters) {
    this.counters = new TreeMap<>(counters);
  }

  /** Reads the buzzbeam counters of a (finished or running) job. */
  public static RunReport of(PipelineResult result) {
    Map<String, Long> values = new TreeMap<>();
    MetricQueryResults metrics =
        result
            .metrics()
            .queryMetrics(MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(NAMESPACE)).build());
    for (MetricResult<Long> c : metrics.getCounters()) {
      values.merge(c.getName().getName(), committedOrAttempted(c), Long::sum);
    }
    return new RunReport(values);
  }

  private static long committedOrAttempted(MetricResult<Long> c) {
    try {
      Long committed = c.getCommitted();
      if (committed != null) {
        return committed;
      }
    } catch (UnsupportedOperationException e) {
      // Runners without committed metrics (Flink batch) report attempted values, exact for a finished batch job.
    }
    Long attempted = c.getAttempted();
    return attempted == null ? 0 : attempted;
  }

  /**
   * This report with the quality counts ({@code <model>.<metric>[.<field>]}) replaced by {@code
   * exact} ones, e.g. the run's staged {@code quality_report}: counters of a retried task may count
   * twice, the summed and upserted report cannot.
   */
  public RunReport withQuality(Map<String, Long> exact) {
    Map<String, Long> merged = new TreeMap<>();
    counters.forEach(
        (k, v) -> {
          if (!isQuality(k)) {
            merged.put(k, v);
          }
        });
    merged.putAll(exact);
    return new RunReport(merged);
  }

  private static boolean isQuality(String counter) {
    return MODELS.stream().anyMatch(m -> counter.startsWith(m + "."));
  }

  /** This report with the time the publish transaction took. */
  public RunReport withPublishMillis(long millis) {
    Map<String, Long> merged = new TreeMap<>(counters);
    merged.put(PUBLISH_MILLIS, millis);
    return new RunReport(merged);
  }

  static final String PUBLISH_MILLIS = "publish.millis";

  /** The rows each table holds for the run's scope after publishing ({@code Publisher.publish}). */
  public void printPublished(PrintStream out, Map<String, Long> published) {
    List<String> tables = new ArrayList<>();
    published.forEach((t, n) -> tables.add(t + "=" + n(n)));
    out.printf(
        Locale.ROOT,
        "  published in one transaction (%s): %s%n",
        seconds(get(PUBLISH_MILLIS)),
        tables.isEmpty() ? "nothing" : String.join(", ", tables));
  }

  public long get(String name) {
    return counters.getOrDefault(name, 0L);
  }

  public Map<String, Long> counters() {
    return counters;
  }

  /** Items read over every model. */
  public long totalRead() {
    return MODELS.stream().mapToLong(m -> get(m + ".read")).sum();
  }

  /** Items rejected over every model. */
  public long totalRejected() {
    return MODELS.stream().mapToLong(m -> get(m + ".rejected")).sum();
  }

  /** The models for which read = valid + rejected does not hold (empty when all hold). */
  public List<String> unbalancedModels() {
    List<String> bad = new ArrayList<>();
    for (String m : MODELS) {
      if (get(m + ".read") != get(m + ".valid") + get(m + ".rejected")) {
        bad.add(m);
      }
    }
    return bad;
  }

  /** One line of progress while the job runs. */
  public String progressLine(long elapsedMillis) {
    return progressLine(elapsedMillis, 0);
  }

  /**
   * One line of progress while the job runs; with {@code filesToRead} > 0, how far reading has got
   * (files read of the files the run will open): roughly how far along the run is, as reading and
   * parsing lead the rest of the pipeline.
   */
  public String progressLine(long elapsedMillis, long filesToRead) {
    String files =
        filesToRead > 0
            ? String.format(
                Locale.ROOT, "%s of %s (%d %%)", n(get("file.read")), n(filesToRead),
                Math.min(100, 100 * get("file.read") / filesToRead))
            : n(get("file.read"));
    return String.format(
        Locale.ROOT,
        "[progress %s] files %s, envelopes %s, media read %s (valid %s, rejected %s), profiles %s,"
            + " captions tokenized %s, rows written %s",
        seconds(elapsedMillis),
        files,
        n(get("envelope.read")),
        n(get("media.read")),
        n(get("media.valid")),
        n(get("media.rejected")),
        n(get("profile.read")),
        n(get("keywords.captions_tokenized")),
        n(rowsWritten()));
  }

  /**
   * The progress line of a run whose workers are elsewhere (a standalone Flink cluster): their
   * counters reach this client only when the job ends, so it says so rather than print zeros.
   */
  public static String remoteProgressLine(long elapsedMillis, String where) {
    return String.format(
        Locale.ROOT,
        "[progress %s] running on %s (the workers' counts reach this client when the job ends)",
        seconds(elapsedMillis),
        where);
  }

  /** Rows and documents written over every sink. */
  public long rowsWritten() {
    return counters.entrySet().stream()
        .filter(e -> e.getKey().startsWith("sink.") && !e.getKey().endsWith(".deleted"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  public void print(PrintStream out, String runId, String runner, long elapsedMillis, String status) {
    out.printf(Locale.ROOT, "%nbuzzbeam run %s on %s: %s in %s%n", runId, runner, status, seconds(elapsedMillis));
    out.printf(Locale.ROOT, "  %-9s %12s %12s %12s%n", "model", "read", "valid", "rejected");
    for (String m : MODELS) {
      out.printf(
          Locale.ROOT,
          "  %-9s %12s %12s %12s%n",
          m,
          n(get(m + ".read")),
          n(get(m + ".valid")),
          n(get(m + ".rejected")));
    }
    List<String> bad = unbalancedModels();
    out.println(
        bad.isEmpty()
            ? "  read = valid + rejected holds for every model"
            : "  WARNING: read != valid + rejected for " + bad);
    printGroup(out, "rejected by reason", ".rejected_by_reason.");
    printGroup(out, "defaulted by field", ".defaulted.");
    printGroup(out, "skipped", ".skipped.");
    // Not read, so outside read = valid + rejected: files whose path dates them before the window.
    long pruned = get(QualityCount.counterName(QualityCount.MODEL_FILE, QualityCount.PRUNED, ""));
    if (pruned > 0) {
      out.printf(Locale.ROOT, "  files pruned by --from: %s%n", n(pruned));
    }
    out.printf(
        Locale.ROOT,
        "  captions: %s distinct tokenized for %s media%n",
        n(get("keywords.captions_tokenized")),
        n(get("keywords.media_tokenized")));
    List<String> sinks = new ArrayList<>();
    counters.forEach(
        (k, v) -> {
          if (k.startsWith("sink.") && !k.endsWith(".deleted")) {
            sinks.add(k.substring(5) + "=" + n(v));
          }
        });
    out.println("  rows written: " + (sinks.isEmpty() ? "none" : String.join(", ", sinks)));
  }

  private void printGroup(PrintStream out, String title, String infix) {
    List<String> items = new ArrayList<>();
    for (String m : MODELS) {
      String prefix = m + infix;
      counters.forEach(
          (k, v) -> {
            if (k.startsWith(prefix) && v > 0) {
              items.add(m + " " + k.substring(prefix.length()) + "=" + n(v));
            }
          });
    }
    if (!items.isEmpty()) {
      out.println("  " + title + ": " + String.join(", ", items));
    }
  }

  static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
