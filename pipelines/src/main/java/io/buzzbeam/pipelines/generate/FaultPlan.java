package io.buzzbeam.pipelines.generate;

/**
 * Which collector faults happen where, decided by hashing (seed, place) so the same zone always
 * has the same faults. Rates are per poll / file / item. Besides the random ones, each fault
 * kind is planted once in the first collection hours so even a one-day zone exercises every
 * rejection path. With faults off, nothing happens.
 *
 * <p>Missing optional fields (caption, media_url, profile name, like_count) are properties of
 * posts and accounts and are decided where those are made ({@link BrandTimeline},
 * {@link HashtagCommunity}, {@link LandingGenerator}).
 */
final class FaultPlan {
  /** Graph API error bodies, per poll: throttling happens but is rare for this call volume. */
  static final double API_ERROR_RATE = 0.003;
  /** Files whose last line was cut off (the collector died mid-write). */
  static final double TRUNCATED_FILE_RATE = 0.015;
  static final double NEGATIVE_LIKES_RATE = 1.0 / 5000;
  static final double BAD_MEDIA_TYPE_RATE = 1.0 / 8000;

  private static final int[] CODES = {4, 17, 32, 613};
  private static final double[] CODE_WEIGHTS = {0.4, 0.2, 0.1, 0.3};
  private static final String[] BAD_MEDIA_TYPES = {"REELS", "CAROUSEL", "image"};

  /** Planted faults, by hour index since the start. */
  static final int PLANTED_NEGATIVE_LIKES_HOUR = 1;
  static final int PLANTED_BAD_TYPE_HOUR = 2;
  static final int PLANTED_API_ERROR_HOUR = 3;
  static final int PLANTED_TRUNCATION_HOUR = 5;

  private final long seed;
  private final boolean on;

  FaultPlan(long seed, boolean on) {
    this.seed = seed;
    this.on = on;
  }

  boolean on() {
    return on;
  }

  /** Graph API error code for a poll, or 0. {@code planted}: this poll must fail with code 4. */
  int apiError(long pollKey, boolean planted) {
    if (!on) {
      return 0;
    }
    if (planted) {
      return 4;
    }
    long h = Rand.hash(seed, 61, pollKey);
    if (Rand.unit(h) >= API_ERROR_RATE) {
      return 0;
    }
    return CODES[Rand.weighted(Rand.mix(h), CODE_WEIGHTS)];
  }

  boolean truncate(long fileKey, boolean planted) {
    return on && (planted || Rand.unit(seed, 62, fileKey) < TRUNCATED_FILE_RATE);
  }

  boolean negativeLikes(long itemKey) {
    return on && Rand.unit(seed, 63, itemKey) < NEGATIVE_LIKES_RATE;
  }

  /** An invalid media_type for an item, or null. */
  String badMediaType(long itemKey) {
    if (!on) {
      return null;
    }
    long h = Rand.hash(seed, 64, itemKey);
    return Rand.unit(h) < BAD_MEDIA_TYPE_RATE ? Rand.pick(Rand.mix(h), BAD_MEDIA_TYPES) : null;
  }

  static String plantedBadMediaType() {
    return BAD_MEDIA_TYPES[0];
  }

  /** The error body the Graph API returns for {@code code}. */
  static String message(int code) {
    switch (code) {
      case 4:
        return "(#4) Application request limit reached";
      case 17:
        return "(#17) User request limit reached";
      case 32:
        return "(#32) Page request limit reached";
      case 613:
        return "(#613) Calls to this api have exceeded the rate limit.";
      default:
        return "An unknown error has occurred.";
    }
  }

  static Integer subcode(int code) {
    switch (code) {
      case 17:
        return 2446079;
      case 613:
        return 1996;
      default:
        return null; // application-level throttling carries no subcode
    }
  }
}
