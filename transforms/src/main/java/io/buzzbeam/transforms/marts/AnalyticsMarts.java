package io.buzzbeam.transforms.marts;

import io.buzzbeam.model.Media;
import io.buzzbeam.transforms.tables.Tables;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Issue #14's marts (docs/METRICS.md), added to the six SPEC §5 marts by {@link
 * ComputeMarts#withAnalytics}: ranking snapshot, best time to post, brand growth (all three from the
 * same media and {@code mart_brand_daily} as the brand marts: every published day) and hashtag
 * spikes (the window's days, baselines from the published hashtag rows before it).
 */
public final class AnalyticsMarts {

  private final AnalyticsSettings settings;
  private final @Nullable PCollection<Row> publishedHashtagDaily;

  private AnalyticsMarts(AnalyticsSettings settings, @Nullable PCollection<Row> publishedHashtagDaily) {
    this.settings = settings;
    this.publishedHashtagDaily = publishedHashtagDaily;
  }

  public static AnalyticsMarts of(AnalyticsSettings settings) {
    return new AnalyticsMarts(settings, null);
  }

  /** The spike baselines of the window's first days also from these published {@code mart_hashtag_daily} rows. */
  public AnalyticsMarts withPublishedHashtagDaily(@Nullable PCollection<Row> published) {
    return new AnalyticsMarts(settings, published);
  }

  /** The new marts' rows by table, from the brand marts' media and the six marts already computed. */
  Map<String, PCollection<Row>> compute(PCollection<Media> brandMartMedia, Marts marts) {
    Map<String, PCollection<Row>> out = new LinkedHashMap<>();
    out.put(
        Tables.MART_RANKING_SNAPSHOT.name,
        marts.brandDaily().apply("RankingSnapshot", RankingSnapshotMart.of(settings.takenAt, settings.lastDay)));
    out.put(
        Tables.MART_BEST_TIME.name,
        brandMartMedia.apply("BestTime", BestTimeMart.withMinPosts(settings.bestTimeMinPosts)));
    out.put(Tables.MART_BRAND_GROWTH.name, brandMartMedia.apply("BrandGrowth", BrandGrowthMart.of(marts.brandDaily())));
    out.put(
        Tables.MART_HASHTAG_SPIKE.name,
        marts
            .hashtagDaily()
            .apply(
                "HashtagSpike",
                HashtagSpikeMart.of(settings.spikeBaselineDays, settings.spikeSigma, settings.spikeMinMentions)
                    .withHistory(publishedHashtagDaily)));
    return out;
  }
}
