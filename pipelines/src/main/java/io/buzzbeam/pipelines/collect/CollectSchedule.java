package io.buzzbeam.pipelines.collect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The long-running mode: business discovery every {@code --profileInterval} (1 h), hashtags every
 * {@code --hashtagInterval} (5 min), as the original EventBridge rules scheduled the Lambdas.
 * Both start at once. When a pass overruns, missed slots are skipped instead of queued, so a slow
 * hour never turns into a burst of calls.
 */
final class CollectSchedule {
  /** Runs one pass; returns false to end the loop (token expired). */
  interface PassRunner {
    boolean run(boolean profiles, boolean hashtags) throws InterruptedException;
  }

  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration profileInterval;
  private final Duration hashtagInterval;
  private final boolean profiles;
  private final boolean hashtags;

  CollectSchedule(Clock clock, Sleeper sleeper, Duration profileInterval, Duration hashtagInterval,
      boolean profiles, boolean hashtags) {
    this.clock = clock;
    this.sleeper = sleeper;
    this.profileInterval = profileInterval;
    this.hashtagInterval = hashtagInterval;
    this.profiles = profiles;
    this.hashtags = hashtags;
  }

  /** Loops until {@code keepRunning} turns false or a pass asks to stop; false in the latter case. */
  boolean loop(PassRunner runner, BooleanSupplier keepRunning) throws InterruptedException {
    Instant now = clock.instant();
    Instant nextProfile = profiles ? now : Instant.MAX;
    Instant nextHashtag = hashtags ? now : Instant.MAX;
    while (keepRunning.getAsBoolean()) {
      now = clock.instant();
      boolean doProfiles = !now.isBefore(nextProfile);
      boolean doHashtags = !now.isBefore(nextHashtag);
      if (doProfiles || doHashtags) {
        if (!runner.run(doProfiles, doHashtags)) {
          return false;
        }
        Instant after = clock.instant();
        if (doProfiles) {
          nextProfile = next(nextProfile, profileInterval, after);
        }
        if (doHashtags) {
          nextHashtag = next(nextHashtag, hashtagInterval, after);
        }
        continue;
      }
      Instant due = nextProfile.isBefore(nextHashtag) ? nextProfile : nextHashtag;
      // Wake at least every second so a stop request is noticed promptly.
      Duration wait = Duration.between(now, due);
      sleeper.sleep(wait.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : wait);
    }
    return true;
  }

  private static Instant next(Instant previousDue, Duration interval, Instant now) {
    Instant next = previousDue.plus(interval);
    while (!next.isAfter(now)) {
      next = next.plus(interval);
    }
    return next;
  }
}
