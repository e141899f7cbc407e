package io.buzzbeam.transforms.marts;

import io.buzzbeam.transforms.tables.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class RankingSnapshotMartTest {

  static final Instant TAKEN = Instant.parse("2023-09-02T03:05:00Z");

  static Row daily(String brand, String day, int media, int follower, int community, int score, int rank) {
    return Row.withSchema(Tables.MART_BRAND_DAILY.schema())
        .addValues(brand, LocalDate.parse(day), 100L, 1, 1.0, 1, media, follower, community, score, rank)
        .build();
  }

  static Row snapshot(String brand, String day, int media, int follower, int community, int score, int rank) {
    return Row.withSchema(Tables.MART_RANKING_SNAPSHOT.schema())
        .addValues(TAKEN, brand, LocalDate.parse(day), media, follower, community, score, rank)
        .build();
  }

  static final List<Row> DAILY =
      List.of(
          daily("chanel", "2023-09-01", 1, 1, 2, 4, 1),
          daily("dior", "2023-09-01", 2, 2, 1, 5, 2),
          daily("chanel", "2023-09-02", 2, 1, 2, 5, 2),
          daily("dior", "2023-09-02", 1, 2, 1, 4, 1),
          daily("gucci", "2023-09-02", 1, 3, 1, 5, 2));

  private static PCollection<Row> run(TestPipeline p, LocalDate lastDay) {
    return p.apply(Create.of(DAILY).withRowSchema(Tables.MART_BRAND_DAILY.schema()))
        .apply(RankingSnapshotMart.of(TAKEN, lastDay));
  }

  @Test
  void withoutToTheLatestDayOfD() {
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    // Latest day 09-02: its three rows, ranks and score copied as mart_brand_daily has them.
    PAssert.that(run(p, null))
        .containsInAnyOrder(
            snapshot("chanel", "2023-09-02", 2, 1, 2, 5, 2),
            snapshot("dior", "2023-09-02", 1, 2, 1, 4, 1),
            snapshot("gucci", "2023-09-02", 1, 3, 1, 5, 2));
    p.run().waitUntilFinish();
  }

  @Test
  void theLatestDayOnOrBeforeTo() {
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    // --to=2023-09-01: 09-02 is after the window's last day, so 09-01's two rows.
    PAssert.that(run(p, LocalDate.parse("2023-09-01")))
        .containsInAnyOrder(
            snapshot("chanel", "2023-09-01", 1, 1, 2, 4, 1), snapshot("dior", "2023-09-01", 2, 2, 1, 5, 2));
    p.run().waitUntilFinish();
  }

  @Test
  void noDayOnOrBeforeToNoSnapshot() {
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    PAssert.that(run(p, LocalDate.parse("2023-08-31"))).empty();
    p.run().waitUntilFinish();
  }
}
