package io.buzzbeam.pipelines.collect;

import java.time.Duration;

/**
 * How the collector waits (backoff, usage pauses, the schedule loop). Production sleeps the
 * thread; tests of the hourly/5-minute schedule substitute a sleeper that advances a test clock,
 * so they run in milliseconds instead of an hour.
 */
@FunctionalInterface
public interface Sleeper {
  Sleeper REAL =
      d -> {
        if (!d.isNegative() && !d.isZero()) {
          Thread.sleep(d.toMillis());
        }
      };

  void sleep(Duration duration) throws InterruptedException;
}
