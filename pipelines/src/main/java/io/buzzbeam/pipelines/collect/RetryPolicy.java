package io.buzzbeam.pipelines.collect;

import java.time.Duration;
import java.util.Random;

/**
 * Jittered exponential backoff within a bounded budget. The n-th retry waits between half and all
 * of {@code min(cap, base * 2^(n-1))} ("equal jitter": never zero, so a struggling API is not hit
 * again at once, yet collectors started by the same cron minute spread out). A request is given
 * up once {@code maxAttempts} are spent or the next wait would end past {@code maxRetryTime}
 * after its first attempt.
 */
final class RetryPolicy {
  private final Duration base;
  private final Duration cap;
  private final int maxAttempts;
  private final Duration maxRetryTime;
  private final Random random;

  RetryPolicy(Duration base, Duration cap, int maxAttempts, Duration maxRetryTime, Random random) {
    this.base = base;
    this.cap = cap;
    this.maxAttempts = maxAttempts;
    this.maxRetryTime = maxRetryTime;
    this.random = random;
  }

  /** The wait before retry number {@code retry} (1 = the first retry). */
  Duration backoff(int retry) {
    long baseMs = Math.max(1, base.toMillis());
    int shift = Math.min(30, Math.max(0, retry - 1));
    long exp = Math.min(cap.toMillis(), baseMs << shift);
    long half = exp / 2;
    return Duration.ofMillis(half + (long) (random.nextDouble() * (exp - half + 1)));
  }

  /** Whether another attempt may follow {@code attemptsMade} after waiting {@code wait}. */
  boolean mayRetry(int attemptsMade, Duration elapsed, Duration wait) {
    return attemptsMade < maxAttempts && elapsed.plus(wait).compareTo(maxRetryTime) <= 0;
  }
}
