package io.buzzbeam.pipelines.generate;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The stream of posts tagged with a brand's hashtags, simulated forward in time in 5-minute
 * buckets (Poisson arrivals shaped by the local hour). Only the last 24 hours are kept — what
 * {@code recent_media} and {@code top_media} can return — so memory stays bounded however many
 * days are generated.
 */
final class HashtagCommunity {
  static final long BUCKET_SECONDS = 300;
  private static final long KEEP_SECONDS = 24 * 3600;

  private final long seed;
  private final int brandIndex;
  private final Brand brand;
  private final boolean faults;
  private final List<ArrayDeque<CommunityPost>> byTag = new ArrayList<>();
  private long nextBucket;
  private long sequence;

  HashtagCommunity(long seed, int brandIndex, Brand brand, Instant warmUpFrom, boolean faults) {
    this.seed = seed;
    this.brandIndex = brandIndex;
    this.brand = brand;
    this.faults = faults;
    for (int i = 0; i < brand.hashtags().size(); i++) {
      byTag.add(new ArrayDeque<>());
    }
    this.nextBucket = Math.floorDiv(warmUpFrom.getEpochSecond(), BUCKET_SECONDS);
  }

  /** Simulates every bucket up to and including the one holding {@code t}. */
  void advanceTo(Instant t) {
    long last = Math.floorDiv(t.getEpochSecond(), BUCKET_SECONDS);
    for (; nextBucket <= last; nextBucket++) {
      simulateBucket(nextBucket);
    }
    long cutoff = t.getEpochSecond() - KEEP_SECONDS;
    for (ArrayDeque<CommunityPost> q : byTag) {
      while (!q.isEmpty() && q.peekFirst().timestamp().getEpochSecond() < cutoff) {
        q.pollFirst();
      }
    }
  }

  private void simulateBucket(long bucket) {
    long start = bucket * BUCKET_SECONDS;
    int localHour = ZonedDateTime.ofInstant(Instant.ofEpochSecond(start), BrandTimeline.SEOUL).getHour();
    double mean = brand.communityPerHour() / 12.0 * PostingTimes.COMMUNITY_HOUR_FACTOR[localHour];
    int n = Rand.poisson(Rand.hash(seed, 41, brandIndex, bucket), mean);
    long[] offsets = new long[n];
    for (int i = 0; i < n; i++) {
      offsets[i] = Rand.below(Rand.hash(seed, 42, brandIndex, bucket, i), (int) BUCKET_SECONDS);
    }
    java.util.Arrays.sort(offsets);
    for (int i = 0; i < n; i++) {
      CommunityPost p = newPost(Instant.ofEpochSecond(start + offsets[i]));
      for (int tag = 0; tag < byTag.size(); tag++) {
        if ((p.tagMask() & (1 << tag)) != 0) {
          byTag.get(tag).addLast(p);
        }
      }
    }
  }

  private CommunityPost newPost(Instant t) {
    long seq = sequence++;
    String id = Ids.mediaId(seed, 20 + brandIndex, seq);
    long h = Rand.hash(seed, 43, brandIndex, seq);
    // English tag only, Korean tag only, or both: the "both" posts are the ones a brand must
    // count once although two hashtag searches return them.
    int mask = new int[] {1, 2, 3}[Rand.weighted(h, new double[] {0.45, 0.35, 0.20})];
    List<String> tags = new ArrayList<>(2);
    for (int i = 0; i < brand.hashtags().size(); i++) {
      if ((mask & (1 << i)) != 0) {
        tags.add(brand.hashtags().get(i));
      }
    }
    int kind = Rand.weighted(Rand.mix(h + 1), new double[] {0.5, 0.35, 0.15});
    String mediaType = kind == 0 ? "IMAGE" : kind == 1 ? "CAROUSEL_ALBUM" : "VIDEO";
    String caption = LuxuryCaptions.communityCaption(Rand.mix(h + 2), brand, tags);
    // Seed log: like_count absent on ~12 of the 275 hashtag media of a batch (owners hiding
    // like counts) — 4.5 % of posts.
    boolean hide = faults && Rand.unit(Rand.mix(h + 3)) < 0.045;
    long likes = Math.round(Rand.logNormal(Rand.mix(h + 4), 28, 1.2));
    long comments = Math.round(likes * Rand.logNormal(Rand.mix(h + 5), 0.05, 0.8));
    return new CommunityPost(id, Ids.shortcode(id), t, mediaType, caption, mask, hide, likes, comments);
  }

  /** {@code recent_media}: the newest {@code n} posts of tag {@code tag} at or before {@code t}. */
  List<CommunityPost> recent(int tag, Instant t, int n) {
    List<CommunityPost> out = new ArrayList<>(n);
    Iterator<CommunityPost> it = byTag.get(tag).descendingIterator();
    while (it.hasNext() && out.size() < n) {
      CommunityPost p = it.next();
      if (!p.timestamp().isAfter(t)) {
        out.add(p);
      }
    }
    return out;
  }

  /** {@code top_media}: the {@code n} most liked posts of the last 24 hours at {@code t}. */
  List<CommunityPost> top(int tag, Instant t, int n) {
    List<CommunityPost> all = new ArrayList<>();
    for (CommunityPost p : byTag.get(tag)) {
      if (!p.timestamp().isAfter(t)) {
        all.add(p);
      }
    }
    all.sort(Comparator.comparingLong((CommunityPost p) -> p.likesAt(t)).reversed()
        .thenComparing(CommunityPost::id));
    return all.size() > n ? new ArrayList<>(all.subList(0, n)) : all;
  }

  Brand brand() {
    return brand;
  }
}
