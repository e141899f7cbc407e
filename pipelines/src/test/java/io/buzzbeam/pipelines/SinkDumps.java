package io.buzzbeam.pipelines;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.buzzbeam.pipelines.embedded.EmbeddedMongoServer;
import io.buzzbeam.pipelines.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.Document;

/**
 * What a run left in the embedded servers under a {@code --dataDir}, as sorted text rows that tests
 * compare: every SPEC §5 table ({@code table → rows "v1|v2|..."}, doubles to 9 decimals) and the
 * four SPEC §6 collections ({@code collection → "_id|json"}). Shared by the end-to-end test and the
 * runner-agreement and fault tests.
 */
public final class SinkDumps {
  private SinkDumps() {}

  /** The SPEC §5 tables with their keys, in dump order ({@code pipeline_run} last). */
  public static final Map<String, List<String>> KEYS = keys();

  private static Map<String, List<String>> keys() {
    Map<String, List<String>> k = new LinkedHashMap<>();
    k.put("fact_media", List.of("source", "scope", "media_id"));
    k.put("mart_brand_daily", List.of("brand", "day"));
    k.put("mart_brand_summary", List.of("brand"));
    k.put("mart_post_type", List.of("brand", "media_type", "media_product_type"));
    k.put("mart_upload_heatmap", List.of("brand", "weekday", "hour"));
    k.put("mart_hashtag_daily", List.of("source", "scope", "day", "hashtag"));
    k.put("mart_keyword_daily", List.of("source", "scope", "day", "token", "pos"));
    k.put("rejected", List.of("run_id", "source_file", "position"));
    k.put("quality_report", List.of("run_id", "model", "metric", "field"));
    // Issue #14's marts (mart_ranking_snapshot aside: one set of rows per run, by design).
    k.put("mart_best_time", List.of("brand", "weekday", "hour"));
    k.put("mart_brand_growth", List.of("brand", "day"));
    k.put("mart_hashtag_spike", List.of("source", "scope", "day", "hashtag"));
    k.put("pipeline_run", List.of("run_id"));
    return Collections.unmodifiableMap(k);
  }

  /** The Mongo collections of SPEC §6. */
  public static final List<String> COLLECTIONS = List.of("media", "morphs", "profiles", "rejected");

