package io.buzzbeam.pipelines.generate;

import java.time.Duration;
import java.time.Instant;

/**
 * How counts grow after posting: most engagement arrives in the first hours, a tail keeps
 * coming for days. Monotone in time, so later polls never see fewer likes of a post.
 */
final class Growth {
  static final double BRAND_FAST_HOURS = 5;
  static final double COMMUNITY_FAST_HOURS = 3;
  private static final double TAIL_HOURS = 72;
  private static final double TAIL_SHARE = 0.15;

  private Growth() {}

  static long at(long finalValue, Instant posted, Instant t, double fastHours) {
    double ageHours = Duration.between(posted, t).getSeconds() / 3600.0;
    if (ageHours <= 0) {
      return 0;
    }
    double share =
        1 - (1 - TAIL_SHARE) * Math.exp(-ageHours / fastHours)
            - TAIL_SHARE * Math.exp(-ageHours / TAIL_HOURS);
    return (long) Math.floor(finalValue * share);
  }
}
