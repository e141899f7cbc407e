package io.buzzbeam.transforms.quality;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Mirrors quality increments into Beam counters ({@code buzzbeam:<model>.<metric>[.<field>]}) so
 * that every runner's UI and metrics API report the same numbers as the quality report. The
 * counters are best-effort (a retried bundle may count twice on some runners); the summed
 * {@link QualityCount} collection is the exact figure.
 */
public final class QualityCounters implements Serializable {

  private transient Map<String, RunCounter> counters;

  /** Increments the counter and returns the matching increment for the quality collection. */
  public QualityCount increment(String model, String metric, String field, long n) {
    QualityCount count = QualityCount.of(model, metric, field, n);
    if (counters == null) {
      counters = new HashMap<>();
    }
    counters
        .computeIfAbsent(
            count.counterName(), RunCounter::of)
        .inc(n);
    return count;
  }
}
