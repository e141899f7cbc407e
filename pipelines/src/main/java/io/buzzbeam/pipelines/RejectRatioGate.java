package io.buzzbeam.pipelines;

import io.buzzbeam.transforms.quality.QualityCount;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * SPEC §7 {@code --maxRejectRatio} (rev. 2): when rejected items exceed that share of the items
 * read, no marts or facts are published. Items are the things that carry data, each counted once:
 *
 * <pre>
 *   items read     = media read + profiles read + rejected envelopes + rejected files
 *   items rejected = media rejected + profiles rejected + rejected envelopes + rejected files
 * </pre>
 *
 * A valid file or envelope is a container, not an item (ten Instaloader files whose posts all lack
 * {@code id} are ten rejected media out of ten, not ten out of twenty). {@link #decide} is the one
 * home of that rule: the driver applies it to the run's exact, staged {@code quality_report} to
 * choose between publishing and exit status 3, and this transform applies it inside the pipeline
 * for the Mongo writers, from the same quality counts. The in-pipeline decision is also recorded as
 * the counter {@code buzzbeam/gate.open} or {@code gate.closed} (a boolean, exact even if a retried
 * bundle counts it twice), for runs without the JDBC sink.
 */
public final class RejectRatioGate extends PTransform<PCollection<QualityCount>, PCollection<Boolean>> {
  public static final String OPEN_COUNTER = "gate.open";
  public static final String CLOSED_COUNTER = "gate.closed";

  private final double maxRejectRatio;

  private RejectRatioGate(double maxRejectRatio) {
    this.maxRejectRatio = maxRejectRatio;
  }

  public static RejectRatioGate of(double maxRejectRatio) {
    return new RejectRatioGate(maxRejectRatio);
  }

  /** Items read and rejected as SPEC §7 rev. 2 counts them, from {@code total("<model>.<metric>")}. */
  public static long[] items(ToLongFunction<String> total) {
    long containersRejected =
        total.applyAsLong(QualityCount.MODEL_ENVELOPE + "." + QualityCount.REJECTED)
            + total.applyAsLong(QualityCount.MODEL_FILE + "." + QualityCount.REJECTED);
    long read =
        total.applyAsLong(QualityCount.MODEL_MEDIA + "." + QualityCount.READ)
            + total.applyAsLong(QualityCount.MODEL_PROFILE + "." + QualityCount.READ)
            + containersRejected;
    long rejected =
        total.applyAsLong(QualityCount.MODEL_MEDIA + "." + QualityCount.REJECTED)
            + total.applyAsLong(QualityCount.MODEL_PROFILE + "." + QualityCount.REJECTED)
            + containersRejected;
    return new long[] {read, rejected};
  }

  /** True when publishing is allowed: items rejected ≤ maxRejectRatio × items read. */
  public static boolean decide(ToLongFunction<String> total, double maxRejectRatio) {
    long[] items = items(total);
    return items[0] == 0 || items[1] <= maxRejectRatio * items[0];
  }

  @Override
  public PCollection<Boolean> expand(PCollection<QualityCount> quality) {
    // Without Combine's default value (produced from a side input): the quality counts always
    // hold the zero counts of every model, so the input is never empty.
    return quality
        .apply("ReadVersusRejected", Combine.globally(new GateFn(maxRejectRatio)).withoutDefaults())
        .apply("RecordDecision", ParDo.of(new RecordFn()))
        .setCoder(BooleanCoder.of());
  }

  /** Totals per "model.metric" (field "" only), then {@link #decide}. */
  static final class GateFn extends Combine.CombineFn<QualityCount, HashMap<String, Long>, Boolean> {
    private final double maxRejectRatio;

    GateFn(double maxRejectRatio) {
      this.maxRejectRatio = maxRejectRatio;
    }

    @Override
    public HashMap<String, Long> createAccumulator() {
      return new HashMap<>();
    }

    @Override
    public HashMap<String, Long> addInput(HashMap<String, Long> acc, QualityCount q) {
      if (q.field == null || q.field.isEmpty()) {
        acc.merge(q.model + "." + q.metric, q.value, Long::sum);
      }
      return acc;
    }

    @Override
    public HashMap<String, Long> mergeAccumulators(Iterable<HashMap<String, Long>> accs) {
      HashMap<String, Long> merged = new HashMap<>();
      for (Map<String, Long> a : accs) {
        a.forEach((k, v) -> merged.merge(k, v, Long::sum));
      }
      return merged;
    }

    @Override
    public Boolean extractOutput(HashMap<String, Long> acc) {
      return decide(k -> acc.getOrDefault(k, 0L), maxRejectRatio);
    }
  }

  private static final class RecordFn extends DoFn<Boolean, Boolean> {
    private final Counter open = Metrics.counter(QualityCount.COUNTER_NAMESPACE, OPEN_COUNTER);
    private final Counter closed = Metrics.counter(QualityCount.COUNTER_NAMESPACE, CLOSED_COUNTER);

    @ProcessElement
    public void process(@Element Boolean decision, OutputReceiver<Boolean> out) {
      (decision ? open : closed).inc();
      out.output(decision);
    }
  }
}
