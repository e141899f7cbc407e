package io.buzzbeam.transforms.marts;

import java.io.Serializable;

/**
 * A group of brand media: how many distinct media ({@code posts}), and the mean of their non-null
 * engagement rates ({@code avgEngagementRate}, null when no media has one).
 */
public record PostEngagement(long posts, Double avgEngagementRate) implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final PostEngagement NONE = new PostEngagement(0L, null);

  @Override
  public String toString() {
    return "PostEngagement(posts=" + posts + ", avg=" + avgEngagementRate + ")";
  }
}
