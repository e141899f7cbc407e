package io.buzzbeam.transforms.marts;

import java.util.ArrayList;
import java.util.List;

/**
 * SPEC §4 popularity ranking of the brands of one partition (a day, or the whole window):
 *
 * <ul>
 *   <li>{@code media_rank} = RANK() by {@code avg_engagement_rate} DESC NULLS LAST;
 *   <li>{@code follower_rank} = RANK() by {@code followers} DESC NULLS LAST;
 *   <li>{@code community_rank} = RANK() by {@code hashtag_mentions} DESC;
 *   <li>{@code popularity_score} = media_rank + follower_rank + community_rank;
 *   <li>{@code popularity_rank} = RANK() by {@code popularity_score} ASC.
 * </ul>
 */
public final class PopularityRanking {

  private PopularityRanking() {}

  /** The ranks of one brand, in the mart column order. */
  public static final class Ranks {
    public final int mediaRank;
    public final int followerRank;
    public final int communityRank;
    public final int popularityScore;
    public final int popularityRank;

    Ranks(int mediaRank, int followerRank, int communityRank, int popularityScore, int popularityRank) {
      this.mediaRank = mediaRank;
      this.followerRank = followerRank;
      this.communityRank = communityRank;
      this.popularityScore = popularityScore;
      this.popularityRank = popularityRank;
    }
  }

  /** Ranks of {@code brands}, aligned with the input: {@code result.get(i)} ranks {@code brands.get(i)}. */
  public static List<Ranks> rank(List<BrandMetrics> brands) {
    List<Double> rates = new ArrayList<>();
    List<Long> followers = new ArrayList<>();
    List<Long> mentions = new ArrayList<>();
    for (BrandMetrics b : brands) {
      rates.add(b.avgEngagementRate());
      followers.add(b.followers());
      mentions.add(b.hashtagMentions());
    }
    int[] mediaRank = SqlRank.descNullsLast(rates);
    int[] followerRank = SqlRank.descNullsLast(followers);
    int[] communityRank = SqlRank.descNullsLast(mentions);

    List<Integer> scores = new ArrayList<>();
    for (int i = 0; i < brands.size(); i++) {
      scores.add(mediaRank[i] + followerRank[i] + communityRank[i]);
    }
    int[] popularityRank = SqlRank.ascNullsLast(scores);

    List<Ranks> ranks = new ArrayList<>();
    for (int i = 0; i < brands.size(); i++) {
      ranks.add(
          new Ranks(mediaRank[i], followerRank[i], communityRank[i], scores.get(i), popularityRank[i]));
    }
    return ranks;
  }
}
