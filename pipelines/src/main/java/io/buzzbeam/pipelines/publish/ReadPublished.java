package io.buzzbeam.pipelines.publish;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.pipelines.sinks.JdbcTarget;
import io.buzzbeam.transforms.ingest.Sources;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import io.buzzbeam.transforms.tables.Tables;
import org.apache.beam.sdk.coders.Coder;
import io.buzzbeam.transforms.coders.ModelCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads back what earlier runs published for the days OUTSIDE this run's window, so the brand
 * marts can describe every published day without re-reading old landing data (SPEC §3 and §5
 * rev. 2; the choice is explained in docs/ARCHITECTURE.md "Scheduled runs"):
 *
 * <ul>
 *   <li>{@link #media}: the brand- and hashtag-source rows of {@code fact_media} as {@link Media}
 *       (the fields the brand marts use: source, scope, media id, day, hour, weekday, types,
 *       likes, comments, followers and engagement rate, as published);
 *   <li>{@link #snapshots}: the rows of {@code profile_snapshot} as {@link ProfileSnapshot}s;
 *   <li>{@link #hashtagDailyBefore}: the {@code mart_hashtag_daily} rows of the days just before the
 *       window, the hashtag spikes' baselines (docs/METRICS.md §4).
 * </ul>
 *
 * The query runs once, on one worker, while the run holds the {@link RunLock}, so no other run
 * publishes in between. Counter {@code buzzbeam/published.<what>.read}.
 */
public final class ReadPublished<T> extends PTransform<PBegin, PCollection<T>> {

  /** Maps one result row to a record. */
  interface RowMapper<T> extends Serializable {
    T map(ResultSet rs) throws SQLException;
  }

  /** A source file name for records read back, so that a reader can tell them from landing data. */
  static final String PUBLISHED = "published";

  private final JdbcTarget target;
  private final String what;
  private final String sql;
  private final @Nullable LocalDate from;
  private final @Nullable LocalDate to;
  private final RowMapper<T> mapper;
  private final Coder<T> coder;

  private ReadPublished(
      JdbcTarget target,
      String what,
      String sql,
      @Nullable LocalDate from,
      @Nullable LocalDate to,
      RowMapper<T> mapper,
      Coder<T> coder) {
    this.target = target;
    this.what = what;
    this.sql = sql;
    this.from = from;
    this.to = to;
    this.mapper = mapper;
    this.coder = coder;
  }

  /** {@code day NOT BETWEEN from AND to}, with either bound open. */
  private static String outside(@Nullable LocalDate from, @Nullable LocalDate to) {
    List<String> or = new ArrayList<>();
    if (from != null) {
      or.add("day < ?");
    }
    if (to != null) {
      or.add("day > ?");
    }
    return or.isEmpty() ? "FALSE" : "(" + String.join(" OR ", or) + ")";
  }

  /** Published brand- and hashtag-source media of days outside [from, to]. */
  public static ReadPublished<Media> media(JdbcTarget target, @Nullable LocalDate from, @Nullable LocalDate to) {
    String sql =
        "SELECT source, scope, media_id, account, media_type, media_product_type, posted_at, day,"
            + " hour, weekday, like_count, comments_count, followers, engagement_rate, permalink"
            + " FROM fact_media WHERE source IN ('" + Sources.BRAND + "', '" + Sources.HASHTAG + "')"
            + " AND " + outside(from, to);
    return new ReadPublished<>(target, "media", sql, from, to, ReadPublished::toMedia, ModelCoder.of(Media.class));
  }

  /** Published profile snapshots of days outside [from, to]. */
  public static ReadPublished<ProfileSnapshot> snapshots(
      JdbcTarget target, @Nullable LocalDate from, @Nullable LocalDate to) {
    String sql =
        "SELECT brand, collected_at, day, username, followers_count FROM profile_snapshot WHERE "
            + outside(from, to);
    return new ReadPublished<>(
        target, "snapshots", sql, from, to, ReadPublished::toSnapshot, ModelCoder.of(ProfileSnapshot.class));
  }

  /**
   * Published {@code mart_hashtag_daily} rows of sources brand and hashtag for the {@code days} days
   * before {@code from}: the baselines of the window's first days in {@code mart_hashtag_spike}.
   */
  public static ReadPublished<Row> hashtagDailyBefore(JdbcTarget target, LocalDate from, int days) {
    String sql =
        "SELECT source, scope, day, hashtag, media FROM mart_hashtag_daily WHERE source IN ('"
            + Sources.BRAND + "', '" + Sources.HASHTAG + "') AND day >= ? AND day <= ?";
    return new ReadPublished<>(
        target, "hashtag_daily", sql, from.minusDays(days), from.minusDays(1), ReadPublished::toHashtagDaily,
        RowCoder.of(Tables.MART_HASHTAG_DAILY.schema()));
  }

  static Row toHashtagDaily(ResultSet rs) throws SQLException {
    return Row.withSchema(Tables.MART_HASHTAG_DAILY.schema())
        .addValues(
            rs.getString("source"),
            rs.getString("scope"),
            rs.getObject("day", LocalDate.class),
            rs.getString("hashtag"),
            rs.getInt("media"))
        .build();
  }

  static Media toMedia(ResultSet rs) throws SQLException {
    String scope = rs.getString("scope");
    long likes = rs.getLong("like_count");
    Long likeCount = rs.wasNull() ? null : likes;
    long f = rs.getLong("followers");
    Long followers = rs.wasNull() ? null : f;
    double r = rs.getDouble("engagement_rate");
    Double rate = rs.wasNull() ? null : r;
    return Media.newBuilder()
        .setSource(rs.getString("source"))
        .setScope(scope)
        .setMediaId(rs.getString("media_id"))
        .setBrand(scope) // brand and hashtag media are scoped by their brand (SPEC §3)
        .setAccount(rs.getString("account"))
        .setMediaType(rs.getString("media_type"))
        .setMediaProductType(rs.getString("media_product_type"))
        .setPostedAt(rs.getObject("posted_at", OffsetDateTime.class).toInstant())
        .setDay(rs.getObject("day", LocalDate.class).toString())
        .setHour(rs.getInt("hour"))
        .setWeekday(rs.getInt("weekday"))
        .setLikeCount(likeCount)
        .setCommentsCount(rs.getLong("comments_count"))
        .setFollowers(followers)
        .setEngagementRate(rate)
        .setPermalink(rs.getString("permalink"))
        .setSourceFile(PUBLISHED)
        .setPosition("")
        .build();
  }

  static ProfileSnapshot toSnapshot(ResultSet rs) throws SQLException {
    return ProfileSnapshot.newBuilder()
        .setBrand(rs.getString("brand"))
        .setCollectedAt(rs.getObject("collected_at", OffsetDateTime.class).toInstant())
        .setDay(rs.getObject("day", LocalDate.class).toString())
        .setUsername(rs.getString("username"))
        .setFollowersCount(rs.getLong("followers_count"))
        .setSourceFile(PUBLISHED)
        .setPosition("")
        .build();
  }

  @Override
  public PCollection<T> expand(PBegin input) {
    return input
        .apply("Query " + what, Create.of(sql))
        .apply("Read published " + what, ParDo.of(new QueryFn<>(target, what, from, to, mapper)))
        .setCoder(coder);
  }

  private static final class QueryFn<T> extends DoFn<String, T> {
    private final JdbcTarget target;
    private final @Nullable LocalDate from;
    private final @Nullable LocalDate to;
    private final RowMapper<T> mapper;
    private final Counter read;

    QueryFn(JdbcTarget target, String what, @Nullable LocalDate from, @Nullable LocalDate to, RowMapper<T> mapper) {
      this.target = target;
      this.from = from;
      this.to = to;
      this.mapper = mapper;
      this.read = Metrics.counter("buzzbeam", "published." + what + ".read");
    }

    @ProcessElement
    public void process(@Element String sql, OutputReceiver<T> out) throws SQLException {
      try (Connection c = target.connect()) {
        c.setAutoCommit(false); // lets the driver stream with a fetch size instead of loading all rows
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setFetchSize(10_000);
          int i = 1;
          if (from != null) {
            ps.setObject(i++, from);
          }
          if (to != null) {
            ps.setObject(i, to);
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.output(mapper.map(rs));
              read.inc();
            }
          }
        }
        c.commit();
      }
    }
  }
}
