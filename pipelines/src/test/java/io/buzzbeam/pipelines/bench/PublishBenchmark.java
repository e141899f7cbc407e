package io.buzzbeam.pipelines.bench;

import io.buzzbeam.pipelines.embedded.EmbeddedPostgresServer;
import io.buzzbeam.pipelines.publish.Publisher;
import io.buzzbeam.pipelines.publish.StagingTables;
import io.buzzbeam.pipelines.sinks.PipelineRuns;
import io.buzzbeam.pipelines.sinks.WriteJdbcTable;
import io.buzzbeam.transforms.tables.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * What atomic publishing costs per row, against the plain batched upsert runs used before it
 * (one commit per 1000 rows straight into the published table), on the real embedded PostgreSQL:
 *
 * <ol>
 *   <li>plain upsert of N {@code fact_media} rows from the client (the old write path);
 *   <li>staging: the same rows upserted into the run's unlogged staging table (the new write path);
 *   <li>publish: one transaction moving them into the published table ({@link Publisher});
 *   <li>republish of unchanged rows (an hourly rerun that changes nothing).
 * </ol>
 *
 * Usage: {@code PublishBenchmark [rows]} (default 200000). Prints µs per row and the ratios.
 */
public final class PublishBenchmark {
  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    Path dir = Files.createTempDirectory("buzzbeam-publish-bench");
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir, 0);
        Connection c = pg.connect(); Statement s = c.createStatement()) {
      Tables.ensureAll(c);
      PipelineRuns.start(c, "bench", "none", "{}");

      long plain = upsert(pg, "fact_media", rows);
      s.execute("TRUNCATE fact_media");

      StagingTables staging = StagingTables.fresh();
      staging.create(c);
      long staged = upsert(pg, staging.nameOf(Tables.FACT_MEDIA), rows);
      Publisher.Plan plan = new Publisher.Plan("bench", null, null, true, PipelineRuns.SUCCEEDED, null);
      long t0 = System.nanoTime();
      Map<String, Long> published = Publisher.publish(c, staging, plan);
      long publish = System.nanoTime() - t0;
      t0 = System.nanoTime();
      Publisher.publish(c, staging, plan);
      long republish = System.nanoTime() - t0;
      staging.drop(c);

      System.out.printf(Locale.ROOT, "publish: %,d fact_media rows (%,d published)%n", rows, published.get("fact_media"));
      System.out.printf(Locale.ROOT, "  plain upsert into the published table  %7.2f us/row%n", perRow(plain, rows));
      System.out.printf(Locale.ROOT, "  upsert into the unlogged staging table %7.2f us/row%n", perRow(staged, rows));
      System.out.printf(Locale.ROOT, "  publish transaction                    %7.2f us/row%n", perRow(publish, rows));
      System.out.printf(Locale.ROOT, "  republish, nothing changed             %7.2f us/row%n", perRow(republish, rows));
      System.out.printf(
          Locale.ROOT,
          "  ratio (staging + publish) / plain upsert: %.2fx; publish alone / plain upsert: %.2fx%n",
          (double) (staged + publish) / plain,
          (double) publish / plain);
    }
  }

  private static double perRow(long nanos, int rows) {
    return nanos / 1000.0 / rows;
  }

  /** Batched upserts as the pipeline's writer does them: 1000 rows a batch, one commit each. */
  private static long upsert(EmbeddedPostgresServer pg, String table, int rows) throws Exception {
    long t0 = System.nanoTime();
    try (Connection c = pg.target().connect(Map.of("reWriteBatchedInserts", "true"));
        PreparedStatement ps = c.prepareStatement(WriteJdbcTable.upsertSql(Tables.FACT_MEDIA, table))) {
      c.setAutoCommit(false);
      OffsetDateTime posted = OffsetDateTime.ofInstant(Instant.parse("2023-09-02T03:00:00Z"), ZoneOffset.UTC);
      for (int i = 0; i < rows; i++) {
        int p = 1;
        ps.setString(p++, i % 3 == 0 ? "brand" : "hashtag");
        ps.setString(p++, "brand" + (i % 11));
        ps.setString(p++, "media-" + i);
        ps.setString(p++, "account" + (i % 500));
        ps.setString(p++, "IMAGE");
        ps.setString(p++, "FEED");
        ps.setObject(p++, posted.plusMinutes(i % 10_000));
        ps.setObject(p++, LocalDate.parse("2023-09-02").plusDays(i % 30));
        ps.setInt(p++, i % 24);
        ps.setInt(p++, 1 + i % 7);
        ps.setLong(p++, i % 5000);
        ps.setLong(p++, i % 300);
        ps.setLong(p++, 1_000_000L + i % 11);
        ps.setDouble(p++, (i % 5000) / 10_000.0);
        ps.setInt(p++, 40 + i % 200);
        ps.setString(p, "https://www.instagram.com/p/" + i + "/");
        ps.addBatch();
        if ((i + 1) % WriteJdbcTable.DEFAULT_BATCH_SIZE == 0) {
          ps.executeBatch();
          c.commit();
        }
      }
      ps.executeBatch();
      c.commit();
    }
    return System.nanoTime() - t0;
  }
}
