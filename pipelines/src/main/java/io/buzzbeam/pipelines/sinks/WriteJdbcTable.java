package io.buzzbeam.pipelines.sinks;

import io.buzzbeam.transforms.quality.RunCounter;
import io.buzzbeam.transforms.shards.Rebalance;
import io.buzzbeam.transforms.tables.Tables;
import io.buzzbeam.transforms.tables.Tables.Column;
import io.buzzbeam.transforms.tables.Tables.ColumnType;
import io.buzzbeam.transforms.tables.Tables.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Writes {@link Row}s of one catalogue table ({@link Tables}) into a physical table of the same
 * columns — in a run, the table's per-run staging copy, from which the driver publishes in one
 * transaction (see {@code io.buzzbeam.pipelines.publish}). Idempotent: {@code INSERT ... ON CONFLICT
 * (key) DO UPDATE}, in batches (default 1000 rows, one commit per batch), so a retried bundle does
 * no harm. The rows' Beam schema must be exactly the table's ({@link Table#schema()}), checked when
 * the pipeline is built.
 *
 * <p>Rows are first gathered into shards ({@link Rebalance}): producers that emit one row per key
 * would otherwise hand the DirectRunner one-row bundles, each a commit of its own.
 *
 * <p>Output: the rows written, one {@code Long} per bundle (sum them for the total). Each batch
 * also increments the Beam counter {@code buzzbeam/sink.jdbc.<table>}, which is what the run's
 * report reads. The counts are not summed here: a run writes 20 tables and collections and reads
 * none of these outputs, and on Flink each sum was a source, a grouping and a sink more to
 * schedule (dropping the 20 sums took zone A of issue #12 from a median 36.2 s to 33.2 s).
 */
public final class WriteJdbcTable extends PTransform<PCollection<Row>, PCollection<Long>> {

  public static final int DEFAULT_BATCH_SIZE = 1000;

  private final JdbcTarget target;
  private final Table table;
  private final String physicalName;
  private final int batchSize;

  private WriteJdbcTable(JdbcTarget target, Table table, String physicalName, int batchSize) {
    super("WriteJdbc " + table.name); // a default step name per table
    this.target = target;
    this.table = table;
    this.physicalName = physicalName;
    this.batchSize = batchSize;
  }

  /** Upserts into the catalogue table {@code table} itself. */
  public static WriteJdbcTable to(JdbcTarget target, Table table) {
    return new WriteJdbcTable(Objects.requireNonNull(target, "target"), table, table.name, DEFAULT_BATCH_SIZE);
  }

  /** Upserts into {@code physicalName}, a table with {@code table}'s columns and key (a staging copy). */
  public WriteJdbcTable into(String physicalName) {
    return new WriteJdbcTable(target, table, Objects.requireNonNull(physicalName), batchSize);
  }

  public WriteJdbcTable withBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1");
    }
    return new WriteJdbcTable(target, table, physicalName, batchSize);
  }

  @Override
  public PCollection<Long> expand(PCollection<Row> input) {
    checkSchema(input.getSchema());
    // Counts are emitted from @FinishBundle, which needs to name the window: write in the global
    // window whatever the producer's windowing.
    PCollection<Row> rows =
        input.getWindowingStrategy().getWindowFn() instanceof GlobalWindows
            ? input
            : input.apply("GlobalWindow", Window.<Row>into(new GlobalWindows()));
    return rows.apply("Gather into shards", Rebalance.<Row>acrossShards())
        .apply(
            "Upsert " + table.name,
            ParDo.of(new UpsertFn(target, table, upsertSql(table, physicalName), batchSize)));
  }

  private void checkSchema(Schema schema) {
    List<String> missing =
        table.columns.stream()
            .map(c -> c.name)
            .filter(n -> !schema.hasField(n))
            .collect(Collectors.toList());
    List<String> unknown =
        schema.getFieldNames().stream()
            .filter(n -> !table.hasColumn(n))
            .collect(Collectors.toList());
    if (!missing.isEmpty() || !unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "rows for "
              + table.name
              + " must have exactly its columns "
              + table.columnNames()
              + "; missing "
              + missing
              + ", unknown "
              + unknown);
    }
  }

  /**
   * {@code INSERT INTO target ... ON CONFLICT (key) DO UPDATE SET c = EXCLUDED.c ... WHERE (old) IS
   * DISTINCT FROM (new)}: the WHERE makes a rewrite that changes nothing write nothing (no dead
   * tuples, no WAL), which keeps the tables small when the pipeline is scheduled hourly.
   */
  public static String upsertSql(Table table, String target) {
    String placeholders =
        table.columns.stream()
            .map(c -> c.type == ColumnType.JSONB ? "CAST(? AS jsonb)" : "?")
            .collect(Collectors.joining(", "));
    return "INSERT INTO " + target + " (" + String.join(", ", table.columnNames()) + ") VALUES ("
        + placeholders + ")" + onConflict(table, target);
  }

  /** The {@code ON CONFLICT} clause of an upsert into {@code target}, shared with the publish step. */
  public static String onConflict(Table table, String target) {
    List<String> nonKey =
        table.columnNames().stream().filter(n -> !table.key.contains(n)).collect(Collectors.toList());
    StringBuilder sql =
        new StringBuilder(" ON CONFLICT (").append(String.join(", ", table.key)).append(") DO ");
    if (nonKey.isEmpty()) {
      return sql.append("NOTHING").toString();
    }
    sql.append("UPDATE SET ")
        .append(nonKey.stream().map(n -> n + " = EXCLUDED." + n).collect(Collectors.joining(", ")))
        .append(" WHERE (")
        .append(nonKey.stream().map(n -> target + "." + n).collect(Collectors.joining(", ")))
        .append(") IS DISTINCT FROM (")
        .append(nonKey.stream().map(n -> "EXCLUDED." + n).collect(Collectors.joining(", ")))
        .append(")");
    return sql.toString();
  }

  /** Buffers rows and upserts them in batches, one commit per batch. */
  private static final class UpsertFn extends DoFn<Row, Long> {
    private final JdbcTarget target;
    private final Table table;
    private final String sql;
    private final int batchSize;
    private final RunCounter written;
    private final Distribution batchSizes;

    private transient Connection connection;
    private transient PreparedStatement statement;
    // Keyed by primary key: a key seen twice in a batch is written once (the later row), which
    // also keeps a multi-row INSERT ... ON CONFLICT from touching one row twice.
    private transient Map<List<Object>, Row> batch;
    private transient int[] keyIndexes;
    private transient long bundleCount;

    UpsertFn(JdbcTarget target, Table table, String sql, int batchSize) {
      this.target = target;
      this.table = table;
      this.sql = sql;
      this.batchSize = batchSize;
      this.written = RunCounter.of("sink.jdbc." + table.name);
      this.batchSizes = Metrics.distribution("buzzbeam", "sink.jdbc." + table.name + ".batch");
    }

    @StartBundle
    public void startBundle() throws SQLException {
      if (connection == null || connection.isClosed()) {
        // reWriteBatchedInserts turns a batch into multi-row INSERTs (several times faster).
        connection = target.connect(Map.of("reWriteBatchedInserts", "true"));
        connection.setAutoCommit(false);
        statement = connection.prepareStatement(sql);
      }
      batch = new LinkedHashMap<>();
      bundleCount = 0;
    }

    @ProcessElement
    public void processElement(ProcessContext c) throws SQLException {
      Row row = c.element();
      if (keyIndexes == null) {
        keyIndexes = table.key.stream().mapToInt(k -> row.getSchema().indexOf(k)).toArray();
      }
      List<Object> key = new ArrayList<>(keyIndexes.length);
      for (int i : keyIndexes) {
        key.add(row.getValue(i));
      }
      batch.put(key, row);
      if (batch.size() >= batchSize) {
        flush();
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) throws SQLException {
      flush();
      c.output(bundleCount, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
    }

    private void flush() throws SQLException {
      if (batch.isEmpty()) {
        return;
      }
      try {
        for (Row row : batch.values()) {
          int p = 1;
          for (Column col : table.columns) {
            JdbcBinding.bind(statement, p++, col.type, row.getValue(col.name), col.name);
          }
          statement.addBatch();
        }
        statement.executeBatch();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        // The runner retries the bundle; the upsert makes the retry harmless. Start it on a
        // fresh connection.
        closeQuietly();
        SQLException next = e instanceof SQLException ? ((SQLException) e).getNextException() : null;
        throw new SQLException(
            "upsert into " + table.name + " failed: " + e.getMessage()
                + (next != null ? " (" + next.getMessage() + ")" : ""),
            e);
      }
      written.inc(batch.size());
      batchSizes.update(batch.size());
      bundleCount += batch.size();
      batch.clear();
    }

    @Teardown
    public void teardown() {
      closeQuietly();
    }

    private void closeQuietly() {
      try {
        if (statement != null) {
          statement.close();
        }
      } catch (SQLException ignored) {
        // closing anyway
      }
      try {
        if (connection != null) {
          connection.close();
        }
      } catch (SQLException ignored) {
        // closing anyway
      }
      statement = null;
      connection = null;
    }
  }
}
