package io.buzzbeam.transforms.quality;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * A Beam counter in the {@code buzzbeam} namespace that is also mirrored in this JVM while the job
 * runs. Why: Flink's embedded MiniCluster (the default runner) reports Beam metrics only once the
 * job is done, so the driver's progress lines would say nothing but "running"; the mirror lets them
 * show what has been read, tokenized and written so far whenever the workers share the driver's
 * JVM (Flink embedded, the DirectRunner). Workers in other JVMs (a Flink cluster) leave it empty.
 * The mirror is best-effort (a retried bundle counts twice); end-of-run figures come from the
 * job's metrics and the staged quality report.
 */
public final class RunCounter implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Map<String, AtomicLong> LIVE = new ConcurrentHashMap<>();

  private final String name;
  private final Counter counter;

  private RunCounter(String name) {
    this.name = name;
    this.counter = Metrics.counter(QualityCount.COUNTER_NAMESPACE, name);
  }

  public static RunCounter of(String name) {
    return new RunCounter(name);
  }

  public void inc() {
    inc(1);
  }

  public void inc(long n) {
    counter.inc(n);
    LIVE.computeIfAbsent(name, k -> new AtomicLong()).addAndGet(n);
  }

  /** The mirrored values so far, by counter name. */
  public static Map<String, Long> live() {
    Map<String, Long> values = new TreeMap<>();
    LIVE.forEach((k, v) -> values.put(k, v.get()));
    return values;
  }

  /** Forgets the mirrored values (a driver, before it runs a job). */
  public static void resetLive() {
    LIVE.clear();
  }
}
