package io.buzzbeam.pipelines.sinks;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JDBC tables of SPEC §5 (what Superset reads): one definition used both for the DDL and by
 * {@link WriteJdbcTable} to build its upserts, so that a column can only be named in one place.
 *
 * <p>Types follow §5: {@code day} is {@code date}, ranks and counts {@code integer} (follower and
 * like/comment counts, which can exceed 2^31 in principle, {@code bigint}), rates {@code double
 * precision}, instants {@code timestamptz}, free text {@code text}. Keys are primary keys (the
 * upsert's conflict target). Tables are created with {@code IF NOT EXISTS}: the sink never drops
 * or alters a table a dashboard depends on.
 */
public final class JdbcTables {
  private JdbcTables() {}

  /** A PostgreSQL column type and the {@link Types} code used to bind a null of it. */
  public enum ColumnType {
    TEXT("text", Types.VARCHAR),
    INTEGER("integer", Types.INTEGER),
    BIGINT("bigint", Types.BIGINT),
    DOUBLE("double precision", Types.DOUBLE),
    DATE("date", Types.DATE),
    TIMESTAMPTZ("timestamptz", Types.TIMESTAMP_WITH_TIMEZONE),
    JSONB("jsonb", Types.OTHER);

    final String sql;
    final int jdbcType;

    ColumnType(String sql, int jdbcType) {
      this.sql = sql;
      this.jdbcType = jdbcType;
    }
  }

  /** One column; key columns are always NOT NULL. */
  public static final class Column implements Serializable {
    private static final long serialVersionUID = 1L;
    public final String name;
    public final ColumnType type;
    public final boolean notNull;

    Column(String name, ColumnType type, boolean notNull) {
      this.name = name;
      this.type = type;
      this.notNull = notNull;
    }

    @Override
    public String toString() {
      return name + " " + type.sql + (notNull ? " NOT NULL" : "");
    }
  }

  /** One table: columns in order, the primary key, secondary indexes. */
  public static final class Table implements Serializable {
    private static final long serialVersionUID = 1L;
    public final String name;
    public final List<Column> columns;
    public final List<String> key;
    final List<List<String>> indexes;

    Table(String name, List<Column> columns, List<String> key, List<List<String>> indexes) {
      this.name = name;
      this.columns = Collections.unmodifiableList(columns);
      this.key = Collections.unmodifiableList(key);
      this.indexes = indexes;
      for (String k : key) {
        if (column(k) == null || !column(k).notNull) {
          throw new IllegalArgumentException(name + ": key column " + k + " must be NOT NULL");
        }
      }
    }

    public Column column(String columnName) {
      for (Column c : columns) {
        if (c.name.equals(columnName)) {
          return c;
        }
      }
      return null;
    }

    public List<String> columnNames() {
      return columns.stream().map(c -> c.name).collect(Collectors.toList());
    }

    public boolean hasColumn(String columnName) {
      return column(columnName) != null;
    }

    /** {@code CREATE TABLE IF NOT EXISTS ...} */
    public String createTableSql() {
      StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(name).append(" (\n");
      for (Column c : columns) {
        sb.append("  ").append(c).append(",\n");
      }
      sb.append("  PRIMARY KEY (").append(String.join(", ", key)).append(")\n)");
      return sb.toString();
    }

    /** {@code CREATE INDEX IF NOT EXISTS ...} for each secondary index. */
    public List<String> createIndexSql() {
      List<String> out = new ArrayList<>();
      for (List<String> cols : indexes) {
        out.add(
            "CREATE INDEX IF NOT EXISTS "
                + name
                + "_"
                + String.join("_", cols)
                + "_idx ON "
                + name
                + " ("
                + String.join(", ", cols)
                + ")");
      }
      return out;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static final class Builder {
    private final String name;
    private final List<Column> columns = new ArrayList<>();
    private final List<String> key = new ArrayList<>();
    private final List<List<String>> indexes = new ArrayList<>();

    Builder(String name) {
      this.name = name;
    }

    Builder key(String column, ColumnType type) {
      columns.add(new Column(column, type, true));
      key.add(column);
      return this;
    }

    Builder required(String column, ColumnType type) {
      columns.add(new Column(column, type, true));
      return this;
    }

    Builder nullable(String column, ColumnType type) {
      columns.add(new Column(column, type, false));
      return this;
    }

    Builder index(String... cols) {
      indexes.add(Arrays.asList(cols));
      return this;
    }

    Table build() {
      return new Table(name, columns, key, indexes);
    }
  }

  private static Builder table(String name) {
    return new Builder(name);
  }

  // The brand marts' ranks are always defined (NULLS LAST still ranks a brand); the followers and
  // the average engagement rate are null when unknown (SPEC §4).
  private static Builder brandMetrics(Builder b) {
    return b.nullable("followers", ColumnType.BIGINT)
        .required("posts", ColumnType.INTEGER)
        .nullable("avg_engagement_rate", ColumnType.DOUBLE)
        .required("hashtag_mentions", ColumnType.INTEGER)
        .required("media_rank", ColumnType.INTEGER)
        .required("follower_rank", ColumnType.INTEGER)
        .required("community_rank", ColumnType.INTEGER)
        .required("popularity_score", ColumnType.INTEGER)
        .required("popularity_rank", ColumnType.INTEGER);
  }

  public static final Table MART_BRAND_DAILY =
      brandMetrics(
              table("mart_brand_daily")
                  .key("brand", ColumnType.TEXT)
                  .key("day", ColumnType.DATE))
          // Window replacement deletes by day; dashboards filter by day.
          .index("day")
          .build();

  public static final Table MART_BRAND_SUMMARY =
      brandMetrics(table("mart_brand_summary").key("brand", ColumnType.TEXT)).build();

  public static final Table MART_POST_TYPE =
      table("mart_post_type")
          .key("brand", ColumnType.TEXT)
          .key("media_type", ColumnType.TEXT)
          .key("media_product_type", ColumnType.TEXT)
          .required("posts", ColumnType.INTEGER)
          .nullable("avg_engagement_rate", ColumnType.DOUBLE)
          .build();

  public static final Table MART_UPLOAD_HEATMAP =
      table("mart_upload_heatmap")
          .key("brand", ColumnType.TEXT)
          .key("weekday", ColumnType.INTEGER)
          .key("hour", ColumnType.INTEGER)
          .required("weekday_name", ColumnType.TEXT)
          .required("posts", ColumnType.INTEGER)
          .build();

  public static final Table MART_HASHTAG_DAILY =
      table("mart_hashtag_daily")
          .key("source", ColumnType.TEXT)
          .key("scope", ColumnType.TEXT)
          .key("day", ColumnType.DATE)
          .key("hashtag", ColumnType.TEXT)
          .required("media", ColumnType.INTEGER)
          .index("day")
          .index("hashtag")
          .build();

  public static final Table MART_KEYWORD_DAILY =
      table("mart_keyword_daily")
          .key("source", ColumnType.TEXT)
          .key("scope", ColumnType.TEXT)
          .key("day", ColumnType.DATE)
          .key("token", ColumnType.TEXT)
          .key("pos", ColumnType.TEXT)
          .required("occurrences", ColumnType.INTEGER)
          .required("media", ColumnType.INTEGER)
          .index("day")
          .index("token")
          .build();

  public static final Table FACT_MEDIA =
      table("fact_media")
          .key("source", ColumnType.TEXT)
          .key("scope", ColumnType.TEXT)
          .key("media_id", ColumnType.TEXT)
          .nullable("account", ColumnType.TEXT)
          .required("media_type", ColumnType.TEXT)
          .required("media_product_type", ColumnType.TEXT)
          .required("posted_at", ColumnType.TIMESTAMPTZ)
          .required("day", ColumnType.DATE)
          .required("hour", ColumnType.INTEGER)
          .required("weekday", ColumnType.INTEGER)
          .nullable("like_count", ColumnType.BIGINT)
          .required("comments_count", ColumnType.BIGINT)
          .nullable("followers", ColumnType.BIGINT)
          .nullable("engagement_rate", ColumnType.DOUBLE)
          .required("caption_length", ColumnType.INTEGER)
          .nullable("permalink", ColumnType.TEXT)
          .index("day")
          .index("scope", "day")
          .build();

  public static final Table REJECTED =
      table("rejected")
          .key("run_id", ColumnType.TEXT)
          .key("source_file", ColumnType.TEXT)
          .key("position", ColumnType.TEXT)
          .required("model", ColumnType.TEXT)
          .required("reasons", ColumnType.TEXT)
          .required("raw", ColumnType.TEXT)
          .required("rejected_at", ColumnType.TIMESTAMPTZ)
          .index("rejected_at")
          .index("model")
          .build();

  public static final Table QUALITY_REPORT =
      table("quality_report")
          .key("run_id", ColumnType.TEXT)
          .key("model", ColumnType.TEXT)
          .key("metric", ColumnType.TEXT)
          .key("field", ColumnType.TEXT)
          .required("value", ColumnType.BIGINT)
          .build();

  public static final Table PIPELINE_RUN =
      table("pipeline_run")
          .key("run_id", ColumnType.TEXT)
          .required("started_at", ColumnType.TIMESTAMPTZ)
          .nullable("finished_at", ColumnType.TIMESTAMPTZ)
          .required("status", ColumnType.TEXT)
          .nullable("runner", ColumnType.TEXT)
          .nullable("options", ColumnType.JSONB)
          .index("started_at")
          .build();

  private static final Map<String, Table> ALL = new LinkedHashMap<>();

  static {
    for (Table t :
        List.of(
            MART_BRAND_DAILY,
            MART_BRAND_SUMMARY,
            MART_POST_TYPE,
            MART_UPLOAD_HEATMAP,
            MART_HASHTAG_DAILY,
            MART_KEYWORD_DAILY,
            FACT_MEDIA,
            REJECTED,
            QUALITY_REPORT,
            PIPELINE_RUN)) {
      ALL.put(t.name, t);
    }
  }

  /** Every §5 table, in SPEC order. */
  public static List<Table> all() {
    return new ArrayList<>(ALL.values());
  }

  /** The table named {@code name}; an unknown name is a programming error. */
  public static Table byName(String name) {
    Table t = ALL.get(name);
    if (t == null) {
      throw new IllegalArgumentException("unknown table " + name + "; known: " + ALL.keySet());
    }
    return t;
  }

  /** Creates every table and index that does not exist yet, in one transaction. */
  public static void createAll(Connection c) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (Table t : ALL.values()) {
        s.execute(t.createTableSql());
        for (String index : t.createIndexSql()) {
          s.execute(index);
        }
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** {@link #createAll(Connection)} on a fresh connection to {@code target}. */
  public static void createAll(JdbcTarget target) throws SQLException {
    try (Connection c = target.connect()) {
      createAll(c);
    }
  }
}
