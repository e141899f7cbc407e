package io.buzzbeam.transforms.testing;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** Beam counters of a finished test run. */
public final class Counters {

  private Counters() {}

  /** The attempted value of counter {@code namespace}/{@code name}, summed over the steps that have it. */
  public static long attempted(PipelineResult run, String namespace, String name) {
    Iterable<MetricResult<Long>> counters =
        run.metrics()
            .queryMetrics(
                MetricsFilter.builder().addNameFilter(MetricNameFilter.named(namespace, name)).build())
            .getCounters();
    long total = 0;
    for (MetricResult<Long> counter : counters) {
      total += counter.getAttempted();
    }
    return total;
  }
}
