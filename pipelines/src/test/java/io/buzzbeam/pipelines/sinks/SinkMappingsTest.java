package io.buzzbeam.pipelines.sinks;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.pipelines.embedded.EmbeddedPostgresServer;
import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.SumQualityCounts;
import io.buzzbeam.transforms.tables.Tables;
import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;


/** Avro records and quality counts to §5 rows, written to the real embedded PostgreSQL. */
@ExtendWith(TestPipelineExtension.class)
public class SinkMappingsTest {
  @TempDir static Path TMP;
  final transient TestPipeline p = TestPipeline.create();

  private static EmbeddedPostgresServer pg;
  private static JdbcTarget target;

  @BeforeAll
  public static void startPostgres() throws Exception {
    pg = EmbeddedPostgresServer.start(Files.createDirectory(TMP.resolve("data")), 0);
    target = pg.target();
  }

  @AfterAll
  public static void stopPostgres() throws Exception {
    pg.close();
  }

  @BeforeEach
  public void emptyTables() throws Exception {
    Sql.resetTables(target);
  }

  @Test
  public void factMediaRowsCarryTheMetricsAndCountCodePoints() throws Exception {
    // "👜 샤넬 #chanel": 13 UTF-16 units, 12 code points (the emoji is a surrogate pair).
    String caption = "\uD83D\uDC5C 샤넬 #chanel";
    assertEquals(13, caption.length());
    Media withMetrics = TestRecords.chanelMedia("m1", 88L, 1000L, 10.0, caption);
    Media hiddenLikes = TestRecords.chanelMedia("m2", null, null, null, "");
    Row row = FactMediaRows.toRow(withMetrics);
    assertEquals(12, (int) row.getInt32("caption_length"));

    p.apply(Create.of(withMetrics, hiddenLikes).withCoder(AvroCoder.of(Media.class)))
        .apply(FactMediaRows.create())
        .apply(WriteJdbcTable.to(target, Tables.byName("fact_media")));
    p.run().waitUntilFinish();

    assertEquals(
        List.of(
            "brand|chanel|m1|chanelofficial|IMAGE|FEED|2023-09-02T12:00:03Z|2023-09-02|21|6|88|12"
                + "|1000|10|12|https://www.instagram.com/p/m1/",
            "brand|chanel|m2|chanelofficial|IMAGE|FEED|2023-09-02T12:00:03Z|2023-09-02|21|6|NULL|12"
                + "|NULL|NULL|0|https://www.instagram.com/p/m2/"),
        Sql.rows(
            target,
            "SELECT source, scope, media_id, account, media_type, media_product_type,"
                + " to_char(posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), day,"
                + " hour, weekday, like_count, comments_count, followers, engagement_rate,"
                + " caption_length, permalink FROM fact_media ORDER BY media_id"));
  }

  @Test
  public void rejectedRowsJoinReasonsAndKeepNulOut() throws Exception {
    // (Replacing a run's earlier dead letters is the publish step's: PublisherTest.)
    Sql.exec(
        target,
        "INSERT INTO rejected VALUES ('run-0', 'keep.jsonl', '1', 'envelope', 'malformed:json', 'y', now())");
    RejectedItem withNul = TestRecords.rejected("run-1", "graph/a.jsonl", "3:0", "{\"id\":\u0000}");
    p.apply(Create.of(withNul).withCoder(AvroCoder.of(RejectedItem.class)))
        .apply(RejectedRows.create())
        .apply(WriteJdbcTable.to(target, Tables.byName("rejected")));
    p.run().waitUntilFinish();
    assertEquals(
        List.of(
            "run-0|keep.jsonl|1|envelope|malformed:json|y",
            "run-1|graph/a.jsonl|3:0|media|missing:id,invalid:like_count|{\"id\":\uFFFD}"
                + "|2023-09-03 05:06:07.089"),
        Sql.rows(
            target,
            "SELECT run_id, source_file, position, model, reasons, raw"
                + ", CASE WHEN run_id = 'run-1' THEN to_char(rejected_at AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD HH24:MI:SS.MS') END FROM rejected ORDER BY run_id")
            .stream()
            .map(s -> s.endsWith("|NULL") ? s.substring(0, s.length() - 5) : s)
            .collect(java.util.stream.Collectors.toList()));
  }

  @Test
  public void qualityCountsOfOneMetricAreSummed() throws Exception {
    p.apply(
            Create.of(
                new QualityCount("media", "read", "", 10),
                new QualityCount("media", "read", "", 5),
                new QualityCount("media", "rejected_by_reason", "missing:id", 2),
                new QualityCount("media", "defaulted", "like_count", 7)))
        .apply(SumQualityCounts.create()) // what ParseLanding does: sums once, before the mapping
        .apply(QualityReportRows.of("run-7"))
        .apply(WriteJdbcTable.to(target, Tables.byName("quality_report")));
    p.run().waitUntilFinish();
    assertEquals(
        List.of(
            "run-7|media|defaulted|like_count|7",
            "run-7|media|read||15",
            "run-7|media|rejected_by_reason|missing:id|2"),
        Sql.rows(target, "SELECT * FROM quality_report ORDER BY metric"));
  }

  @Test
  public void pipelineRunsAreUpsertedWithoutSecrets() throws Exception {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("landing", "/data/landing");
    options.put("mongoUri", "mongodb://app:s3cret@db.example:27017/?authSource=admin");
    options.put("jdbcUrl", "jdbc:postgresql://db/buzz?user=app&password=s3cret");
    options.put("jdbcPassword", "s3cret");
    options.put("graphAccessToken", "EAAB-s3cret");
    String json = PipelineRuns.optionsJson(options);
    assertFalse(json.contains("s3cret"), json);
    assertEquals(
        "{\"jdbcUrl\":\"jdbc:postgresql://db/buzz?user=app&password=***\","
            + "\"landing\":\"/data/landing\","
            + "\"mongoUri\":\"mongodb://app:***@db.example:27017/?authSource=admin\"}",
        json);

    try (java.sql.Connection c = target.connect()) {
      PipelineRuns.start(c, "run-9", "DirectRunner", json);
    }
    assertEquals(
        List.of("run-9|running|DirectRunner|NULL|/data/landing"),
        Sql.rows(
            target,
            "SELECT run_id, status, runner, finished_at, options->>'landing' FROM pipeline_run"));
    try (java.sql.Connection c = target.connect()) {
      PipelineRuns.finish(c, "run-9", PipelineRuns.SUCCEEDED, null);
    }
    assertEquals(
        List.of("run-9|succeeded|DirectRunner|t"),
        Sql.rows(
            target,
            "SELECT run_id, status, runner, finished_at >= started_at FROM pipeline_run"));
    // A rerun with the same run id rewrites its one row.
    try (java.sql.Connection c = target.connect()) {
      PipelineRuns.start(c, "run-9", "FlinkRunner", json);
    }
    assertEquals(
        List.of("run-9|running|FlinkRunner|NULL"),
        Sql.rows(target, "SELECT run_id, status, runner, finished_at FROM pipeline_run"));
    assertTrue(target.toString().contains("password from file"));
  }

}
