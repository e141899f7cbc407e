package io.buzzbeam.pipelines.generate;

/**
 * When people post, in Asia/Seoul local time. Brand accounts follow the seed project's measured
 * upload-time heatmap (posts by weekday × hour over 30 days of 11 brands: lunchtime 12h and
 * late afternoon 16h, Friday noon the busiest cell); hashtag users follow a consumer curve
 * (quiet at night, rising through lunch to a 20–22h peak).
 */
final class PostingTimes {
  private PostingTimes() {}

  /** The seed's heatmap, hours 5–21, rows Monday..Sunday (ISO order). */
  private static final int[][] SEED_HEATMAP_5_TO_21 = {
    {0, 0, 2, 3, 3, 5, 1, 10, 4, 0, 4, 10, 3, 2, 1, 0, 0}, // Monday
    {1, 1, 1, 12, 3, 5, 4, 13, 4, 3, 3, 16, 0, 0, 1, 1, 0}, // Tuesday
    {0, 0, 1, 10, 2, 7, 0, 13, 7, 3, 7, 15, 2, 2, 0, 1, 1}, // Wednesday
    {0, 0, 5, 10, 6, 5, 3, 17, 4, 1, 7, 14, 2, 2, 0, 2, 2}, // Thursday
    {0, 0, 4, 7, 8, 4, 4, 23, 6, 5, 2, 16, 3, 0, 0, 1, 0}, // Friday
    {0, 1, 1, 3, 2, 6, 3, 11, 9, 1, 6, 13, 2, 0, 1, 2, 0}, // Saturday
    {0, 1, 2, 4, 2, 7, 3, 11, 3, 2, 0, 14, 0, 0, 0, 0, 0}, // Sunday
  };

  /** Brand upload weights per ISO weekday (index 0 = Monday) and local hour 0–23. */
  static final double[][] BRAND_HOUR_WEIGHTS = new double[7][24];

  /** A weekday's share of brand posts relative to the average weekday (Friday ≈ 1.2). */
  static final double[] BRAND_DAY_FACTOR = new double[7];

  /** Hashtag users' relative activity by local hour. */
  static final double[] COMMUNITY_HOUR_FACTOR = {
    0.9, 0.6, 0.4, 0.25, 0.2, 0.2, 0.35, 0.6, 0.8, 0.9, 1.0, 1.1,
    1.3, 1.2, 1.1, 1.1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.5, 1.2
  };

  /** Parent accounts post at nap time and after the children sleep. */
  static final double[] PARENT_HOUR_WEIGHTS = {
    1.0, 0.6, 0.2, 0.05, 0.05, 0.1, 0.3, 0.6, 0.5, 0.6, 0.8, 0.9,
    1.0, 1.6, 1.8, 1.2, 0.8, 0.6, 0.6, 0.8, 1.4, 2.6, 3.0, 2.2
  };

  static {
    double[] rowSums = new double[7];
    for (int d = 0; d < 7; d++) {
      for (int h = 0; h < 24; h++) {
        // A little mass everywhere: the heatmap is 30 days of 11 brands, not a law of nature.
        double w = 0.05;
        if (h >= 5 && h <= 21) {
          w = SEED_HEATMAP_5_TO_21[d][h - 5] + 0.15;
        }
        BRAND_HOUR_WEIGHTS[d][h] = w;
        rowSums[d] += w;
      }
    }
    double mean = 0;
    for (double s : rowSums) {
      mean += s / 7;
    }
    for (int d = 0; d < 7; d++) {
      BRAND_DAY_FACTOR[d] = rowSums[d] / mean;
    }
  }
}
