package io.buzzbeam.pipelines.bench;

import io.buzzbeam.pipelines.embedded.EmbeddedPostgresServer;
import io.buzzbeam.pipelines.sinks.JdbcTarget;
import io.buzzbeam.pipelines.sinks.Sql;
import io.buzzbeam.pipelines.sinks.WriteJdbcTable;
import io.buzzbeam.transforms.tables.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;


/**
 * Rows per second of {@link WriteJdbcTable} into the embedded PostgreSQL (fsync and synchronous
 * commit on), on the direct runner: a first write (inserts), a rerun (conflicts, nothing changes)
 * and a rerun that changes every row, then the same statements over one plain JDBC connection.
 * Usage: {@code JdbcUpsertBenchmark [rows]} (default 20000; {@code scripts/bench.sh}); prints the
 * figures. That an upsert rerun leaves the same rows is tested by {@code WriteJdbcTableTest}.
 */
public final class JdbcUpsertBenchmark {
  private static EmbeddedPostgresServer pg;

  static final Schema KEYWORDS = Tables.MART_KEYWORD_DAILY.schema();

  private static double write(int rows, int salt) {
    Pipeline p = Pipeline.create(TestPipeline.testingPipelineOptions());
    JdbcTarget target = pg.target();
    p.apply(Create.of(java.util.stream.IntStream.range(0, rows).boxed().collect(
            java.util.stream.Collectors.toList())))
        .apply(
            MapElements.into(TypeDescriptors.rows())
                .via(
                    (Integer i) ->
                        Row.withSchema(KEYWORDS)
                            .addValues(
                                "hashtag",
                                "brand" + (i % 11),
                                LocalDate.of(2023, 1, 1).plusDays(i % 365),
                                "토큰" + (i / 4015),
                                "Noun",
                                i % 7 + salt,
                                i % 5 + 1)
                            .build()))
        .setRowSchema(KEYWORDS)
        .apply(WriteJdbcTable.to(target, Tables.MART_KEYWORD_DAILY));
    long start = System.nanoTime();
    org.apache.beam.sdk.PipelineResult result = p.run();
    result.waitUntilFinish();
    for (org.apache.beam.sdk.metrics.MetricResult<org.apache.beam.sdk.metrics.DistributionResult> d :
        result.metrics().allMetrics().getDistributions()) {
      System.out.println("  " + d.getName() + ": " + d.getAttempted());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** The same statements without Beam: what the database itself sustains. */
  private static double rawJdbc(int rows, int salt) throws Exception {
    long start = System.nanoTime();
    try (java.sql.Connection c = pg.target().connect(java.util.Map.of("reWriteBatchedInserts", "true"));
        java.sql.PreparedStatement ps =
            c.prepareStatement(WriteJdbcTable.upsertSql(Tables.MART_KEYWORD_DAILY, "mart_keyword_daily"))) {
      c.setAutoCommit(false);
      for (int i = 0; i < rows; i++) {
        ps.setString(1, "hashtag");
        ps.setString(2, "brand" + (i % 11));
        ps.setObject(3, LocalDate.of(2023, 1, 1).plusDays(i % 365));
        ps.setString(4, "토큰" + (i / 4015));
        ps.setString(5, "Noun");
        ps.setInt(6, i % 7 + salt);
        ps.setInt(7, i % 5 + 1);
        ps.addBatch();
        if ((i + 1) % 1000 == 0) {
          ps.executeBatch();
          c.commit();
        }
      }
      ps.executeBatch();
      c.commit();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    Path dir = Files.createTempDirectory("buzzbeam-jdbc-bench");
    try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir, 0)) {
      pg = server;
      Sql.resetTables(pg.target());
      measure(n);
    } finally {
      BenchSupport.deleteTree(dir);
    }
  }

  private static void measure(int n) throws Exception {
    double insert = write(n, 0);
    double same = write(n, 0);
    double changed = write(n, 1);
    Sql.exec(pg.target(), "TRUNCATE mart_keyword_daily");
    double rawInsert = rawJdbc(n, 0);
    double rawChanged = rawJdbc(n, 2);
    List<String> count = Sql.rows(pg.target(), "SELECT count(*) FROM mart_keyword_daily");
    if (!count.equals(List.of(String.valueOf(n)))) {
      throw new IllegalStateException("expected " + n + " rows, found " + count);
    }
    System.out.printf(
        "JDBC upsert of %d rows into mart_keyword_daily (embedded PG 17, fsync on, batches of"
            + " 1000, direct runner, whole pipeline time): insert %.1f s = %.0f rows/s;"
            + " rerun unchanged %.1f s = %.0f rows/s; rerun all changed %.1f s = %.0f rows/s%n",
        n, insert, n / insert, same, n / same, changed, n / changed);
    System.out.printf(
        "  same statements over one plain JDBC connection: insert %.1f s = %.0f rows/s;"
            + " all changed %.1f s = %.0f rows/s%n",
        rawInsert, n / rawInsert, rawChanged, n / rawChanged);
  }
}
