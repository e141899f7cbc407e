package io.buzzbeam.pipelines.publish;

import io.buzzbeam.transforms.tables.Tables;
import io.buzzbeam.transforms.tables.Tables.Replace;
import io.buzzbeam.transforms.tables.Tables.Table;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A run's private copies of the tables it writes: {@code buzzbeam_staging.<table>__<token>},
 * unlogged, with the catalogue's columns and key. The pipeline upserts into them; the driver
 * publishes them in one transaction ({@link Publisher}) and drops them. Readers (Superset) never
 * look into the staging schema, so they never see a half-written table; a run killed midway leaves
 * only staging tables, which the next run drops ({@link #dropLeftovers}) once it holds the {@link
 * RunLock}.
 */
public final class StagingTables implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String SCHEMA = "buzzbeam_staging";

  private final String token;

  private StagingTables(String token) {
    this.token = token;
  }

  /** A fresh set of names for one run (a random token: two attempts of one run id never share them). */
  public static StagingTables fresh() {
    return new StagingTables(UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT));
  }

  /** Every table a run stages: all catalogue tables but those the driver writes itself. */
  public static List<Table> staged() {
    return Tables.all().stream().filter(t -> t.replace != Replace.DRIVER).collect(Collectors.toList());
  }

  /** The staging copy of {@code table}, schema-qualified. */
  public String nameOf(Table table) {
    return SCHEMA + "." + table.name + "__" + token;
  }

  /** Creates the staging schema and this run's empty staging tables. */
  public void create(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
      for (Table t : staged()) {
        s.execute("DROP TABLE IF EXISTS " + nameOf(t));
        s.execute(t.createStagingTableSql(nameOf(t)));
      }
    }
  }

  /** Drops this run's staging tables. */
  public void drop(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (Table t : staged()) {
        s.execute("DROP TABLE IF EXISTS " + nameOf(t));
      }
    }
  }

  /**
   * Drops every staging table left by runs that died (call only while holding the {@link RunLock}:
   * then no other run is using any). Returns how many were dropped.
   */
  public static int dropLeftovers(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + SCHEMA + "'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    try (Statement s = c.createStatement()) {
      for (String name : names) {
        s.execute("DROP TABLE IF EXISTS " + SCHEMA + ".\"" + name.replace("\"", "\"\"") + "\"");
      }
    }
    return names.size();
  }
}
