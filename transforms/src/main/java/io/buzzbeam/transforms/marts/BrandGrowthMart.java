package io.buzzbeam.transforms.marts;

import io.buzzbeam.model.Media;
import io.buzzbeam.transforms.tables.Tables;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@code mart_brand_growth} (docs/METRICS.md §3): one row per {@code mart_brand_daily} row (B × D),
 * with follower growth against the previous calendar day, the brand's posts over the trailing 7
 * days and their format mix, and the mean interactions (likes + comments) per post of the day.
 *
 * <p>Followers, posts and the average engagement rate are taken from {@code mart_brand_daily}'s
 * row (SPEC §4, computed once by {@link BrandDailyMart}); the media give the 7-day window and the
 * interactions. Each brand's rows and posts meet in one group (a brand's history: small).
 */
public class BrandGrowthMart extends PTransform<PCollection<Media>, PCollection<Row>> {

  /** Days of the posts-per-week window, the row's day included. */
  public static final int WEEK_DAYS = 7;

  private final PCollection<Row> brandDaily;

  private BrandGrowthMart(PCollection<Row> brandDaily) {
    this.brandDaily = brandDaily;
  }

  /** Growth of the brands and days of {@code brandDaily} ({@code mart_brand_daily} rows). */
  public static BrandGrowthMart of(PCollection<Row> brandDaily) {
    return new BrandGrowthMart(brandDaily);
  }

  /** What the mart needs of one brand post. */
  static final class Post implements Serializable {
    private static final long serialVersionUID = 1L;
    final String mediaId;
    final String day;
    final Format format;
    final Double interactions; // null when the likes are hidden

    Post(String mediaId, String day, Format format, Double interactions) {
      this.mediaId = mediaId;
      this.day = day;
      this.format = format;
      this.interactions = interactions;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Post)) {
        return false;
      }
      Post p = (Post) o;
      return mediaId.equals(p.mediaId) && day.equals(p.day) && format == p.format
          && java.util.Objects.equals(interactions, p.interactions);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(mediaId, day, format, interactions);
    }

    static Post of(Media m) {
      Long likes = m.getLikeCount();
      return new Post(
          m.getMediaId(),
          m.getDay(),
          Format.of(m.getMediaType(), m.getMediaProductType()),
          likes == null ? null : (double) likes + (double) m.getCommentsCount());
    }
  }

  /** The format of a post for the mix: reels first (any media type), then the media type. */
  enum Format {
    IMAGE,
    CAROUSEL,
    VIDEO,
    REELS,
    OTHER;

    static Format of(String mediaType, String productType) {
      if ("REELS".equals(productType)) {
        return REELS;
      }
      switch (mediaType == null ? "" : mediaType) {
        case "IMAGE":
          return IMAGE;
        case "CAROUSEL_ALBUM":
          return CAROUSEL;
        case "VIDEO":
          return VIDEO;
        default:
          return OTHER;
      }
    }
  }

  private static final TupleTag<Row> DAILY = new TupleTag<Row>() {};
  private static final TupleTag<Post> POSTS = new TupleTag<Post>() {};

  @Override
  public PCollection<Row> expand(PCollection<Media> media) {
    PCollection<KV<String, Post>> posts =
        media
            .apply("BrandMedia", Filter.by(BrandActivity::isBrandMedia))
            .apply(
                "PostByBrand",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(Post.class)))
                    .via((Media m) -> KV.of(BrandActivity.brandOf(m), Post.of(m))))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Post.class)));
    PCollection<KV<String, Row>> daily =
        brandDaily
            .apply(
                "DailyByBrand",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.rows()))
                    .via((Row r) -> KV.of(r.getString("brand"), r)))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), RowCoder.of(Tables.MART_BRAND_DAILY.schema())));
    return KeyedPCollectionTuple.of(DAILY, daily)
        .and(POSTS, posts)
        .apply("JoinOnBrand", CoGroupByKey.create())
        .apply("GrowthOfEachDay", ParDo.of(new GrowthFn()))
        .setRowSchema(Tables.MART_BRAND_GROWTH.schema());
  }

  static class GrowthFn extends DoFn<KV<String, CoGbkResult>, Row> {
    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> brand, OutputReceiver<Row> out) {
      Map<LocalDate, Row> byDay = new TreeMap<>();
      for (Row r : brand.getValue().getAll(DAILY)) {
        byDay.put(r.getLogicalTypeValue("day", LocalDate.class), r);
      }
      // A media read twice (it cannot be, by day, but cheap to rule out) counts once.
      Map<String, Post> distinct = new HashMap<>();
      for (Post p : brand.getValue().getAll(POSTS)) {
        distinct.merge(p.mediaId, p, (a, b) -> a.day.compareTo(b.day) <= 0 ? a : b);
      }
      Map<LocalDate, List<Post>> postsByDay = new HashMap<>();
      for (Post p : distinct.values()) {
        postsByDay.computeIfAbsent(LocalDate.parse(p.day), d -> new ArrayList<>()).add(p);
      }
      for (Map.Entry<LocalDate, Row> e : byDay.entrySet()) {
        out.output(row(e.getKey(), e.getValue(), byDay.get(e.getKey().minusDays(1)), postsByDay));
      }
    }

    static Row row(LocalDate day, Row today, Row yesterday, Map<LocalDate, List<Post>> postsByDay) {
      Long followers = today.getInt64("followers");
      Long previous = yesterday == null ? null : yesterday.getInt64("followers");
      Long growth = followers == null || previous == null ? null : followers - previous;
      Double growthPct = growth == null || previous == 0 ? null : growth * 100.0 / previous;

      int[] formats = new int[Format.values().length];
      int week = 0;
      for (int i = 0; i < WEEK_DAYS; i++) {
        for (Post p : postsByDay.getOrDefault(day.minusDays(i), List.of())) {
          formats[p.format.ordinal()]++;
          week++;
        }
      }
      List<Double> interactions = new ArrayList<>();
      for (Post p : postsByDay.getOrDefault(day, List.of())) {
        interactions.add(p.interactions);
      }
      return Row.withSchema(Tables.MART_BRAND_GROWTH.schema())
          .addValues(
              today.getString("brand"),
              day,
              followers,
              growth,
              growthPct,
              today.getInt32("posts"),
              week,
              today.getDouble("avg_engagement_rate"),
              PostEngagementFn.mean(interactions),
              share(formats[Format.IMAGE.ordinal()], week),
              share(formats[Format.CAROUSEL.ordinal()], week),
              share(formats[Format.VIDEO.ordinal()], week),
              share(formats[Format.REELS.ordinal()], week))
          .build();
    }

    private static Double share(int posts, int week) {
      return week == 0 ? null : (double) posts / week;
    }
  }
}
