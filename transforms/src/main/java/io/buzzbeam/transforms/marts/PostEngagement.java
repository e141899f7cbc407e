package io.buzzbeam.transforms.marts;

import java.io.Serializable;
import java.util.Objects;

/** A group of brand media: how many distinct media, and the mean of their engagement rates. */
public final class PostEngagement implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final PostEngagement NONE = new PostEngagement(0L, null);

  private final long posts;
  private final Double avgEngagementRate;

  public PostEngagement(long posts, Double avgEngagementRate) {
    this.posts = posts;
    this.avgEngagementRate = avgEngagementRate;
  }

  public long posts() {
    return posts;
  }

  /** Mean of the non-null engagement rates; null when no media has one. */
  public Double avgEngagementRate() {
    return avgEngagementRate;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PostEngagement)) {
      return false;
    }
    PostEngagement other = (PostEngagement) o;
    return posts == other.posts && Objects.equals(avgEngagementRate, other.avgEngagementRate);
  }

  @Override
  public int hashCode() {
    return Objects.hash(posts, avgEngagementRate);
  }

  @Override
  public String toString() {
    return "PostEngagement(posts=" + posts + ", avg=" + avgEngagementRate + ")";
  }
}
