package io.buzzbeam.transforms.marts;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.transforms.shards.Rebalance;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
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
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@code mart_brand_daily} (SPEC §4–§5): one row for every brand × day of B × D.
 *
 * <ol>
 *   <li>The dense grid B × D from {@link BrandActivity}, each cell with the brand's followers on
 *       that day ({@link FollowerHistory#onDay}), null for a brand without snapshots.
 *   <li>{@code posts} and {@code avg_engagement_rate} of the brand's own media posted that day
 *       ({@link PostEngagementFn}); {@code hashtag_mentions}: distinct hashtag-source media of the
 *       brand posted that day ({@link DistinctMediaCountFn}). Both are combined before the join.
 *   <li>Cells without posts or mentions get 0, 0 and a null average.
 *   <li>The brands of each day are ranked together ({@link PopularityRanking}).
 * </ol>
 *
 * The input media carry their engagement rates ({@link AttachFollowers}).
 */
public class BrandDailyMart extends PTransform<PCollection<Media>, PCollection<Row>> {

  private final PCollection<ProfileSnapshot> profiles;
  private final PCollection<KV<String, FollowerHistory>> histories;

  private BrandDailyMart(
      PCollection<ProfileSnapshot> profiles, PCollection<KV<String, FollowerHistory>> histories) {
    this.profiles = profiles;
    this.histories = histories;
  }

  /** B and D from {@code profiles} (and the media), followers from the same snapshots' histories. */
  public static BrandDailyMart withProfiles(PCollection<ProfileSnapshot> profiles) {
    return new BrandDailyMart(profiles, null);
  }

  /**
   * B and D from {@code profiles} (and the media); followers from {@code histories}, which may hold
   * more snapshots than {@code profiles} (SPEC §3 rev. 2: snapshots outside the window answer the
   * followers lookups but put no brand or day into B or D).
   */
  public static BrandDailyMart of(
      PCollection<ProfileSnapshot> profiles, PCollection<KV<String, FollowerHistory>> histories) {
    return new BrandDailyMart(profiles, histories);
  }

  private static final TupleTag<Long> FOLLOWERS = new TupleTag<Long>() {};
  private static final TupleTag<PostEngagement> POSTS = new TupleTag<PostEngagement>() {};
  private static final TupleTag<Long> MENTIONS = new TupleTag<Long>() {};

  private static final KvCoder<String, String> BRAND_DAY =
      KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());

  @Override
  public PCollection<Row> expand(PCollection<Media> media) {
    PCollection<KV<String, FollowerHistory>> historiesByBrand =
        histories != null
            ? histories
            : profiles.apply("FollowerHistories", FollowerHistoriesByBrand.create());
    PCollectionView<Map<String, FollowerHistory>> historyView =
        FollowerHistoriesByBrand.asMap(historiesByBrand);

    PCollection<KV<String, String>> activity =
        media.apply("BrandActivity", BrandActivity.withProfiles(profiles));
    PCollection<String> daySet =
        activity.apply("ActiveDays", Values.create()).apply("DaySetD", Distinct.create());
    PCollectionView<List<String>> days = daySet.apply("DaysAsSideInput", View.asList());
    PCollection<KV<KV<String, String>, Long>> grid =
        activity
            .apply("ActiveBrands", Keys.create())
            .apply("BrandSetB", Distinct.create())
            .apply("AfterDaysAndHistories", Rebalance.<String>acrossShards().after(daySet, historiesByBrand))
            .apply(
                "BrandByDayGridWithFollowers",
                ParDo.of(new GridFn(days, historyView)).withSideInputs(days, historyView))
            .setCoder(KvCoder.of(BRAND_DAY, NullableCoder.of(VarLongCoder.of())));

    PCollection<KV<KV<String, String>, PostEngagement>> posts =
        media
            .apply("BrandMedia", Filter.by(BrandActivity::isBrandMedia))
            .apply(
                "RateByBrandDay",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()),
                            TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.doubles())))
                    .via(
                        (Media m) ->
                            KV.of(
                                KV.of(BrandActivity.brandOf(m), m.getDay()),
                                KV.of(m.getMediaId(), m.getEngagementRate()))))
            .setCoder(KvCoder.of(BRAND_DAY, PostEngagementFn.inputCoder()))
            .apply("PostsAndAverageRate", Combine.perKey(new PostEngagementFn()))
            .setCoder(KvCoder.of(BRAND_DAY, SerializableCoder.of(PostEngagement.class)));

    PCollection<KV<KV<String, String>, Long>> mentions =
        media
            .apply("HashtagMedia", Filter.by(BrandActivity::isHashtagMedia))
            .apply(
                "MediaIdByBrandDay",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()),
                            TypeDescriptors.strings()))
                    .via((Media m) -> KV.of(KV.of(BrandActivity.brandOf(m), m.getDay()), m.getMediaId())))
            .setCoder(KvCoder.of(BRAND_DAY, StringUtf8Coder.of()))
            .apply("HashtagMentions", Combine.perKey(new DistinctMediaCountFn()))
            .setCoder(KvCoder.of(BRAND_DAY, VarLongCoder.of()));

    return KeyedPCollectionTuple.of(FOLLOWERS, grid)
        .and(POSTS, posts)
        .and(MENTIONS, mentions)
        .apply("JoinOnBrandDay", CoGroupByKey.create())
        .apply("MetricsByDay", ParDo.of(new MetricsFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(BrandMetrics.class)))
        .apply("BrandsOfEachDay", GroupByKey.create())
        .apply("RankBrandsOfEachDay", ParDo.of(new RankDayFn()))
        .setRowSchema(MartSchemas.BRAND_DAILY);
  }

  /** Every brand of B on every day of D, with the brand's followers that day. */
  static class GridFn extends DoFn<String, KV<KV<String, String>, Long>> {
    private final PCollectionView<List<String>> days;
    private final PCollectionView<Map<String, FollowerHistory>> histories;

    GridFn(PCollectionView<List<String>> days, PCollectionView<Map<String, FollowerHistory>> histories) {
      this.days = days;
      this.histories = histories;
    }

    @ProcessElement
    public void process(@Element String brand, ProcessContext c) {
      FollowerHistory history = c.sideInput(histories).get(brand);
      for (String day : c.sideInput(days)) {
        Long followers = history == null ? null : history.onDay(day);
        c.output(KV.of(KV.of(brand, day), followers));
      }
    }
  }

  /** One grid cell with its posts and mentions, zero when the brand had none that day. */
  static class MetricsFn extends DoFn<KV<KV<String, String>, CoGbkResult>, KV<String, BrandMetrics>> {
    @ProcessElement
    public void process(
        @Element KV<KV<String, String>, CoGbkResult> cell, OutputReceiver<KV<String, BrandMetrics>> out) {
      CoGbkResult joined = cell.getValue();
      if (!joined.getAll(FOLLOWERS).iterator().hasNext()) {
        return; // Not in B × D: impossible by construction, as every media day is in D.
      }
      Long followers = joined.getOnly(FOLLOWERS, null);
      PostEngagement posts = joined.getOnly(POSTS, PostEngagement.NONE);
      long mentions = joined.getOnly(MENTIONS, 0L);
      String brand = cell.getKey().getKey();
      String day = cell.getKey().getValue();
      out.output(
          KV.of(
              day,
              new BrandMetrics(brand, followers, posts.posts(), posts.avgEngagementRate(), mentions)));
    }
  }

  /** Ranks the brands of one day and emits the mart rows. */
  static class RankDayFn extends DoFn<KV<String, Iterable<BrandMetrics>>, Row> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<BrandMetrics>> day, OutputReceiver<Row> out) {
      LocalDate date = LocalDate.parse(day.getKey());
      List<BrandMetrics> brands = new ArrayList<>();
      day.getValue().forEach(brands::add);
      List<PopularityRanking.Ranks> ranks = PopularityRanking.rank(brands);
      for (int i = 0; i < brands.size(); i++) {
        BrandMetrics b = brands.get(i);
        PopularityRanking.Ranks r = ranks.get(i);
        out.output(
            Row.withSchema(MartSchemas.BRAND_DAILY)
                .addValues(
                    b.brand(),
                    date,
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
