package io.buzzbeam.pipelines.publish;

import io.buzzbeam.pipelines.embedded.EmbeddedPostgresServer;
import io.buzzbeam.transforms.tables.Tables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spikes' baselines before a window (docs/METRICS.md §4): the published brand and hashtag rows
 * of {@code mart_hashtag_daily} of exactly the N days before {@code --from}, crawl rows left out.
 */
class ReadPublishedHashtagDailyTest {
  @TempDir Path tmp;

  static Row row(String source, String scope, String day, String tag, int media) {
    return Row.withSchema(Tables.MART_HASHTAG_DAILY.schema())
        .addValues(source, scope, LocalDate.parse(day), tag, media)
        .build();
  }

  @Test
  void theBaselineDaysBeforeTheWindowOfBrandHashtags() throws Exception {
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(tmp.resolve("data"), 0)) {
      try (Connection c = pg.connect();
          Statement s = c.createStatement()) {
        Tables.ensureAll(c);
        s.execute(
            "INSERT INTO mart_hashtag_daily VALUES"
                + " ('hashtag','chanel','2023-09-06','a',1)," // before from − 3: not read
                + " ('hashtag','chanel','2023-09-07','a',2)," // from − 3
                + " ('brand','dior','2023-09-08','b',3),"
                + " ('hashtag','chanel','2023-09-09','a',4)," // from − 1
                + " ('crawl','mom','2023-09-09','c',9)," // no brand's
                + " ('hashtag','chanel','2023-09-10','a',5)"); // the window's own day: not read
      }
      TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
      // --from=2023-09-10 --spikeBaselineDays=3: 09-07 … 09-09.
      PAssert.that(p.apply(ReadPublished.hashtagDailyBefore(pg.target(), LocalDate.parse("2023-09-10"), 3)))
          .containsInAnyOrder(
              row("hashtag", "chanel", "2023-09-07", "a", 2),
              row("brand", "dior", "2023-09-08", "b", 3),
              row("hashtag", "chanel", "2023-09-09", "a", 4));
      p.run().waitUntilFinish();
    }
  }
}
