package io.buzzbeam.transforms.marts;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.transforms.shards.Rebalance;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.Keys;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@code mart_brand_summary} (SPEC §4–§5): the brand-daily metrics over the whole window, one row
 * for every brand of B: followers of the brand's latest snapshot in the window (null if it has
 * none), distinct own media and the mean of their engagement rates, distinct hashtag-source media,
 * and the ranks over all brands of B ({@link PopularityRanking}).
 */
public class BrandSummaryMart extends PTransform<PCollection<Media>, PCollection<Row>> {

  private final PCollection<ProfileSnapshot> profiles;
  private final PCollection<KV<String, FollowerHistory>> histories;

  private BrandSummaryMart(
      PCollection<ProfileSnapshot> profiles, PCollection<KV<String, FollowerHistory>> histories) {
    this.profiles = profiles;
    this.histories = histories;
  }

  /** B and D from {@code profiles} (and the media), followers from the same snapshots' histories. */
  public static BrandSummaryMart withProfiles(PCollection<ProfileSnapshot> profiles) {
    return new BrandSummaryMart(profiles, null);
  }

  /**
   * B and D from {@code profiles} (and the media); followers from {@code histories}, which may hold
   * more snapshots than {@code profiles} (SPEC §3 rev. 2: snapshots outside the window answer the
   * followers lookups but put no brand or day into B or D).
   */
  public static BrandSummaryMart of(
      PCollection<ProfileSnapshot> profiles, PCollection<KV<String, FollowerHistory>> histories) {
    return new BrandSummaryMart(profiles, histories);
  }

  private static final TupleTag<Long> FOLLOWERS = new TupleTag<Long>() {};
  private static final TupleTag<PostEngagement> POSTS = new TupleTag<PostEngagement>() {};
  private static final TupleTag<Long> MENTIONS = new TupleTag<Long>() {};

  /** All brands are ranked together: one group under one constant key. */
  private static final int WHOLE_WINDOW = 0;

  @Override
  public PCollection<Row> expand(PCollection<Media> media) {
    PCollection<KV<String, FollowerHistory>> historiesByBrand =
        histories != null
            ? histories
            : profiles.apply("FollowerHistories", FollowerHistoriesByBrand.create());
    PCollectionView<Map<String, FollowerHistory>> historyView =
        FollowerHistoriesByBrand.asMap(historiesByBrand);

    PCollection<KV<String, Long>> followers =
        media
            .apply("BrandActivity", BrandActivity.withProfiles(profiles))
            .apply("ActiveBrands", Keys.create())
            .apply("BrandSetB", Distinct.create())
            .apply("AfterHistories", Rebalance.<String>acrossShards().after(historiesByBrand))
            .apply(
                "LatestFollowers",
                ParDo.of(new LatestFollowersFn(historyView)).withSideInputs(historyView))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), NullableCoder.of(VarLongCoder.of())));

    PCollection<KV<String, PostEngagement>> posts =
        media
            .apply("BrandMedia", Filter.by(BrandActivity::isBrandMedia))
            .apply(
                "RateByBrand",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(),
                            TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.doubles())))
                    .via(
                        (Media m) ->
                            KV.of(
                                BrandActivity.brandOf(m),
                                KV.of(m.getMediaId(), m.getEngagementRate()))))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), PostEngagementFn.inputCoder()))
            .apply("PostsAndAverageRate", Combine.perKey(new PostEngagementFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(PostEngagement.class)));

    PCollection<KV<String, Long>> mentions =
        media
            .apply("HashtagMedia", Filter.by(BrandActivity::isHashtagMedia))
            .apply(
                "MediaIdByBrand",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via((Media m) -> KV.of(BrandActivity.brandOf(m), m.getMediaId())))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
            .apply("HashtagMentions", Combine.perKey(new DistinctMediaCountFn()))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));

    return KeyedPCollectionTuple.of(FOLLOWERS, followers)
        .and(POSTS, posts)
        .and(MENTIONS, mentions)
        .apply("JoinOnBrand", CoGroupByKey.create())
        .apply("MetricsOfEachBrand", ParDo.of(new MetricsFn()))
        .setCoder(KvCoder.of(VarIntCoder.of(), SerializableCoder.of(BrandMetrics.class)))
        .apply("AllBrandsTogether", GroupByKey.create())
        .apply("RankBrands", ParDo.of(new RankFn()))
        .setRowSchema(MartSchemas.BRAND_SUMMARY);
  }

  /** A brand of B with the followers of its latest snapshot, or null. */
  static class LatestFollowersFn extends DoFn<String, KV<String, Long>> {
    private final PCollectionView<Map<String, FollowerHistory>> histories;

    LatestFollowersFn(PCollectionView<Map<String, FollowerHistory>> histories) {
      this.histories = histories;
    }

    @ProcessElement
    public void process(@Element String brand, ProcessContext c) {
      FollowerHistory history = c.sideInput(histories).get(brand);
      c.output(KV.of(brand, history == null ? null : history.latest()));
    }
  }

  static class MetricsFn extends DoFn<KV<String, CoGbkResult>, KV<Integer, BrandMetrics>> {
    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> brand, OutputReceiver<KV<Integer, BrandMetrics>> out) {
      CoGbkResult joined = brand.getValue();
      if (!joined.getAll(FOLLOWERS).iterator().hasNext()) {
        return; // Not in B: impossible by construction.
      }
      PostEngagement posts = joined.getOnly(POSTS, PostEngagement.NONE);
      out.output(
          KV.of(
              WHOLE_WINDOW,
              new BrandMetrics(
                  brand.getKey(),
                  joined.getOnly(FOLLOWERS, null),
                  posts.posts(),
                  posts.avgEngagementRate(),
                  joined.getOnly(MENTIONS, 0L))));
    }
  }

  static class RankFn extends DoFn<KV<Integer, Iterable<BrandMetrics>>, Row> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<BrandMetrics>> all, OutputReceiver<Row> out) {
      List<BrandMetrics> brands = new ArrayList<>();
      all.getValue().forEach(brands::add);
      List<PopularityRanking.Ranks> ranks = PopularityRanking.rank(brands);
      for (int i = 0; i < brands.size(); i++) {
        BrandMetrics b = brands.get(i);
        PopularityRanking.Ranks r = ranks.get(i);
        out.output(
            Row.withSchema(MartSchemas.BRAND_SUMMARY)
                .addValues(
                    b.brand(),
                    b.followers(),
                    Math.toIntExact(b.posts()),
                    b.avgEngagementRate(),
                    Math.toIntExact(b.hashtagMentions()),
                    r.mediaRank,
                    r.followerRank,
                    r.communityRank,
                    r.popularityScore,
                    r.popularityRank)
                .build());
      }
    }
  }
}