  /**
   * Every §5 table. {@code rejected} ends with its processing-time column {@code rejected_at};
   * {@code pipeline_run} is {@code run_id|status|runner|options} (no start/finish times).
   */
  public static Map<String, List<String>> tables(Path dataDir) throws Exception {
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0);
        Connection c = pg.connect()) {
      return tables(c);
    }
  }

  public static Map<String, List<String>> tables(Connection c) throws SQLException {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    tables.put(
        "fact_media",
        query(
            c,
            "SELECT source, scope, media_id, account, media_type, media_product_type,"
                + " to_char(posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS\"Z\"'), day, hour, weekday,"
                + " like_count, comments_count, followers, engagement_rate, caption_length, permalink"
                + " FROM fact_media ORDER BY source, scope, media_id"));
    tables.put(
        "mart_brand_daily",
        query(
            c,
            "SELECT brand, day, followers, posts, avg_engagement_rate, hashtag_mentions, media_rank,"
                + " follower_rank, community_rank, popularity_score, popularity_rank FROM mart_brand_daily ORDER BY day, brand"));
    tables.put(
        "mart_brand_summary",
        query(
            c,
            "SELECT brand, followers, posts, avg_engagement_rate, hashtag_mentions, media_rank,"
                + " follower_rank, community_rank, popularity_score, popularity_rank FROM mart_brand_summary ORDER BY brand"));
    tables.put(
        "mart_post_type",
        query(c, "SELECT brand, media_type, media_product_type, posts, avg_engagement_rate FROM mart_post_type ORDER BY 1, 2, 3"));
    tables.put(
        "mart_upload_heatmap",
        query(c, "SELECT brand, weekday, hour, weekday_name, posts FROM mart_upload_heatmap ORDER BY 1, 2, 3"));
    tables.put(
        "mart_hashtag_daily",
        query(c, "SELECT source, scope, day, hashtag, media FROM mart_hashtag_daily ORDER BY 1, 2, 3, 4"));
    tables.put(
        "mart_keyword_daily",
        query(c, "SELECT source, scope, day, token, pos, occurrences, media FROM mart_keyword_daily ORDER BY 1, 2, 3, 4, 5"));
    tables.put(
        "rejected",
        query(c, "SELECT run_id, source_file, position, model, reasons, raw, rejected_at FROM rejected ORDER BY 2, 3"));
    tables.put(
        "quality_report",
        query(c, "SELECT run_id, model, metric, field, value FROM quality_report ORDER BY 2, 3, 4"));
    tables.put(
        "mart_best_time",
        query(
            c,
            "SELECT brand, weekday, hour, weekday_name, posts, rated_posts, avg_engagement_rate, min_posts,"
                + " sufficient, slot_rank FROM mart_best_time ORDER BY 1, 2, 3"));
    tables.put(
        "mart_brand_growth",
        query(
            c,
            "SELECT brand, day, followers, follower_growth, follower_growth_pct, posts, posts_7d, avg_engagement_rate,"
                + " interactions_per_post, image_share_7d, carousel_share_7d, video_share_7d, reels_share_7d"
                + " FROM mart_brand_growth ORDER BY 1, 2"));
    tables.put(
        "mart_hashtag_spike",
        query(
            c,
            "SELECT source, scope, day, hashtag, mentions, baseline_days, baseline_mean, baseline_sd, threshold"
                + " FROM mart_hashtag_spike ORDER BY 1, 2, 3, 4"));
    tables.put(
        "pipeline_run",
        query(c, "SELECT run_id, status, runner, options FROM pipeline_run ORDER BY 1"));
    return tables;
  }

  /**
   * Per §5 table: {@code "rows=N keys=M"} with M the number of distinct keys; equal numbers mean
   * no duplicate rows.
   */
  public static Map<String, String> rowAndKeyCounts(Path dataDir) throws Exception {
    Map<String, String> counts = new LinkedHashMap<>();
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0);
        Connection c = pg.connect()) {
      for (Map.Entry<String, List<String>> e : KEYS.entrySet()) {
        String key = String.join(", ", e.getValue());
        List<String> r =
            query(c, "SELECT count(*), count(DISTINCT (" + key + ", 0)) FROM " + e.getKey());
        String[] f = r.get(0).split("\\|");
        counts.put(e.getKey(), "rows=" + f[0] + " keys=" + f[1]);
      }
    }
    return counts;
  }

  /** The four collections, each document as {@code _id|json} without {@code rejected_at}, sorted. */
  public static Map<String, List<String>> documents(Path dataDir) throws IOException {
    Map<String, List<String>> docs = new LinkedHashMap<>();
    try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, 0);
        MongoClient client = MongoClients.create(mongo.uri())) {
      MongoDatabase db = client.getDatabase("buzzbeam");
      for (String collection : COLLECTIONS) {
        List<String> rows = new ArrayList<>();
        for (Document d : db.getCollection(collection).find()) {
          Document copy = new Document(d);
          copy.remove("rejected_at");
          rows.add(d.get("_id") + "|" + copy.toJson());
        }
        Collections.sort(rows);
        docs.put(collection, rows);
      }
    }
    return docs;
  }

  public static List<String> query(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          values.add(
              v == null
                  ? "null"
                  : v instanceof Double ? String.format(Locale.ROOT, "%.9f", (Double) v) : v.toString());
        }
        rows.add(String.join("|", values));
      }
    }
    return rows;
  }

  /** Rows without their last column (e.g. {@code rejected_at}). */
  public static List<String> withoutLastColumn(List<String> rows) {
    return rows.stream().map(r -> r.substring(0, r.lastIndexOf('|'))).collect(java.util.stream.Collectors.toList());
  }

  /** Copies the test resource directory {@code /e2e-landing} (the end-to-end fixture) to {@code target}. */
  public static Path copyFixture(Path target) throws IOException, URISyntaxException {
    Path source = Paths.get(SinkDumps.class.getResource("/e2e-landing").toURI());
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path to = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }
}
