package io.buzzbeam.transforms.marts;

import io.buzzbeam.model.Media;
import io.buzzbeam.transforms.tables.Tables;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class BrandGrowthMartTest {

  /** A mart_brand_daily row; the ranks do not matter here. */
  static Row daily(String brand, String day, Long followers, int posts, Double avg) {
    return Row.withSchema(Tables.MART_BRAND_DAILY.schema())
        .addValues(brand, LocalDate.parse(day), followers, posts, avg, 0, 1, 1, 1, 3, 1)
        .build();
  }

  static Media post(String id, String postedLocal, String type, String product, Long likes, long comments) {
    return Fixtures.media("brand", "chanel", id, postedLocal)
        .setMediaType(type)
        .setMediaProductType(product)
        .setLikeCount(likes)
        .setCommentsCount(comments)
        .build();
  }

  static Row growth(String brand, String day, Long followers, Long growth, Double pct, int posts, int week,
      Double avg, Double interactions, Double image, Double carousel, Double video, Double reels) {
    return Row.withSchema(Tables.MART_BRAND_GROWTH.schema())
        .addValues(brand, LocalDate.parse(day), followers, growth, pct, posts, week, avg, interactions,
            image, carousel, video, reels)
        .build();
  }

  @Test
  void growthWeekAndFormatMixPerBrandAndDay() {
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    List<Row> brandDaily =
        List.of(
            // D = 09-01, 09-02, 09-03, 09-05 (no record of any brand fell on 09-04).
            daily("chanel", "2023-09-01", 1000L, 2, 25.0),
            daily("chanel", "2023-09-02", 1100L, 1, 10.0),
            daily("chanel", "2023-09-03", 1100L, 0, null),
            daily("chanel", "2023-09-05", 990L, 1, 5.0),
            daily("dior", "2023-09-01", 0L, 0, null),
            daily("dior", "2023-09-02", 50L, 0, null),
            daily("gucci", "2023-09-01", null, 0, null));
    List<Media> media =
        List.of(
            post("old", "2023-08-29T10:00:00", "IMAGE", "FEED", 1L, 0), // a published day before D
            post("a", "2023-09-01T10:00:00", "IMAGE", "FEED", 10L, 2), // 12 interactions
            post("b", "2023-09-01T11:00:00", "VIDEO", "REELS", null, 5), // hidden likes: no interactions
            post("c", "2023-09-02T10:00:00", "CAROUSEL_ALBUM", "FEED", 20L, 0), // 20
            post("e", "2023-09-05T10:00:00", "VIDEO", "FEED", 3L, 1), // 4
            Fixtures.hashtagMedia("chanel", "h", "2023-09-05T10:00:00")); // not a brand post
    PCollection<Row> daily = p.apply("Daily", Create.of(brandDaily).withRowSchema(Tables.MART_BRAND_DAILY.schema()));
    PCollection<Row> rows = Fixtures.create(p, "Media", media).apply(BrandGrowthMart.of(daily));

    PAssert.that(rows)
        .containsInAnyOrder(
            // 09-01: no 08-31 row → growth null. Week 08-26..09-01: old, a, b = 3 → image 2/3, reels 1/3.
            //        Interactions of the day: a 12 (b hidden) → 12.0.
            growth("chanel", "2023-09-01", 1000L, null, null, 2, 3, 25.0, 12.0, 2.0 / 3, 0.0, 0.0, 1.0 / 3),
            // 09-02: 1100 − 1000 = 100, 100 / 1000 × 100 = 10 %. Week 08-27..09-02: old a b c = 4.
            growth("chanel", "2023-09-02", 1100L, 100L, 10.0, 1, 4, 10.0, 20.0, 0.5, 0.25, 0.0, 0.25),
            // 09-03: growth 0, 0 %. Week 08-28..09-03 still has old: 4. No post that day → no interactions.
            growth("chanel", "2023-09-03", 1100L, 0L, 0.0, 0, 4, null, null, 0.5, 0.25, 0.0, 0.25),
            // 09-05: 09-04 is not in D → growth null. Week 08-30..09-05: a b c e = 4 (old has left).
            growth("chanel", "2023-09-05", 990L, null, null, 1, 4, 5.0, 4.0, 0.25, 0.25, 0.25, 0.25),
            // dior: 0 → 50 is +50, but a % of zero followers is null.
            growth("dior", "2023-09-01", 0L, null, null, 0, 0, null, null, null, null, null, null),
            growth("dior", "2023-09-02", 50L, 50L, null, 0, 0, null, null, null, null, null, null),
            // gucci: no snapshot, no posts → nulls, week 0, no mix.
            growth("gucci", "2023-09-01", null, null, null, 0, 0, null, null, null, null, null, null));
    p.run().waitUntilFinish();
  }
}
