package io.buzzbeam.pipelines.sinks;

import io.buzzbeam.transforms.tables.Tables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: run SQL against a target and render result rows as strings for comparison. */
public final class Sql {
  private Sql() {}

  /** Every row of {@code sql} as {@code "v1|v2|..."} (NULL for null), in the query's order. */
  public static List<String> rows(JdbcTarget target, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = target.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          if (i > 1) {
            sb.append('|');
          }
          String v = rs.getString(i);
          sb.append(v == null ? "NULL" : v);
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  public static void exec(JdbcTarget target, String... statements) throws SQLException {
    try (Connection c = target.connect();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  /** Drops and recreates every §5 table, so that each test starts from empty tables. */
  public static void resetTables(JdbcTarget target) throws SQLException {
    try (Connection c = target.connect();
        Statement s = c.createStatement()) {
      for (Tables.Table t : Tables.all()) {
        s.execute("DROP TABLE IF EXISTS " + t.name + " CASCADE"); // and the views over it
      }
      Tables.ensureAll(c);
    }
  }
}
