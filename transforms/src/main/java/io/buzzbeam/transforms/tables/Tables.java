package io.buzzbeam.transforms.tables;

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
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;

/**
 * The table catalogue: every SPEC §5 table (and the tables buzzbeam adds: {@code
 * profile_snapshot}, and issue #14's marts and view, docs/METRICS.md) declared once — name, columns and types, key, indexes and how a run replaces
 * its rows ({@link Replace}). Everything else derives from it: the DDL, the Beam {@link Schema} of
 * the rows a mart or mapping emits ({@link Table#schema()}), the staging tables and the publish
 * statements, the check that an existing table still has these columns, and the tests.
 *
 * <p>Types follow §5: {@code day} is {@code date}, ranks and counts {@code integer} (follower and
 * like/comment counts, which can exceed 2^31, {@code bigint}), rates {@code double precision},
 * instants {@code timestamptz}, free text {@code text}. Keys are primary keys (the upsert's conflict
 * target). Tables are created with {@code IF NOT EXISTS}: the sink never drops or alters a table a
 * dashboard depends on, and a table whose columns differ is an error before anything is written.
 */
public final class Tables {
  private Tables() {}

  /** A PostgreSQL column type and the {@link Types} code used to bind a null of it. */
  public enum ColumnType {
    TEXT("text", Types.VARCHAR, FieldType.STRING),
    INTEGER("integer", Types.INTEGER, FieldType.INT32),
    BIGINT("bigint", Types.BIGINT, FieldType.INT64),
    DOUBLE("double precision", Types.DOUBLE, FieldType.DOUBLE),
    DATE("date", Types.DATE, FieldType.logicalType(SqlTypes.DATE)),
    TIMESTAMPTZ("timestamptz", Types.TIMESTAMP_WITH_TIMEZONE, FieldType.logicalType(SqlTypes.TIMESTAMP)),
    JSONB("jsonb", Types.OTHER, FieldType.STRING),
    BOOLEAN("boolean", Types.BOOLEAN, FieldType.BOOLEAN);

    /** The PostgreSQL type as the DDL writes it. */
    public final String sql;
    /** How a null of this type is bound. */
    public final int jdbcType;
    /** The Beam field type of rows emitted for a column of this type. */
    public final transient FieldType beamType;

    ColumnType(String sql, int jdbcType, FieldType beamType) {
      this.sql = sql;
      this.jdbcType = jdbcType;
      this.beamType = beamType;
    }

    /** The name PostgreSQL's {@code information_schema.columns.data_type} gives this type. */
    public String informationSchemaName() {
      switch (this) {
        case TIMESTAMPTZ:
          return "timestamp with time zone";
        default:
          return sql;
      }
    }
  }

  /**
   * How a run replaces a table's published rows (SPEC §5 "Publishing"): the rows it stages replace
   * the published rows of the run's window ({@code DAYS}), all rows ({@code ALL}: the brand marts,
   * which a run recomputes over every published day) or the rows of its run id ({@code RUN}); {@code
   * DRIVER} tables are written by the driver itself, not staged. {@code KEEP} tables accumulate:
   * the staged rows are upserted and no published row is ever deleted (the ranking snapshots, one
   * set per run, keyed by the run's {@code taken_at}; a rerun with the same key rewrites its rows).
   */
  public enum Replace {
    DAYS,
    ALL,
    RUN,
    DRIVER,
    KEEP
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
    public final Replace replace;
    /** Publish even when the reject-ratio gate trips (dead letters and the quality report, SPEC §7). */
    public final boolean publishedWhenGated;
    final List<List<String>> indexes;
    private transient Schema schema;

