package io.buzzbeam.transforms.quality;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quality increments summed within a bundle and emitted once per (model, metric, field) at its
 * end, instead of one {@link QualityCount} element per increment: parsing counts read, valid and
 * defaulted fields for every item, so a 276,153-item zone made about a million elements that were
 * encoded, shuffled and summed again (issue #12). The Beam counters still move per increment
 * ({@link QualityCounters}), so progress lines stay live; the summed collection stays the exact
 * figure, as before.
 */
public final class QualityTally implements Serializable {

  private static final long serialVersionUID = 1L;

  private final QualityCounters counters = new QualityCounters();
  private transient Map<String, QualityCount> sums;

  public void add(String model, String metric, String field, long n) {
    QualityCount count = counters.increment(model, metric, field, n);
    if (sums == null) {
      sums = new LinkedHashMap<>();
    }
    sums.merge(
        count.model + '\u0000' + count.metric + '\u0000' + count.field,
        count,
        (a, b) -> QualityCount.of(a.model, a.metric, a.field, a.value + b.value));
  }

  /** The sums since the last drain, emptying the tally. */
  public List<QualityCount> drain() {
    if (sums == null || sums.isEmpty()) {
      return List.of();
    }
    List<QualityCount> out = new ArrayList<>(sums.values());
    sums.clear();
    return out;
  }
}
