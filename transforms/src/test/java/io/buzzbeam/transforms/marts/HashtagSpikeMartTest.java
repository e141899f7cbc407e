package io.buzzbeam.transforms.marts;

import io.buzzbeam.transforms.tables.Tables;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class HashtagSpikeMartTest {

  static Row daily(String source, String scope, String day, String tag, int media) {
    return Row.withSchema(Tables.MART_HASHTAG_DAILY.schema())
        .addValues(source, scope, LocalDate.parse(day), tag, media)
        .build();
  }

  static Row spike(String source, String scope, String day, String tag, int mentions, double mean, double sd) {
    return Row.withSchema(Tables.MART_HASHTAG_SPIKE.schema())
        .addValues(source, scope, LocalDate.parse(day), tag, mentions, 3, mean, sd, mean + 1.0 * sd)
        .build();
  }

  @Test
  void mentionsAboveMeanPlusSigmaSdOfTheTrailingDays() {
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    // Options: --spikeBaselineDays=3 --spikeSigma=1 --spikeMinMentions=3; the window starts 09-03.
    List<Row> published =
        List.of(daily("hashtag", "chanel", "2023-09-01", "샤넬", 2), daily("hashtag", "chanel", "2023-09-02", "샤넬", 4));
    List<Row> window =
        List.of(
            daily("hashtag", "chanel", "2023-09-03", "샤넬", 6),
            daily("hashtag", "chanel", "2023-09-04", "샤넬", 3),
            daily("hashtag", "chanel", "2023-09-06", "샤넬", 10),
            daily("hashtag", "chanel", "2023-09-05", "신상", 3),
            daily("brand", "dior", "2023-09-03", "디올", 2),
            daily("crawl", "mom", "2023-09-03", "육아일기", 50));
    PCollection<Row> history =
        p.apply("Published", Create.of(published).withRowSchema(Tables.MART_HASHTAG_DAILY.schema()));
    PCollection<Row> rows =
        p.apply("Window", Create.of(window).withRowSchema(Tables.MART_HASHTAG_DAILY.schema()))
            .apply(HashtagSpikeMart.of(3, 1.0, 3).withHistory(history));

    PAssert.that(rows)
        .containsInAnyOrder(
            // 샤넬 09-03: previous days 09-02 4, 09-01 2, 08-31 0 → mean 2, var (4 + 0 + 4) / 3 = 8/3,
            //   threshold 2 + 1.633 = 3.633 < 6 → spike.
            spike("hashtag", "chanel", "2023-09-03", "샤넬", 6, 2.0, Math.sqrt(8.0 / 3)),
            // 샤넬 09-04: 3 ≥ floor, baseline 6, 4, 2 → mean 4, sd 1.633, threshold 5.633 ≥ 3 → none.
            // 샤넬 09-06: 09-05 0 (no row), 09-04 3, 09-03 6 → mean 3, var (9 + 0 + 9) / 3 = 6 → spike.
            spike("hashtag", "chanel", "2023-09-06", "샤넬", 10, 3.0, Math.sqrt(6.0)),
            // 신상 09-05: never seen before → mean 0, sd 0, threshold 0 < 3 → a spike (a new tag).
            spike("hashtag", "chanel", "2023-09-05", "신상", 3, 0.0, 0.0));
    // 디올 2 is under the floor; crawl hashtags are no brand's.
    p.run().waitUntilFinish();
  }

  @Test
  void withoutHistoryTheWindowIsAllThereIs() {
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    List<Row> window =
        List.of(daily("hashtag", "chanel", "2023-09-01", "샤넬", 5), daily("hashtag", "chanel", "2023-09-02", "샤넬", 5));
    PCollection<Row> rows =
        p.apply(Create.of(window).withRowSchema(Tables.MART_HASHTAG_DAILY.schema()))
            .apply(HashtagSpikeMart.of(3, 1.0, 3));
    // 09-01: baseline zeros → spike; 09-02: baseline 5, 0, 0 → mean 5/3, var (3·25 − 25) / 9 = 50/9,
    // sd 2.357, threshold 4.024 < 5 → spike too.
    PAssert.that(rows)
        .containsInAnyOrder(
            spike("hashtag", "chanel", "2023-09-01", "샤넬", 5, 0.0, 0.0),
            spike("hashtag", "chanel", "2023-09-02", "샤넬", 5, 5.0 / 3, Math.sqrt(50.0 / 9)));
    p.run().waitUntilFinish();
  }
}
