package io.buzzbeam.transforms.marts;

import java.io.Serializable;
import java.util.Objects;

/** One brand's unranked metrics for one day or for the whole window (SPEC §4). */
public final class BrandMetrics implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String brand;
  private final Long followers;
  private final long posts;
  private final Double avgEngagementRate;
  private final long hashtagMentions;

  public BrandMetrics(
      String brand, Long followers, long posts, Double avgEngagementRate, long hashtagMentions) {
    this.brand = Objects.requireNonNull(brand, "brand");
    this.followers = followers;
    this.posts = posts;
    this.avgEngagementRate = avgEngagementRate;
    this.hashtagMentions = hashtagMentions;
  }

  public String brand() {
    return brand;
  }

  public Long followers() {
    return followers;
  }

  public long posts() {
    return posts;
  }

  public Double avgEngagementRate() {
    return avgEngagementRate;
  }

  public long hashtagMentions() {
    return hashtagMentions;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BrandMetrics)) {
      return false;
    }
    BrandMetrics b = (BrandMetrics) o;
    return brand.equals(b.brand)
        && Objects.equals(followers, b.followers)
        && posts == b.posts
        && Objects.equals(avgEngagementRate, b.avgEngagementRate)
        && hashtagMentions == b.hashtagMentions;
  }

  @Override
  public int hashCode() {
    return Objects.hash(brand, followers, posts, avgEngagementRate, hashtagMentions);
  }

  @Override
  public String toString() {
    return "BrandMetrics(" + brand + ", followers=" + followers + ", posts=" + posts + ", avg="
        + avgEngagementRate + ", mentions=" + hashtagMentions + ")";
  }
}
