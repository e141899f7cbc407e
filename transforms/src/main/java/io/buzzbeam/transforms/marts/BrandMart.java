package io.buzzbeam.transforms.marts;

import io.buzzbeam.model.Media;
import io.buzzbeam.transforms.shards.CombinePerKeyInShards;
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
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
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
 * The brand metrics and popularity ranks of SPEC §4, in one computation for both brand marts; only
 * the partition differs:
 *
 * <ul>
 *   <li>{@link #daily()}: {@code mart_brand_daily}, one row for every brand × day of B × D, the
 *       followers on that day ({@link FollowerHistory#onDay}), brands ranked within each day;
 *   <li>{@link #summary()}: {@code mart_brand_summary}, one row for every brand of B over the whole
 *       window, the followers of its latest snapshot ({@link FollowerHistory#latest}), all brands
 *       ranked together.
 * </ul>
 *
 * In both: {@code posts} and {@code avg_engagement_rate} of the brand's own media in the period
 * ({@link PostEngagementFn}), {@code hashtag_mentions} the distinct hashtag-source media of the
 * brand in the period ({@link DistinctMediaCountFn}; this is that metric's one home), both combined
 * before the join; a cell without posts or mentions gets 0, 0 and a null average; null followers
 * for a brand without snapshots; ranks by {@link PopularityRanking}.
 */
public final class BrandMart extends PTransform<BrandInputs, PCollection<Row>> {

  /** How brand metrics are partitioned: the period key of a cell, its followers and its row. */
  public enum Partition {
    /** Per local posting day: {@code mart_brand_daily}. */
    DAY(MartSchemas.BRAND_DAILY) {
      @Override
      String periodOf(Media m) {
        return m.getDay();
      }

      @Override
      Long followers(FollowerHistory history, String period) {
        return history.onDay(period);
      }

      @Override
      Row.Builder rowStart(String brand, String period) {
        return Row.withSchema(schema).addValues(brand, LocalDate.parse(period));
      }
    },
    /** The whole window (every published day for scheduled runs): {@code mart_brand_summary}. */
    WINDOW(MartSchemas.BRAND_SUMMARY) {
      @Override
      String periodOf(Media m) {
        return WHOLE_WINDOW;
      }

      @Override
      Long followers(FollowerHistory history, String period) {
        return history.latest();
      }

      @Override
      Row.Builder rowStart(String brand, String period) {
        return Row.withSchema(schema).addValues(brand);
      }
    };

    /** The one period of {@link #WINDOW}: all brands are ranked together under it. */
    static final String WHOLE_WINDOW = "";

    final Schema schema;

    Partition(Schema schema) {
      this.schema = schema;
    }

    abstract String periodOf(Media m);

    abstract Long followers(FollowerHistory history, String period);

    /** The row's key columns (brand, and the day for {@link #DAY}). */
    abstract Row.Builder rowStart(String brand, String period);

    List<String> periods(List<String> days) {
      return this == DAY ? days : List.of(WHOLE_WINDOW);
    }
  }

  private final Partition partition;

  private BrandMart(Partition partition) {
    this.partition = partition;
  }

  public static BrandMart daily() {
    return new BrandMart(Partition.DAY);
  }

  public static BrandMart summary() {
    return new BrandMart(Partition.WINDOW);
  }

  private static final TupleTag<Long> FOLLOWERS = new TupleTag<Long>() {};
  private static final TupleTag<PostEngagement> POSTS = new TupleTag<PostEngagement>() {};
  private static final TupleTag<Long> MENTIONS = new TupleTag<Long>() {};

  private static final KvCoder<String, String> BRAND_PERIOD =
      KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());

  @Override
  public PCollection<Row> expand(BrandInputs in) {
    Partition part = partition;
    PCollection<KV<KV<String, String>, Long>> grid =
        in.brands()
            .apply("AfterDaysAndHistories", Rebalance.<String>acrossShards().after(in.days(), in.histories()))
            .apply(
                "BrandByPeriodWithFollowers",
                ParDo.of(new GridFn(part, in.dayList(), in.historyMap())).withSideInputs(in.dayList(), in.historyMap()))
            .setCoder(KvCoder.of(BRAND_PERIOD, NullableCoder.of(VarLongCoder.of())));

    PCollection<KV<KV<String, String>, PostEngagement>> posts =
        in.brandMedia()
            .apply(
                "RateByBrandPeriod",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()),
                            TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.doubles())))
                    .via(
                        (Media m) ->
                            KV.of(
                                KV.of(BrandActivity.brandOf(m), part.periodOf(m)),
                                KV.of(m.getMediaId(), m.getEngagementRate()))))
            .setCoder(KvCoder.of(BRAND_PERIOD, PostEngagementFn.inputCoder()))
            .apply("PostsAndAverageRate", CombinePerKeyInShards.of(Combine.perKey(new PostEngagementFn())))
            .setCoder(KvCoder.of(BRAND_PERIOD, SerializableCoder.of(PostEngagement.class)));

    PCollection<KV<KV<String, String>, Long>> mentions =
        in.hashtagMedia()
            .apply(
                "MediaIdByBrandPeriod",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()),
                            TypeDescriptors.strings()))
                    .via((Media m) -> KV.of(KV.of(BrandActivity.brandOf(m), part.periodOf(m)), m.getMediaId())))
            .setCoder(KvCoder.of(BRAND_PERIOD, StringUtf8Coder.of()))
            .apply("HashtagMentions", CombinePerKeyInShards.of(Combine.perKey(new DistinctMediaCountFn())))
            .setCoder(KvCoder.of(BRAND_PERIOD, VarLongCoder.of()));

    return KeyedPCollectionTuple.of(FOLLOWERS, grid)
        .and(POSTS, posts)
        .and(MENTIONS, mentions)
        .apply("JoinOnBrandPeriod", CoGroupByKey.create())
        .apply("MetricsByPeriod", ParDo.of(new MetricsFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(BrandMetrics.class)))
        .apply("BrandsOfEachPeriod", GroupByKey.create())
        .apply("RankBrandsOfEachPeriod", ParDo.of(new RankFn(part)))
        .setRowSchema(part.schema);
  }

  /** Every brand of B in every period, with the brand's followers for the period. */
  static class GridFn extends DoFn<String, KV<KV<String, String>, Long>> {
    private final Partition partition;
    private final PCollectionView<List<String>> days;
    private final PCollectionView<Map<String, FollowerHistory>> histories;

    GridFn(
        Partition partition,
        PCollectionView<List<String>> days,
        PCollectionView<Map<String, FollowerHistory>> histories) {
      this.partition = partition;
      this.days = days;
      this.histories = histories;
    }

    @ProcessElement
    public void process(@Element String brand, ProcessContext c) {
      FollowerHistory history = c.sideInput(histories).get(brand);
      for (String period : partition.periods(c.sideInput(days))) {
        Long followers = history == null ? null : partition.followers(history, period);
        c.output(KV.of(KV.of(brand, period), followers));
      }
    }
  }

  /** One cell with its posts and mentions, zero when the brand had none in the period. */
  static class MetricsFn extends DoFn<KV<KV<String, String>, CoGbkResult>, KV<String, BrandMetrics>> {
    @ProcessElement
    public void process(
        @Element KV<KV<String, String>, CoGbkResult> cell, OutputReceiver<KV<String, BrandMetrics>> out) {
      CoGbkResult joined = cell.getValue();
      if (!joined.getAll(FOLLOWERS).iterator().hasNext()) {
        return; // Not in the grid: impossible by construction, as every media's brand and day are in B and D.
      }
      Long followers = joined.getOnly(FOLLOWERS, null);
      PostEngagement posts = joined.getOnly(POSTS, PostEngagement.NONE);
      long mentions = joined.getOnly(MENTIONS, 0L);
      out.output(
          KV.of(
              cell.getKey().getValue(),
              new BrandMetrics(
                  cell.getKey().getKey(), followers, posts.posts(), posts.avgEngagementRate(), mentions)));
    }
  }

  /** Ranks the brands of one period and emits the mart rows. */
  static class RankFn extends DoFn<KV<String, Iterable<BrandMetrics>>, Row> {
    private final Partition partition;

    RankFn(Partition partition) {
      this.partition = partition;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<BrandMetrics>> period, OutputReceiver<Row> out) {
      List<BrandMetrics> brands = new ArrayList<>();
      period.getValue().forEach(brands::add);
      List<PopularityRanking.Ranks> ranks = PopularityRanking.rank(brands);
      for (int i = 0; i < brands.size(); i++) {
        BrandMetrics b = brands.get(i);
        PopularityRanking.Ranks r = ranks.get(i);
        out.output(
            partition
                .rowStart(b.brand(), period.getKey())
                .addValues(
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
