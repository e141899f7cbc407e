package io.buzzbeam.pipelines.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.pipelines.SinkDumps;
import io.buzzbeam.pipelines.embedded.EmbeddedPostgresServer;
import io.buzzbeam.pipelines.sinks.PipelineRuns;
import io.buzzbeam.transforms.tables.Tables;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Publisher}, {@link StagingTables} and the catalogue's DDL check against the real PostgreSQL. */
class PublisherTest {
  @TempDir static Path tmp;
  private static EmbeddedPostgresServer pg;

  @BeforeAll
  static void start() throws Exception {
    pg = EmbeddedPostgresServer.start(tmp.resolve("data"), 0);
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
  }

  @BeforeEach
  void emptyTables() throws Exception {
    try (Connection c = pg.connect();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + StagingTables.SCHEMA + " CASCADE");
      for (Tables.Table t : Tables.all()) {
        s.execute("DROP TABLE IF EXISTS " + t.name + " CASCADE"); // and the views over it
      }
      Tables.ensureAll(c);
    }
  }

  private static void exec(Connection c, String... sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String q : sql) {
        s.execute(q);
      }
    }
  }

  @Test
  void publishReplacesTheWindowsDaysAllBrandMartRowsAndTheRunsRows() throws Exception {
    try (Connection c = pg.connect()) {
      exec(
          c,
          // published before the run: three days of hashtag counts, a summary, another run's dead letter
          "INSERT INTO mart_hashtag_daily VALUES ('hashtag','chanel','2023-09-01','a',1),"
              + " ('hashtag','chanel','2023-09-02','a',2), ('hashtag','chanel','2023-09-02','gone',9),"
              + " ('hashtag','chanel','2023-09-03','a',3)",
          "INSERT INTO mart_brand_summary VALUES ('dior',10,2,0.5,0,1,1,1,3,1), ('chanel',20,1,0.1,0,2,2,2,6,2)",
          "INSERT INTO rejected VALUES ('old','f.jsonl','1','envelope','malformed:json','x', now()),"
              + " ('run-1','f.jsonl','9','envelope','malformed:json','stale', now())");
      PipelineRuns.start(c, "run-1", "DirectRunner", "{}");
      StagingTables staging = StagingTables.fresh();
      staging.create(c);
      exec(
          c,
          "INSERT INTO " + staging.nameOf(Tables.MART_HASHTAG_DAILY)
              + " VALUES ('hashtag','chanel','2023-09-02','a',5), ('hashtag','chanel','2023-09-02','new',1)",
          "INSERT INTO " + staging.nameOf(Tables.MART_BRAND_SUMMARY) + " VALUES ('chanel',30,4,1.5,2,1,1,1,3,1)",
          "INSERT INTO " + staging.nameOf(Tables.REJECTED) + " VALUES ('run-1','g.jsonl','2','media','missing:id','y', now())");

      Map<String, Long> published =
          Publisher.publish(
              c,
              staging,
              new Publisher.Plan("run-1", LocalDate.parse("2023-09-02"), LocalDate.parse("2023-09-02"), true, PipelineRuns.SUCCEEDED, null));

      // The window's day is replaced (a changed count, a vanished tag, a new tag); the others stay.
      assertEquals(
          List.of("2023-09-01|a|1", "2023-09-02|a|5", "2023-09-02|new|1", "2023-09-03|a|3"),
          SinkDumps.query(c, "SELECT day, hashtag, media FROM mart_hashtag_daily ORDER BY 1, 2"));
      // A brand mart is replaced whole.
      assertEquals(List.of("chanel|4"), SinkDumps.query(c, "SELECT brand, posts FROM mart_brand_summary"));
      // The run's own dead letters are replaced; another run's stay.
      assertEquals(
          List.of("old|f.jsonl|1", "run-1|g.jsonl|2"),
          SinkDumps.query(c, "SELECT run_id, source_file, position FROM rejected ORDER BY 1, 2"));
      assertEquals(List.of("succeeded|null"), SinkDumps.query(c, "SELECT status, reason FROM pipeline_run"));
      assertEquals(2L, published.get("mart_hashtag_daily"));
      assertEquals(1L, published.get("mart_brand_summary"));
      // An empty staged day-keyed table still replaces the window's days (they have no data now).
      assertEquals(0L, published.get("fact_media"));
    }
  }

  @Test
  void aGatedRunPublishesOnlyItsDeadLettersAndQualityReport() throws Exception {
    try (Connection c = pg.connect()) {
      exec(c, "INSERT INTO mart_brand_summary VALUES ('dior',10,2,0.5,0,1,1,1,3,1)");
      PipelineRuns.start(c, "run-2", "DirectRunner", "{}");
      StagingTables staging = StagingTables.fresh();
      staging.create(c);
      exec(
          c,
          "INSERT INTO " + staging.nameOf(Tables.MART_BRAND_SUMMARY) + " VALUES ('chanel',30,4,1.5,2,1,1,1,3,1)",
          "INSERT INTO " + staging.nameOf(Tables.REJECTED) + " VALUES ('run-2','g.jsonl','2','media','missing:id','y', now())",
          "INSERT INTO " + staging.nameOf(Tables.QUALITY_REPORT) + " VALUES ('run-2','media','read','',1)");
      Publisher.publish(c, staging, new Publisher.Plan("run-2", null, null, false, PipelineRuns.GATED, "reject ratio"));
      assertEquals(List.of("dior|2"), SinkDumps.query(c, "SELECT brand, posts FROM mart_brand_summary"));
      assertEquals(List.of("1"), SinkDumps.query(c, "SELECT count(*) FROM rejected"));
      assertEquals(List.of("media|read|1"), SinkDumps.query(c, "SELECT model, metric, value FROM quality_report"));
      assertEquals(List.of("gated|reject ratio"), SinkDumps.query(c, "SELECT status, reason FROM pipeline_run"));
    }
  }

  @Test
  void aTableWhoseColumnsDifferIsAnErrorBeforeAnythingIsWritten() throws Exception {
    try (Connection c = pg.connect()) {
      exec(
          c,
          "DROP TABLE mart_brand_daily CASCADE", // and the view mart_brand_movement
          "DROP TABLE fact_media",
          // the drift the catalogue prevents: posts as bigint, a column renamed
          "CREATE TABLE mart_brand_daily (brand text NOT NULL, day date NOT NULL, followers bigint,"
              + " posts bigint NOT NULL, avg_engagement_rate double precision, hashtag_mentions integer NOT NULL,"
              + " media_rank integer NOT NULL, follower_rank integer NOT NULL, community_rank integer NOT NULL,"
              + " popularity_score integer NOT NULL, rank integer NOT NULL, PRIMARY KEY (brand, day))");
      SQLException e = assertThrows(SQLException.class, () -> Tables.ensureAll(c));
      assertTrue(e.getMessage().contains("mart_brand_daily.posts is bigint, expected integer"), e.getMessage());
      assertTrue(e.getMessage().contains("mart_brand_daily has no column popularity_rank"), e.getMessage());
      assertTrue(e.getMessage().contains("mart_brand_daily has an unexpected column rank"), e.getMessage());
      // Nothing was created either: fact_media is still missing.
      assertEquals(List.of("0"), SinkDumps.query(c, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'fact_media'"));
    }
  }

  @Test
  void aPipelineRunTableFromBeforeTheReasonColumnIsMigratedInPlace() throws Exception {
    try (Connection c = pg.connect()) {
      exec(
          c,
          "DROP TABLE pipeline_run",
          "CREATE TABLE pipeline_run (run_id text NOT NULL PRIMARY KEY, started_at timestamptz NOT NULL,"
              + " finished_at timestamptz, status text NOT NULL, runner text, options jsonb)",
          "INSERT INTO pipeline_run VALUES ('old', now(), NULL, 'running', 'FlinkRunner', '{}')");
      Tables.ensureAll(c);
      assertEquals(1, PipelineRuns.abandonDead(c, "new"));
      assertEquals(List.of("old|failed|abandoned"), SinkDumps.query(c, "SELECT run_id, status, reason FROM pipeline_run"));
    }
  }

  @Test
  void leftoverStagingTablesOfDeadRunsAreDropped() throws Exception {
    try (Connection c = pg.connect()) {
      StagingTables.fresh().create(c);
      StagingTables.fresh().create(c);
      int perRun = StagingTables.staged().size();
      assertEquals(2 * perRun, StagingTables.dropLeftovers(c));
      assertEquals(List.of("0"), SinkDumps.query(c,
          "SELECT count(*) FROM information_schema.tables WHERE table_schema = '" + StagingTables.SCHEMA + "'"));
    }
  }
}
