package io.buzzbeam.transforms.marts;

import static io.buzzbeam.transforms.marts.Fixtures.brandMedia;
import static io.buzzbeam.transforms.marts.Fixtures.hashtagMedia;
import static io.buzzbeam.transforms.marts.Fixtures.snapshot;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.transforms.tables.Tables;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class BestTimeMartTest {

  static final String COLLECTED = "2023-09-13T00:00:00Z";

  static Row cell(String brand, int weekday, int hour, String name, int posts, int rated, Double avg,
      boolean sufficient, Integer rank) {
    return Row.withSchema(Tables.MART_BEST_TIME.schema())
        .addValues(brand, weekday, hour, name, posts, rated, avg, 2, sufficient, rank)
        .build();
  }

  @Test
  void meanRateByWeekdayAndHourWithMinimumSampleAndRanks() {
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    // Followers (SPEC §4, AttachFollowers): chanel 4, dior 8 (small powers of two: the rates are exact
    // doubles, rate = (likes + comments) / followers * 100). 2023-09-04 and -11 are Mondays.
    List<ProfileSnapshot> profiles =
        List.of(snapshot("chanel", "2023-08-31T00:00:00Z", 4), snapshot("dior", "2023-08-31T00:00:00Z", 8));
    List<Media> media =
        List.of(
            brandMedia("chanel", "c1", "2023-09-04T12:00:00", 4L, 0, COLLECTED), // Mon 12: 4/4 → 100.0
            brandMedia("chanel", "c2", "2023-09-11T12:30:00", 8L, 4, COLLECTED), // Mon 12: 12/4 → 300.0
            brandMedia("chanel", "c3", "2023-09-04T12:45:00", null, 7, COLLECTED), // Mon 12: hidden likes → null
            brandMedia("chanel", "c4", "2023-09-05T18:00:00", 2L, 0, COLLECTED), // Tue 18: 2/4 → 50.0
            brandMedia("chanel", "c5", "2023-09-12T18:10:00", 3L, 0, COLLECTED), // Tue 18: 3/4 → 75.0
            brandMedia("dior", "d1", "2023-09-04T12:05:00", 6L, 2, COLLECTED), // Mon 12: 8/8 → 100.0
            brandMedia("dior", "d2", "2023-09-10T09:00:00", 0L, 0, COLLECTED), // Sun 9: 0.0
            hashtagMedia("chanel", "h1", "2023-09-04T12:00:00")); // not a brand post: in no cell
    PCollection<ProfileSnapshot> snapshots = Fixtures.createProfiles(p, profiles);
    PCollection<Row> rows =
        Fixtures.create(p, "Media", media)
            .apply("AttachFollowers", AttachFollowers.withProfiles(snapshots))
            .apply("BestTime", BestTimeMart.withMinPosts(2));

    PAssert.that(rows)
        .containsInAnyOrder(
            // chanel Mon 12: c1, c2, c3 → 3 posts, 2 rated, (100 + 300) / 2 = 200.0; Tue 18: (50 + 75) / 2 = 62.5.
            // Both have 2 rated posts ≥ 2 → ranked by the mean: Mon 12 first.
            cell("chanel", 1, 12, "Monday", 3, 2, 200.0, true, 1),
            cell("chanel", 2, 18, "Tuesday", 2, 2, 62.5, true, 2),
            // dior: one rated post per cell < 2 → insufficient, its mean still shown, no rank.
            cell("dior", 1, 12, "Monday", 1, 1, 100.0, false, null),
            cell("dior", 7, 9, "Sunday", 1, 1, 0.0, false, null),
            // __all__ Mon 12: c1 c2 c3 d1 → 4 posts, 3 rated, (100 + 300 + 100) / 3 = 500/3; Tue 18 62.5;
            // Sun 9 insufficient.
            cell(BestTimeMart.ALL_BRANDS, 1, 12, "Monday", 4, 3, 500.0 / 3, true, 1),
            cell(BestTimeMart.ALL_BRANDS, 2, 18, "Tuesday", 2, 2, 62.5, true, 2),
            cell(BestTimeMart.ALL_BRANDS, 7, 9, "Sunday", 1, 1, 0.0, false, null));
    p.run().waitUntilFinish();
  }

  @Test
  void tiedMeansShareARank() {
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    List<ProfileSnapshot> profiles = List.of(snapshot("chanel", "2023-08-31T00:00:00Z", 4));
    List<Media> media =
        List.of(
            brandMedia("chanel", "a", "2023-09-04T08:00:00", 2L, 0, COLLECTED), // Mon 8: 2/4 → 50.0
            brandMedia("chanel", "b", "2023-09-04T09:00:00", 1L, 1, COLLECTED), // Mon 9: 2/4 → 50.0
            brandMedia("chanel", "c", "2023-09-04T10:00:00", 1L, 0, COLLECTED)); // Mon 10: 1/4 → 25.0
    PCollection<ProfileSnapshot> snapshots = Fixtures.createProfiles(p, profiles);
    PCollection<Row> rows =
        Fixtures.create(p, "Media", media)
            .apply("AttachFollowers", AttachFollowers.withProfiles(snapshots))
            .apply("BestTime", BestTimeMart.withMinPosts(1))
            .apply(org.apache.beam.sdk.transforms.Filter.by((Row r) -> r.getString("brand").equals("chanel")));
    // SQL RANK: 50.0 and 50.0 share 1, then 25.0 is 3.
    PAssert.that(rows)
        .containsInAnyOrder(
            cellMin1("chanel", 8, 50.0, 1), cellMin1("chanel", 9, 50.0, 1), cellMin1("chanel", 10, 25.0, 3));
    p.run().waitUntilFinish();
  }

  static Row cellMin1(String brand, int hour, double avg, int rank) {
    return Row.withSchema(Tables.MART_BEST_TIME.schema())
        .addValues(brand, 1, hour, "Monday", 1, 1, avg, 1, true, rank)
        .build();
  }
}
