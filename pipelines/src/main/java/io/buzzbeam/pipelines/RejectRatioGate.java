package io.buzzbeam.pipelines;

import io.buzzbeam.transforms.quality.QualityCount;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * SPEC §7 {@code --maxRejectRatio}: when rejected items exceed that share of the items read (all
 * models together), no marts or facts are written. The decision is a collection of exactly one
 * {@code Boolean} that the mart and fact writers take ({@code onlyIf}), so it is taken inside the
 * pipeline and holds on every runner; the driver recomputes it from the job's counters with {@link
 * #isOpen} to choose exit status 3.
 */
public final class RejectRatioGate extends PTransform<PCollection<QualityCount>, PCollection<Boolean>> {
  private final double maxRejectRatio;

  private RejectRatioGate(double maxRejectRatio) {
    this.maxRejectRatio = maxRejectRatio;
  }

  public static RejectRatioGate of(double maxRejectRatio) {
    return new RejectRatioGate(maxRejectRatio);
  }

  /** True when writing marts and facts is allowed: rejected ≤ maxRejectRatio × read. */
  public static boolean isOpen(long read, long rejected, double maxRejectRatio) {
    return read == 0 || rejected <= maxRejectRatio * read;
  }

  @Override
  public PCollection<Boolean> expand(PCollection<QualityCount> quality) {
    // Without Combine's default value (produced from a side input): the quality counts always
    // hold the zero counts of every model, so the input is never empty.
    return quality.apply(
        "ReadVersusRejected", Combine.globally(new GateFn(maxRejectRatio)).withoutDefaults());
  }

  /** Sums read and rejected over every model (the totals, field ""), then applies {@link #isOpen}. */
  static final class GateFn extends Combine.CombineFn<QualityCount, KV<Long, Long>, Boolean> {
    private final double maxRejectRatio;

    GateFn(double maxRejectRatio) {
      this.maxRejectRatio = maxRejectRatio;
    }

    @Override
    public KV<Long, Long> createAccumulator() {
      return KV.of(0L, 0L);
    }

    @Override
    public KV<Long, Long> addInput(KV<Long, Long> acc, QualityCount q) {
      if (!q.field.isEmpty()) {
        return acc;
      }
      if (q.metric.equals("read")) {
        return KV.of(acc.getKey() + q.value, acc.getValue());
      }
      if (q.metric.equals("rejected")) {
        return KV.of(acc.getKey(), acc.getValue() + q.value);
      }
      return acc;
    }

    @Override
    public KV<Long, Long> mergeAccumulators(Iterable<KV<Long, Long>> accs) {
      long read = 0;
      long rejected = 0;
      for (KV<Long, Long> a : accs) {
        read += a.getKey();
        rejected += a.getValue();
      }
      return KV.of(read, rejected);
    }

    @Override
    public Boolean extractOutput(KV<Long, Long> acc) {
      return isOpen(acc.getKey(), acc.getValue(), maxRejectRatio);
    }
  }
}
