package io.buzzbeam.pipelines.publish;

import io.buzzbeam.pipelines.sinks.PipelineRuns;
import io.buzzbeam.pipelines.sinks.WriteJdbcTable;
import io.buzzbeam.transforms.tables.Tables.Table;
import io.buzzbeam.transforms.tables.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Publishes a run's staging tables in ONE transaction (SPEC §5 rev. 2 "A run publishes
 * atomically"): for each staged table, the published rows the run replaces ({@link
 * io.buzzbeam.transforms.tables.Tables.Replace}: the window's days, all rows, or the run's rows)
 * that the run no longer has are deleted, and the staged rows are upserted; then the run's {@code
 * pipeline_run} row gets its final status. Under PostgreSQL's MVCC, readers see every table as
 * before the commit until it happens and as after it from then on — never empty, partial or mixed
 * — and are never blocked. A crash before the commit leaves the published tables as they were.
 *
 * <p>Why delete-missing + upsert rather than delete-all + insert or a table swap: a rerun that
 * changes nothing writes nothing (the upsert's {@code IS DISTINCT FROM}), so hourly reruns over the
 * same days create no dead tuples; and unlike {@code ALTER TABLE ... RENAME}, it takes no lock that
 * would make a dashboard query wait.
 */
public final class Publisher {
  private Publisher() {}

  /** What a run publishes: its window, its run id, and whether the reject-ratio gate is open. */
  public static final class Plan {
    final String runId;
    final @Nullable LocalDate from;
    final @Nullable LocalDate to;
    final boolean gateOpen;
    final String status;
    final @Nullable String reason;

    public Plan(
        String runId,
        @Nullable LocalDate from,
        @Nullable LocalDate to,
        boolean gateOpen,
        String status,
        @Nullable String reason) {
      this.runId = runId;
      this.from = from;
      this.to = to;
      this.gateOpen = gateOpen;
      this.status = status;
      this.reason = reason;
    }
  }

  /**
   * Publishes {@code staging} into the published tables as {@code plan} says, and finishes the
   * run's {@code pipeline_run} row, in one transaction on {@code c}. Returns the rows each table
   * holds for the run's scope afterwards (the staged rows), by table name, in catalogue order.
   */
  public static Map<String, Long> publish(Connection c, StagingTables staging, Plan plan) throws SQLException {
    return Transactions.inOne(
        c,
        () -> {
          Map<String, Long> published = new LinkedHashMap<>();
          for (Table t : StagingTables.staged()) {
            if (!plan.gateOpen && !t.publishedWhenGated) {
              continue;
            }
            String s = staging.nameOf(t);
            try (PreparedStatement delete = c.prepareStatement(deleteMissingSql(t, s, plan))) {
              bindScope(delete, t, plan);
              delete.executeUpdate();
            }
            try (PreparedStatement upsert = c.prepareStatement(upsertFromStagingSql(t, s))) {
              upsert.executeUpdate();
            }
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM " + s);
                java.sql.ResultSet rs = count.executeQuery()) {
              rs.next();
              published.put(t.name, rs.getLong(1));
            }
          }
          PipelineRuns.finish(c, plan.runId, plan.status, plan.reason);
          return published;
        });
  }

  /** {@code DELETE FROM t WHERE <the run's scope> AND NOT EXISTS (the same key in staging)}. */
  static String deleteMissingSql(Table t, String staging, Plan plan) {
    List<String> conditions = new ArrayList<>(scope(t, plan));
    conditions.add(
        "NOT EXISTS (SELECT 1 FROM " + staging + " s WHERE "
            + t.key.stream().map(k -> "s." + k + " = " + t.name + "." + k).collect(Collectors.joining(" AND "))
            + ")");
    return "DELETE FROM " + t.name + " WHERE " + String.join(" AND ", conditions);
  }

  private static List<String> scope(Table t, Plan plan) {
    List<String> conditions = new ArrayList<>();
    switch (t.replace) {
      case DAYS:
        if (plan.from != null) {
          conditions.add("day >= ?");
        }
        if (plan.to != null) {
          conditions.add("day <= ?");
        }
        break;
      case RUN:
        conditions.add("run_id = ?");
        break;
      case ALL:
        break;
      case KEEP:
        conditions.add("FALSE"); // accumulating: published rows are never deleted
        break;
      default:
        throw new IllegalStateException(t.name + " is not staged");
    }
    return conditions;
  }

  private static void bindScope(PreparedStatement ps, Table t, Plan plan) throws SQLException {
    int i = 1;
    switch (t.replace) {
      case DAYS:
        if (plan.from != null) {
          ps.setObject(i++, plan.from);
        }
        if (plan.to != null) {
          ps.setObject(i, plan.to);
        }
        break;
      case RUN:
        ps.setString(i, plan.runId);
        break;
      default:
        break;
    }
  }

  /** {@code INSERT INTO t (cols) SELECT cols FROM staging ON CONFLICT ... DO UPDATE ... WHERE changed}. */
  static String upsertFromStagingSql(Table t, String staging) {
    String columns = String.join(", ", t.columnNames());
    return "INSERT INTO " + t.name + " (" + columns + ") SELECT " + columns + " FROM " + staging
        + WriteJdbcTable.onConflict(t, t.name);
  }
}