    Table(
        String name,
        List<Column> columns,
        List<String> key,
        List<List<String>> indexes,
        Replace replace,
        boolean publishedWhenGated) {
      this.name = name;
      this.columns = Collections.unmodifiableList(columns);
      this.key = Collections.unmodifiableList(key);
      this.indexes = indexes;
      this.replace = replace;
      this.publishedWhenGated = publishedWhenGated;
      if (replace == Replace.DAYS && column("day") == null) {
        throw new IllegalArgumentException(name + ": replaced by day but has no day column");
      }
      if (replace == Replace.RUN && column("run_id") == null) {
        throw new IllegalArgumentException(name + ": replaced by run but has no run_id column");
      }
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

    /**
     * The Beam schema of this table's rows: one field per column, in column order, named as the
     * column, of the column type's {@link ColumnType#beamType}, nullable where the column is.
     */
    public Schema schema() {
      if (schema == null) {
        Schema.Builder b = Schema.builder();
        for (Column c : columns) {
          b.addField(c.notNull ? Schema.Field.of(c.name, c.type.beamType) : Schema.Field.nullable(c.name, c.type.beamType));
        }
        schema = b.build();
      }
      return schema;
    }

    /** A schema of the key columns only, in key order: the grouping key of a mart. */
    public Schema keySchema() {
      Schema.Builder b = Schema.builder();
      for (String k : key) {
        b.addField(schema().getField(k));
      }
      return b.build();
    }

    /** {@code CREATE TABLE IF NOT EXISTS ...} */
    public String createTableSql() {
      return createTableSql("CREATE TABLE IF NOT EXISTS ", name);
    }

    /**
     * {@code CREATE UNLOGGED TABLE physicalName} with this table's columns and key: a run's staging
     * copy (unlogged: it is rebuilt by a rerun, so it need not survive a crash, and writes skip the WAL).
     */
    public String createStagingTableSql(String physicalName) {
      return createTableSql("CREATE UNLOGGED TABLE ", physicalName);
    }

    private String createTableSql(String create, String physicalName) {
      StringBuilder sb = new StringBuilder(create).append(physicalName).append(" (\n");
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
    private Replace replace;
    private boolean publishedWhenGated;

    Builder(String name) {
      this.name = name;
    }

    Builder replacing(Replace replace) {
      this.replace = replace;
      return this;
    }

    Builder publishedWhenGated() {
      this.publishedWhenGated = true;
      return this;
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
      return new Table(name, columns, key, indexes, Objects.requireNonNull(replace, name + ": replace"), publishedWhenGated);
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
          // Dashboards filter by day.
          .index("day")
          .replacing(Replace.ALL)
          .build();

  public static final Table MART_BRAND_SUMMARY =
      brandMetrics(table("mart_brand_summary").key("brand", ColumnType.TEXT))
          .replacing(Replace.ALL)
          .build();

  public static final Table MART_POST_TYPE =
      table("mart_post_type")
          .key("brand", ColumnType.TEXT)
          .key("media_type", ColumnType.TEXT)
          .key("media_product_type", ColumnType.TEXT)
          .required("posts", ColumnType.INTEGER)
          .nullable("avg_engagement_rate", ColumnType.DOUBLE)
          .replacing(Replace.ALL)
          .build();

  public static final Table MART_UPLOAD_HEATMAP =
      table("mart_upload_heatmap")
          .key("brand", ColumnType.TEXT)
          .key("weekday", ColumnType.INTEGER)
          .key("hour", ColumnType.INTEGER)
          .required("weekday_name", ColumnType.TEXT)
          .required("posts", ColumnType.INTEGER)
          .replacing(Replace.ALL)
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
          .replacing(Replace.DAYS)
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
          .replacing(Replace.DAYS)
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
          .replacing(Replace.DAYS)
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
          .replacing(Replace.RUN)
          .publishedWhenGated()
          .build();

  public static final Table QUALITY_REPORT =
      table("quality_report")
          .key("run_id", ColumnType.TEXT)
          .key("model", ColumnType.TEXT)
          .key("metric", ColumnType.TEXT)
          .key("field", ColumnType.TEXT)
          .required("value", ColumnType.BIGINT)
          .replacing(Replace.RUN)
          .publishedWhenGated()
          .build();

  public static final Table PIPELINE_RUN =
      table("pipeline_run")
          .key("run_id", ColumnType.TEXT)
          .required("started_at", ColumnType.TIMESTAMPTZ)
          .nullable("finished_at", ColumnType.TIMESTAMPTZ)
          .required("status", ColumnType.TEXT)
          .nullable("runner", ColumnType.TEXT)
          .nullable("options", ColumnType.JSONB)
          // Not in SPEC §5's column list: why a run failed ("abandoned" for a run that died, or
          // the first cause), which SPEC rev. 2 asks to record.
          .nullable("reason", ColumnType.TEXT)
          .index("started_at")
          .replacing(Replace.DRIVER)
          .build();

  /**
   * The profile snapshots of every published day (buzzbeam's addition to §5): what later runs'
   * "followers as of" lookups and the brand marts' B and D read back (SPEC §3 and §5 rev. 2), so
   * that a run over one day need not re-read earlier landing data.
   */
  public static final Table PROFILE_SNAPSHOT =
      table("profile_snapshot")
          .key("brand", ColumnType.TEXT)
          .key("collected_at", ColumnType.TIMESTAMPTZ)
          .required("day", ColumnType.DATE)
          .required("username", ColumnType.TEXT)
          .required("followers_count", ColumnType.BIGINT)
          .index("day")
          .replacing(Replace.DAYS)
          .build();

  // ---- Issue #14 "analytics beyond the seeds" (docs/METRICS.md): buzzbeam's additions to §5.

  /**
   * The popularity ranking of the window's last day as each publishing run computed it (METRICS.md
   * §1): one set of rows per run, keyed by the instant the driver fixed for the run.
   */
  public static final Table MART_RANKING_SNAPSHOT =
      table("mart_ranking_snapshot")
          .key("taken_at", ColumnType.TIMESTAMPTZ)
          .key("brand", ColumnType.TEXT)
          .required("day", ColumnType.DATE)
          .required("media_rank", ColumnType.INTEGER)
          .required("follower_rank", ColumnType.INTEGER)
          .required("community_rank", ColumnType.INTEGER)
          .required("popularity_score", ColumnType.INTEGER)
          .required("popularity_rank", ColumnType.INTEGER)
          .index("day")
          .replacing(Replace.KEEP)
          .build();

  /** Mean engagement rate by brand (and {@code __all__}) × weekday × hour (METRICS.md §2). */
  public static final Table MART_BEST_TIME =
      table("mart_best_time")
          .key("brand", ColumnType.TEXT)
          .key("weekday", ColumnType.INTEGER)
          .key("hour", ColumnType.INTEGER)
          .required("weekday_name", ColumnType.TEXT)
          .required("posts", ColumnType.INTEGER)
          .required("rated_posts", ColumnType.INTEGER)
          .nullable("avg_engagement_rate", ColumnType.DOUBLE)
          .required("min_posts", ColumnType.INTEGER)
          .required("sufficient", ColumnType.BOOLEAN)
          .nullable("slot_rank", ColumnType.INTEGER)
          .replacing(Replace.ALL)
          .build();

  /** Growth and competitor metrics per brand × day of B × D (METRICS.md §3). */
  public static final Table MART_BRAND_GROWTH =
      table("mart_brand_growth")
          .key("brand", ColumnType.TEXT)
          .key("day", ColumnType.DATE)
          .nullable("followers", ColumnType.BIGINT)
          .nullable("follower_growth", ColumnType.BIGINT)
          .nullable("follower_growth_pct", ColumnType.DOUBLE)
          .required("posts", ColumnType.INTEGER)
          .required("posts_7d", ColumnType.INTEGER)
          .nullable("avg_engagement_rate", ColumnType.DOUBLE)
          .nullable("interactions_per_post", ColumnType.DOUBLE)
          .nullable("image_share_7d", ColumnType.DOUBLE)
          .nullable("carousel_share_7d", ColumnType.DOUBLE)
          .nullable("video_share_7d", ColumnType.DOUBLE)
          .nullable("reels_share_7d", ColumnType.DOUBLE)
          .index("day")
          .replacing(Replace.ALL)
          .build();

  /** Days on which a brand hashtag's mentions exceed its trailing baseline (METRICS.md §4). */
  public static final Table MART_HASHTAG_SPIKE =
      table("mart_hashtag_spike")
          .key("source", ColumnType.TEXT)
          .key("scope", ColumnType.TEXT)
          .key("day", ColumnType.DATE)
          .key("hashtag", ColumnType.TEXT)
          .required("mentions", ColumnType.INTEGER)
          .required("baseline_days", ColumnType.INTEGER)
          .required("baseline_mean", ColumnType.DOUBLE)
          .required("baseline_sd", ColumnType.DOUBLE)
          .required("threshold", ColumnType.DOUBLE)
          .index("day")
          .replacing(Replace.DAYS)
          .build();

  /** A view over catalogue tables: created when absent, never replaced while dashboards read it. */
  public static final class View implements Serializable {
    private static final long serialVersionUID = 1L;
    public final String name;
    public final String select;

    View(String name, String select) {
      this.name = name;
      this.select = select;
    }

    public String createViewSql() {
      return "CREATE VIEW " + name + " AS " + select;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Each brand's popularity rank against the previous calendar day (METRICS.md §1): a view, not a
   * column of {@code mart_brand_daily}, so SPEC §5's columns stay as they are, no migration is
   * needed, and it can never disagree with the published ranks (it is read in the same snapshot).
   */
  public static final View MART_BRAND_MOVEMENT =
      new View(
          "mart_brand_movement",
          "SELECT d.brand, d.day, d.popularity_rank, d.popularity_score, p.popularity_rank AS previous_rank,"
              + " p.popularity_rank - d.popularity_rank AS rank_change,"
              + " CASE WHEN p.popularity_rank IS NULL THEN 'new'"
              + " WHEN p.popularity_rank > d.popularity_rank THEN '▲ ' || (p.popularity_rank - d.popularity_rank)"
              + " WHEN p.popularity_rank < d.popularity_rank THEN '▼ ' || (d.popularity_rank - p.popularity_rank)"
              + " ELSE '=' END AS movement,"
              + " d.day = (SELECT max(day) FROM mart_brand_daily) AS latest_day"
              + " FROM mart_brand_daily d LEFT JOIN mart_brand_daily p"
              + " ON p.brand = d.brand AND p.day = d.day - 1");

  /** Every view, created after the tables. */
  public static List<View> views() {
    return List.of(MART_BRAND_MOVEMENT);
  }

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
            PIPELINE_RUN,
            PROFILE_SNAPSHOT,
            MART_RANKING_SNAPSHOT,
            MART_BEST_TIME,
            MART_BRAND_GROWTH,
            MART_HASHTAG_SPIKE)) {
      ALL.put(t.name, t);
    }
  }

  /** Every table, in SPEC §5 order, then {@code profile_snapshot}, then issue #14's marts. */
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

  /**
   * Makes the database ready for a run, in one transaction, before anything is written: every
   * table that exists must have exactly its catalogue columns (names and types, in any order), else
   * nothing is changed and the error names each difference; missing tables and indexes are created.
   * The one migration: a {@code pipeline_run} from before the {@code reason} column gets it added.
   */
  public static void ensureAll(Connection c) throws SQLException {
    Transactions.inOne(
        c,
        () -> {
          try (Statement s = c.createStatement()) {
            List<String> differences = new ArrayList<>();
            for (Table t : ALL.values()) {
              Map<String, String> existing = existingColumns(c, t.name);
              if (existing.isEmpty()) {
                continue;
              }
              if (t == PIPELINE_RUN && !existing.containsKey("reason") && existing.size() == t.columns.size() - 1) {
                s.execute("ALTER TABLE pipeline_run ADD COLUMN reason text");
                existing.put("reason", ColumnType.TEXT.informationSchemaName());
              }
              differences.addAll(differences(t, existing));
            }
            if (!differences.isEmpty()) {
              throw new SQLException(
                  "the database's tables differ from buzzbeam's (SPEC §5); nothing was written: "
                      + String.join("; ", differences));
            }
            for (Table t : ALL.values()) {
              s.execute(t.createTableSql());
              for (String index : t.createIndexSql()) {
                s.execute(index);
              }
            }
            for (View v : views()) {
              if (!viewExists(c, v.name)) {
                s.execute(v.createViewSql());
              }
            }
          }
          return null;
        });
  }

  /** How an existing table's columns (name → information_schema data_type) differ from {@code t}'s. */
  static List<String> differences(Table t, Map<String, String> existing) {
    List<String> out = new ArrayList<>();
    for (Column col : t.columns) {
      String type = existing.get(col.name);
      if (type == null) {
        out.add(t.name + " has no column " + col.name);
      } else if (!type.equals(col.type.informationSchemaName())) {
        out.add(t.name + "." + col.name + " is " + type + ", expected " + col.type.informationSchemaName());
      }
    }
    for (String name : existing.keySet()) {
      if (!t.hasColumn(name)) {
        out.add(t.name + " has an unexpected column " + name);
      }
    }
    return out;
  }

  private static boolean viewExists(Connection c, String view) throws SQLException {
    try (java.sql.PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM information_schema.views WHERE table_schema = current_schema() AND table_name = ?")) {
      ps.setString(1, view);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static Map<String, String> existingColumns(Connection c, String table) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (java.sql.PreparedStatement ps =
        c.prepareStatement(
            "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")) {
      ps.setString(1, table);
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return columns;
  }
}
