package io.buzzbeam.pipelines.sinks;

import io.buzzbeam.pipelines.sinks.JdbcTables.Column;
import io.buzzbeam.pipelines.sinks.JdbcTables.ColumnType;
import io.buzzbeam.pipelines.sinks.JdbcTables.Table;
import io.buzzbeam.transforms.shards.Rebalance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes {@link Row}s into one SPEC §5 table, idempotently: {@code INSERT ... ON CONFLICT (key) DO
 * UPDATE}, in batches (default 1000 rows, one commit per batch), so a rerun over the same input
 * leaves the same rows and a retried bundle does no harm. The rows' Beam schema field names must
 * be exactly the table's column names (checked when the pipeline is built).
 *
 * <p>Options:
 *
 * <ul>
 *   <li>{@link #replacingDays}: SPEC §5 "Marts cover the run's window; rows for days outside it are
 *       left as they were" - before any row is written, the table's rows whose {@code day} lies in
 *       the window are deleted, so that a (brand, day) that no longer has data disappears;
 *   <li>{@link #replacingAll}: the same for the window-level tables (summary, post types,
 *       heatmap), which describe the run's window as a whole;
 *   <li>{@link #replacingRun}: deletes the rows of one run id (quality report, dead letters);
 *   <li>{@link #onlyIf}: a gate, a {@code PCollection<Boolean>} of one element (the {@code
 *       --maxRejectRatio} check): when false, nothing is deleted and nothing written.
 * </ul>
 *
 * <p>The delete is a single step that runs on the gate's one element; the upserts wait for it by
 * grouping the rows into shards together with its completion ({@link Rebalance#after}), not with a
 * side input that the rows would poll on the DirectRunner. It is a {@code DELETE},
 * not a {@code TRUNCATE}, so dashboards reading at the same time are never blocked; they may see
 * the window empty for the time of the rewrite (workers commit in parallel, there is no single
 * transaction across them).
 *
 * <p>Output: one {@code Long}, the number of rows written. Each batch also increments the Beam
 * counter {@code buzzbeam/sink.jdbc.<table>}.
 */
public final class WriteJdbcTable extends PTransform<PCollection<Row>, PCollection<Long>> {
  /** How rows already in the table are replaced before writing. */
  enum Replace {
    NONE,
    DAYS,
    ALL,
    RUN
  }

  public static final int DEFAULT_BATCH_SIZE = 1000;

  private final JdbcTarget target;
  private final Table table;
  private final Replace replace;
  private final @Nullable LocalDate fromDay;
  private final @Nullable LocalDate toDay;
  private final @Nullable String runId;
  private final @Nullable PCollection<Boolean> gate;
  private final int batchSize;

  private WriteJdbcTable(
      JdbcTarget target,
      Table table,
      Replace replace,
      @Nullable LocalDate fromDay,
      @Nullable LocalDate toDay,
      @Nullable String runId,
      @Nullable PCollection<Boolean> gate,
      int batchSize) {
    super("WriteJdbc " + table.name); // a default step name per table
    this.target = target;
    this.table = table;
    this.replace = replace;
    this.fromDay = fromDay;
    this.toDay = toDay;
    this.runId = runId;
    this.gate = gate;
    this.batchSize = batchSize;
  }

  /** Upserts into the §5 table {@code tableName} (see {@link JdbcTables}). */
  public static WriteJdbcTable to(JdbcTarget target, String tableName) {
    return new WriteJdbcTable(
        Objects.requireNonNull(target, "target"),
        JdbcTables.byName(tableName),
        Replace.NONE,
        null,
        null,
        null,
        null,
        DEFAULT_BATCH_SIZE);
  }

  /**
   * First deletes the rows whose {@code day} is within {@code [from, to]} (inclusive; a null bound
   * is unbounded, so {@code (null, null)} means every day).
   */
  public WriteJdbcTable replacingDays(@Nullable LocalDate from, @Nullable LocalDate to) {
    if (!table.hasColumn("day")) {
      throw new IllegalArgumentException(table.name + " has no day column to replace by");
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new IllegalArgumentException("replacingDays: " + from + " is after " + to);
    }
    return new WriteJdbcTable(target, table, Replace.DAYS, from, to, null, gate, batchSize);
  }

  /** First deletes every row of the table (window-level marts). */
  public WriteJdbcTable replacingAll() {
    return new WriteJdbcTable(target, table, Replace.ALL, null, null, null, gate, batchSize);
  }

  /** First deletes the rows of run {@code runId} (tables with a {@code run_id} column). */
  public WriteJdbcTable replacingRun(String runId) {
    if (!table.hasColumn("run_id")) {
      throw new IllegalArgumentException(table.name + " has no run_id column");
    }
    return new WriteJdbcTable(
        target, table, Replace.RUN, null, null, Objects.requireNonNull(runId), gate, batchSize);
  }

  /** Deletes and writes nothing unless {@code gate}, a collection of one element, is {@code true}. */
  public WriteJdbcTable onlyIf(PCollection<Boolean> gate) {
    return new WriteJdbcTable(
        target, table, replace, fromDay, toDay, runId, Objects.requireNonNull(gate), batchSize);
  }

  public WriteJdbcTable withBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1");
    }
    return new WriteJdbcTable(target, table, replace, fromDay, toDay, runId, gate, batchSize);
  }

  @Override
  public PCollection<Long> expand(PCollection<Row> input) {
    checkSchema(input.getSchema());
    List<PCollectionView<?>> sideInputs = new ArrayList<>();
    PCollectionView<Boolean> gateView = null;
    if (gate != null) {
      gateView = gate.apply("Gate as side input", View.asSingleton());
      sideInputs.add(gateView);
    }
    // Counts are emitted from @FinishBundle, which needs to name the window: write in the global
    // window whatever the producer's windowing.
    PCollection<Row> rows =
        input.getWindowingStrategy().getWindowFn() instanceof GlobalWindows
            ? input
            : input.apply("GlobalWindow", Window.<Row>into(new GlobalWindows()));
    if (replace != Replace.NONE) {
      PCollection<Boolean> go =
          gate != null ? gate : input.getPipeline().apply("Ungated", Create.of(true));
      PCollection<Long> deleted =
          go.apply(
                  "Delete replaced rows",
                  ParDo.of(new DeleteFn(target, table.name, deleteSql(), fromDay, toDay, runId)))
              .setCoder(VarLongCoder.of());
      rows = rows.apply("After delete", Rebalance.<Row>acrossShards().after(deleted));
    } else if (gate != null) {
      rows = rows.apply("After gate", Rebalance.<Row>acrossShards().after(gate));
    }
    PCollection<Long> counts =
        rows.apply(
            "Upsert " + table.name,
            ParDo.of(new UpsertFn(target, table, upsertSql(table), gateView, batchSize))
                .withSideInputs(sideInputs));
    return counts.apply("Rows written", SumOfCounts.create());
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

  private String deleteSql() {
    switch (replace) {
      case ALL:
        return "DELETE FROM " + table.name;
      case RUN:
        return "DELETE FROM " + table.name + " WHERE run_id = ?";
      case DAYS:
        List<String> conditions = new ArrayList<>();
        if (fromDay != null) {
          conditions.add("day >= ?");
        }
        if (toDay != null) {
          conditions.add("day <= ?");
        }
        return "DELETE FROM "
            + table.name
            + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
      default:
        throw new IllegalStateException(replace.toString());
    }
  }

  /**
   * {@code INSERT ... ON CONFLICT (key) DO UPDATE SET c = EXCLUDED.c ... WHERE (old) IS DISTINCT
   * FROM (new)}: the WHERE makes a rerun that changes nothing write nothing (no dead tuples, no
   * WAL), which keeps the tables small when the pipeline is scheduled daily.
   */
  static String upsertSql(Table table) {
    List<String> names = table.columnNames();
    String placeholders =
        table.columns.stream()
            .map(c -> c.type == ColumnType.JSONB ? "CAST(? AS jsonb)" : "?")
            .collect(Collectors.joining(", "));
    List<String> nonKey =
        names.stream().filter(n -> !table.key.contains(n)).collect(Collectors.toList());
    StringBuilder sql =
        new StringBuilder("INSERT INTO ")
            .append(table.name)
            .append(" (")
            .append(String.join(", ", names))
            .append(") VALUES (")
            .append(placeholders)
            .append(") ON CONFLICT (")
            .append(String.join(", ", table.key))
            .append(") DO ");
    if (nonKey.isEmpty()) {
      return sql.append("NOTHING").toString();
    }
    sql.append("UPDATE SET ")
        .append(nonKey.stream().map(n -> n + " = EXCLUDED." + n).collect(Collectors.joining(", ")))
        .append(" WHERE (")
        .append(nonKey.stream().map(n -> table.name + "." + n).collect(Collectors.joining(", ")))
        .append(") IS DISTINCT FROM (")
        .append(nonKey.stream().map(n -> "EXCLUDED." + n).collect(Collectors.joining(", ")))
        .append(")");
    return sql.toString();
  }

  /** Runs the single replacing DELETE when its one input, the gate, is true. */
  private static final class DeleteFn extends DoFn<Boolean, Long> {
    private final JdbcTarget target;
    private final String tableName;
    private final String sql;
    private final @Nullable LocalDate fromDay;
    private final @Nullable LocalDate toDay;
    private final @Nullable String runId;
    private final Counter deletedCounter;

    DeleteFn(
        JdbcTarget target,
        String tableName,
        String sql,
        @Nullable LocalDate fromDay,
        @Nullable LocalDate toDay,
        @Nullable String runId) {
      this.target = target;
      this.tableName = tableName;
      this.sql = sql;
      this.fromDay = fromDay;
      this.toDay = toDay;
      this.runId = runId;
      this.deletedCounter = Metrics.counter("buzzbeam", "sink.jdbc." + tableName + ".deleted");
    }

    @ProcessElement
    public void processElement(ProcessContext c) throws SQLException {
      if (!Boolean.TRUE.equals(c.element())) {
        c.output(0L);
        return;
      }
      try (Connection conn = target.connect();
          PreparedStatement ps = conn.prepareStatement(sql)) {
        int i = 1;
        if (runId != null) {
          ps.setString(i++, runId);
        }
        if (fromDay != null) {
          ps.setObject(i++, fromDay);
        }
        if (toDay != null) {
          ps.setObject(i, toDay);
        }
        long deleted = ps.executeUpdate(); // auto-commit: the delete is its own transaction
        deletedCounter.inc(deleted);
        c.output(deleted);
      } catch (SQLException e) {
        throw new SQLException("replacing rows of " + tableName + " failed: " + e.getMessage(), e);
      }
    }
  }

  /** Buffers rows and upserts them in batches, one commit per batch. */
  private static final class UpsertFn extends DoFn<Row, Long> {
    private final JdbcTarget target;
    private final Table table;
    private final String sql;
    private final @Nullable PCollectionView<Boolean> gate;
    private final int batchSize;
    private final Counter written;
    private final Distribution batchSizes;

    private transient Connection connection;
    private transient PreparedStatement statement;
    // Keyed by primary key: a key seen twice in a batch is written once (the later row), which
    // also keeps a multi-row INSERT ... ON CONFLICT from touching one row twice.
    private transient Map<List<Object>, Row> batch;
    private transient int[] keyIndexes;
    private transient long bundleCount;
    private transient Boolean gateOpen;

    UpsertFn(
        JdbcTarget target,
        Table table,
        String sql,
        @Nullable PCollectionView<Boolean> gate,
        int batchSize) {
      this.target = target;
      this.table = table;
      this.sql = sql;
      this.gate = gate;
      this.batchSize = batchSize;
      this.written = Metrics.counter("buzzbeam", "sink.jdbc." + table.name);
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
      if (gate != null) {
        if (gateOpen == null) {
          gateOpen = Boolean.TRUE.equals(c.sideInput(gate)); // a global-window singleton
        }
        if (!gateOpen) {
          return;
        }
      }
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
