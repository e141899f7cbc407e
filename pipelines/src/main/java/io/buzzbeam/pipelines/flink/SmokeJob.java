package io.buzzbeam.pipelines.flink;

import io.buzzbeam.pipelines.RunnerConfigs;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;

/**
 * A small real Beam job that proves the runner mechanics (runner configs, job jar, counters, fault
 * tolerance) until the full pipeline runs on Flink: it reads text files, counts words with a
 * combiner ({@link Count#perElement()}, lifted into a Flink combine), and writes {@code
 * word<TAB>count} lines, with Beam counters in the {@value #NAMESPACE} namespace.
 *
 * <pre>
 * java -cp 'pipelines/target/buzzbeam-pipelines.jar:pipelines/target/lib/*' \
 *   io.buzzbeam.pipelines.flink.SmokeJob --runnerConfig=flink-cluster \
 *   --input='/tmp/in/*.txt' --output=/tmp/out/counts
 * </pre>
 */
public final class SmokeJob {
  public static final String NAMESPACE = "buzzbeam.smoke";

  /** Options of the smoke job (plus any runner's options). */
  public interface Options extends PipelineOptions {
    @Description("Input file pattern (Beam glob), e.g. /data/in/*.txt")
    @Validation.Required
    String getInput();

    void setInput(String value);

    @Description("Output prefix: files PREFIX-SSSSS-of-NNNNN.txt")
    @Validation.Required
    String getOutput();

    void setOutput(String value);

    @Description("Output shards")
    @Default.Integer(2)
    int getOutputShards();

    void setOutputShards(int value);

    @Description("Milliseconds to sleep per input line (to make a long-running job for fault tests)")
    @Default.Long(0)
    long getSlowMillisPerLine();

    void setSlowMillisPerLine(long value);
  }

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{M}\\p{N}_]+");

  /** Lines → lowercase words; counts lines, empty lines, words and word lengths. */
  static final class Tokenize extends DoFn<String, String> {
    private final long slowMillis;
    private final Counter lines = Metrics.counter(NAMESPACE, "lines");
    private final Counter emptyLines = Metrics.counter(NAMESPACE, "emptyLines");
    private final Counter words = Metrics.counter(NAMESPACE, "words");
    private final Distribution wordLength = Metrics.distribution(NAMESPACE, "wordLength");

    Tokenize(long slowMillis) {
      this.slowMillis = slowMillis;
    }

    @ProcessElement
    public void process(@Element String line, OutputReceiver<String> out)
        throws InterruptedException {
      if (slowMillis > 0) {
        Thread.sleep(slowMillis);
      }
      lines.inc();
      if (line.isBlank()) {
        emptyLines.inc();
        return;
      }
      for (String w : NON_WORD.split(line.toLowerCase(Locale.ROOT))) {
        if (!w.isEmpty()) {
          words.inc();
          wordLength.update(w.codePointCount(0, w.length()));
          out.output(w);
        }
      }
    }
  }

  /** (word, count) → {@code word<TAB>count}; counts distinct words. */
  static final class Format extends DoFn<KV<String, Long>, String> {
    private final Counter distinctWords = Metrics.counter(NAMESPACE, "distinctWords");

    @ProcessElement
    public void process(@Element KV<String, Long> kv, OutputReceiver<String> out) {
      distinctWords.inc();
      out.output(kv.getKey() + "\t" + kv.getValue());
    }
  }

  private SmokeJob() {}

  public static Pipeline build(Options options) {
    Pipeline p = Pipeline.create(options);
    p.apply("Read", TextIO.read().from(options.getInput()))
        .apply("Tokenize", ParDo.of(new Tokenize(options.getSlowMillisPerLine())))
        .apply("CountWords", Count.perElement())
        .apply("Format", ParDo.of(new Format()))
        .apply(
            "Write",
            TextIO.write()
                .to(options.getOutput())
                .withSuffix(".txt")
                .withNumShards(Math.max(1, options.getOutputShards())));
    return p;
  }

  /**
   * The attempted values of the job's counters, by name, and of its distributions as {@code
   * NAME.count}, {@code .sum}, {@code .min}, {@code .max} (summed over steps).
   */
  public static Map<String, Long> metrics(PipelineResult result) {
    MetricQueryResults q =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(NAMESPACE)).build());
    Map<String, Long> out = new TreeMap<>();
    for (MetricResult<Long> c : q.getCounters()) {
      out.merge(c.getName().getName(), c.getAttempted(), Long::sum);
    }
    for (MetricResult<DistributionResult> d : q.getDistributions()) {
      String n = d.getName().getName();
      DistributionResult r = d.getAttempted();
      out.merge(n + ".count", r.getCount(), Long::sum);
      out.merge(n + ".sum", r.getSum(), Long::sum);
      out.merge(n + ".min", r.getMin(), Math::min);
      out.merge(n + ".max", r.getMax(), Math::max);
    }
    return out;
  }

  public static void main(String[] args) {
    String[] expanded = RunnerConfigs.apply(args, RunnerConfigs.defaultDir());
    Options options = PipelineOptionsFactory.fromArgs(expanded).withValidation().as(Options.class);
    long t0 = System.nanoTime();
    PipelineResult result = build(options).run();
    PipelineResult.State state = result.waitUntilFinish();
    System.out.printf(
        "SmokeJob %s on %s in %.1f s%n",
        state, options.getRunner().getSimpleName(), (System.nanoTime() - t0) / 1e9);
    metrics(result).forEach((k, v) -> System.out.println("  " + k + " = " + v));
    if (state != PipelineResult.State.DONE) {
      System.exit(1);
    }
  }
}
