package io.buzzbeam.transforms.marts;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The parameters of issue #14's marts (docs/METRICS.md), fixed by the driver before the graph is
 * built: nothing here is read from a clock inside the pipeline.
 */
public final class AnalyticsSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final int DEFAULT_BEST_TIME_MIN_POSTS = 3;
  public static final int DEFAULT_SPIKE_BASELINE_DAYS = 14;
  public static final double DEFAULT_SPIKE_SIGMA = 3.0;
  public static final int DEFAULT_SPIKE_MIN_MENTIONS = 5;

  /** {@code mart_ranking_snapshot.taken_at}: the instant the driver fixed for the run. */
  public final Instant takenAt;
  /** The window's last day ({@code --to}); null: no upper bound. */
  public final @Nullable LocalDate lastDay;

  public final int bestTimeMinPosts;
  public final int spikeBaselineDays;
  public final double spikeSigma;
  public final int spikeMinMentions;

  public AnalyticsSettings(
      Instant takenAt,
      @Nullable LocalDate lastDay,
      int bestTimeMinPosts,
      int spikeBaselineDays,
      double spikeSigma,
      int spikeMinMentions) {
    this.takenAt = Objects.requireNonNull(takenAt, "takenAt");
    this.lastDay = lastDay;
    this.bestTimeMinPosts = bestTimeMinPosts;
    this.spikeBaselineDays = spikeBaselineDays;
    this.spikeSigma = spikeSigma;
    this.spikeMinMentions = spikeMinMentions;
    if (bestTimeMinPosts < 1 || spikeBaselineDays < 1 || spikeSigma < 0 || spikeMinMentions < 1) {
      throw new IllegalArgumentException("bad analytics settings " + this);
    }
  }

  /** The defaults, with the given snapshot instant and no window. */
  public static AnalyticsSettings defaults(Instant takenAt) {
    return new AnalyticsSettings(
        takenAt,
        null,
        DEFAULT_BEST_TIME_MIN_POSTS,
        DEFAULT_SPIKE_BASELINE_DAYS,
        DEFAULT_SPIKE_SIGMA,
        DEFAULT_SPIKE_MIN_MENTIONS);
  }

  @Override
  public String toString() {
    return "AnalyticsSettings(takenAt=" + takenAt + ", lastDay=" + lastDay + ", bestTimeMinPosts=" + bestTimeMinPosts
        + ", spikeBaselineDays=" + spikeBaselineDays + ", spikeSigma=" + spikeSigma
        + ", spikeMinMentions=" + spikeMinMentions + ")";
  }
}
