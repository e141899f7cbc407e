package io.buzzbeam.pipelines.generate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A brand's own grid over the simulated period: how many posts a day (weekday-weighted), at
 * which local hours (the seed heatmap), of which type, with which final engagement. Small (a
 * few posts a day), so it is held in memory; polls read the latest 25 before their time.
 */
final class BrandTimeline {
  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  /** Days of history before the first poll, so the first poll already sees 25 posts. */
  static final int HISTORY_DAYS = 28;

  private final Brand brand;
  private final long seed;
  private final boolean faults;
  private final List<BrandPost> posts; // ascending by timestamp

  BrandTimeline(long seed, int brandIndex, Brand brand, LocalDate start, int days, boolean faults) {
    this.brand = brand;
    this.seed = seed;
    this.faults = faults;
    List<Instant> times = new ArrayList<>();
    for (LocalDate d = start.minusDays(HISTORY_DAYS); !d.isAfter(start.plusDays(days)); d = d.plusDays(1)) {
      long dayKey = d.toEpochDay();
      int wd = d.getDayOfWeek().getValue() - 1;
      int n = Rand.poisson(Rand.hash(seed, 31, brandIndex, dayKey),
          brand.postsPerDay() * PostingTimes.BRAND_DAY_FACTOR[wd]);
      for (int i = 0; i < n; i++) {
        long h = Rand.hash(seed, 32, brandIndex, dayKey, i);
        int hour = Rand.weighted(h, PostingTimes.BRAND_HOUR_WEIGHTS[wd]);
        // Social teams schedule posts on the hour; the rest go out whenever.
        int minute = Rand.unit(Rand.mix(h + 1)) < 0.45 ? 0 : Rand.below(Rand.mix(h + 2), 60);
        int second = Rand.below(Rand.mix(h + 3), 60);
        times.add(d.atTime(hour, minute, second).atZone(SEOUL).toInstant());
      }
    }
    Collections.sort(times);
    posts = new ArrayList<>(times.size());
    long seq = 0;
    Instant previous = null;
    for (Instant t : times) {
      if (t.equals(previous)) {
        continue; // one account never posts twice in the same second
      }
      previous = t;
      posts.add(newPost(brandIndex, seq++, t));
    }
  }

  private BrandPost newPost(int brandIndex, long seq, Instant t) {
    String id = Ids.mediaId(seed, brandIndex, seq);
    long h = Rand.hash(seed, 33, brandIndex, seq);
    // Luxury grids: carousels and single images dominate, reels are a growing share.
    int kind = Rand.weighted(h, new double[] {0.42, 0.30, 0.28});
    String mediaType = kind == 0 ? "IMAGE" : kind == 1 ? "CAROUSEL_ALBUM" : "VIDEO";
    String productType =
        "VIDEO".equals(mediaType) && Rand.unit(Rand.mix(h + 1)) < 0.85 ? "REELS" : "FEED";
    String caption = LuxuryCaptions.brandCaption(Rand.mix(h + 2), brand);
    // Seed log: ~2 of 275 media a batch without caption and ~2 without media_url, the same
    // posts every hour — properties of posts, not of polls.
    if (faults && Rand.unit(Rand.mix(h + 3)) < 0.008) {
      caption = null;
    }
    double urlMissing = "VIDEO".equals(mediaType) ? 0.025 : 0.0;
    boolean hasMediaUrl = !(faults && Rand.unit(Rand.mix(h + 4)) < urlMissing);
    double typeBoost = "REELS".equals(productType) ? 1.35 : "CAROUSEL_ALBUM".equals(mediaType) ? 1.1 : 1.0;
    double engagement = Rand.logNormal(Rand.mix(h + 5), brand.engagement() * typeBoost, 0.55);
    long likes = Math.max(50, Math.round(brand.followers() * engagement));
    long comments = Math.round(likes * Rand.logNormal(Rand.mix(h + 6), 0.008, 0.6));
    return new BrandPost(id, Ids.shortcode(id), t, mediaType, productType, caption, hasMediaUrl,
        likes, comments);
  }

  Brand brand() {
    return brand;
  }

  /** The latest {@code n} posts published at or before {@code t}, newest first. */
  List<BrandPost> latest(Instant t, int n) {
    int hi = upperBound(t);
    List<BrandPost> out = new ArrayList<>(n);
    for (int i = hi - 1; i >= 0 && out.size() < n; i--) {
      out.add(posts.get(i));
    }
    return out;
  }

  /** Posts published at or before {@code t}. */
  int countUpTo(Instant t) {
    return upperBound(t);
  }

  private int upperBound(Instant t) {
    int lo = 0;
    int hi = posts.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (!posts.get(mid).timestamp().isAfter(t)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Followers at {@code t}: slow daily growth plus a little hour-to-hour noise. */
  long followersAt(Instant t, Instant start) {
    double days = (t.getEpochSecond() - start.getEpochSecond()) / 86400.0;
    double growthPerDay = 0.0002 + 0.0006 * Rand.unit(seed, 34, Rand.key(brand.key()));
    // Noise stays under half an hour's growth, so the count wobbles but never goes backwards.
    int amplitude = (int) Math.max(1, brand.followers() * growthPerDay / 48);
    long noise = Rand.below(Rand.hash(seed, 35, Rand.key(brand.key()), t.getEpochSecond() / 3600), amplitude);
    return Math.round(brand.followers() * (1 + growthPerDay * days)) + noise;
  }
}
