package io.buzzbeam.transforms.marts;

import java.io.Serializable;
import java.util.Objects;

/** One brand's unranked metrics for one day or for the whole window (SPEC §4). */
public record BrandMetrics(
    String brand, Long followers, long posts, Double avgEngagementRate, long hashtagMentions)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public BrandMetrics {
    Objects.requireNonNull(brand, "brand");
  }

  @Override
  public String toString() {
    return "BrandMetrics(" + brand + ", followers=" + followers + ", posts=" + posts + ", avg="
        + avgEngagementRate + ", mentions=" + hashtagMentions + ")";
  }
}
