package io.buzzbeam.transforms.marts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;

/**
 * The Beam {@link Schema}s of the SPEC §5 mart tables: field names and order are exactly the
 * table's key columns followed by its other columns, so a JDBC sink can map a {@code Row} to a
 * table by name. {@code day} is a DATE ({@link java.time.LocalDate}), ranks and scores INT32,
 * counts and followers INT64, rates DOUBLE; a field is nullable only where SPEC §4 allows a null.
 */
public final class MartSchemas {

  private MartSchemas() {}

  private static final FieldType DATE = FieldType.logicalType(SqlTypes.DATE);

  public static final String BRAND_DAILY_TABLE = "mart_brand_daily";
  public static final String BRAND_SUMMARY_TABLE = "mart_brand_summary";
  public static final String POST_TYPE_TABLE = "mart_post_type";
  public static final String UPLOAD_HEATMAP_TABLE = "mart_upload_heatmap";
  public static final String HASHTAG_DAILY_TABLE = "mart_hashtag_daily";
  public static final String KEYWORD_DAILY_TABLE = "mart_keyword_daily";

  /** mart_brand_daily: key (brand, day). */
  public static final Schema BRAND_DAILY =
      Schema.builder()
          .addStringField("brand")
          .addField("day", DATE)
          .addNullableField("followers", FieldType.INT64)
          .addInt64Field("posts")
          .addNullableField("avg_engagement_rate", FieldType.DOUBLE)
          .addInt64Field("hashtag_mentions")
          .addInt32Field("media_rank")
          .addInt32Field("follower_rank")
          .addInt32Field("community_rank")
          .addInt32Field("popularity_score")
          .addInt32Field("popularity_rank")
          .build();

  /** mart_brand_summary: key (brand); the brand-daily metrics over the whole window. */
  public static final Schema BRAND_SUMMARY =
      Schema.builder()
          .addStringField("brand")
          .addNullableField("followers", FieldType.INT64)
          .addInt64Field("posts")
          .addNullableField("avg_engagement_rate", FieldType.DOUBLE)
          .addInt64Field("hashtag_mentions")
          .addInt32Field("media_rank")
          .addInt32Field("follower_rank")
          .addInt32Field("community_rank")
          .addInt32Field("popularity_score")
          .addInt32Field("popularity_rank")
          .build();

  /** mart_post_type: key (brand, media_type, media_product_type). */
  public static final Schema POST_TYPE =
      Schema.builder()
          .addStringField("brand")
          .addStringField("media_type")
          .addStringField("media_product_type")
          .addInt64Field("posts")
          .addNullableField("avg_engagement_rate", FieldType.DOUBLE)
          .build();

  /** mart_upload_heatmap: key (brand, weekday, hour). */
  public static final Schema UPLOAD_HEATMAP =
      Schema.builder()
          .addStringField("brand")
          .addInt32Field("weekday")
          .addInt32Field("hour")
          .addStringField("weekday_name")
          .addInt64Field("posts")
          .build();

  /** mart_hashtag_daily: key (source, scope, day, hashtag). */
  public static final Schema HASHTAG_DAILY =
      Schema.builder()
          .addStringField("source")
          .addStringField("scope")
          .addField("day", DATE)
          .addStringField("hashtag")
          .addInt64Field("media")
          .build();

  /** mart_keyword_daily: key (source, scope, day, token, pos). */
  public static final Schema KEYWORD_DAILY =
      Schema.builder()
          .addStringField("source")
          .addStringField("scope")
          .addField("day", DATE)
          .addStringField("token")
          .addStringField("pos")
          .addInt64Field("occurrences")
          .addInt64Field("media")
          .build();

  public static final List<String> BRAND_DAILY_KEY = List.of("brand", "day");
  public static final List<String> BRAND_SUMMARY_KEY = List.of("brand");
  public static final List<String> POST_TYPE_KEY =
      List.of("brand", "media_type", "media_product_type");
  public static final List<String> UPLOAD_HEATMAP_KEY = List.of("brand", "weekday", "hour");
  public static final List<String> HASHTAG_DAILY_KEY = List.of("source", "scope", "day", "hashtag");
  public static final List<String> KEYWORD_DAILY_KEY =
      List.of("source", "scope", "day", "token", "pos");

  /** Table name → schema, in SPEC §5 order. */
  public static final Map<String, Schema> SCHEMAS = ordered(
      BRAND_DAILY_TABLE, BRAND_DAILY,
      BRAND_SUMMARY_TABLE, BRAND_SUMMARY,
      POST_TYPE_TABLE, POST_TYPE,
      UPLOAD_HEATMAP_TABLE, UPLOAD_HEATMAP,
      HASHTAG_DAILY_TABLE, HASHTAG_DAILY,
      KEYWORD_DAILY_TABLE, KEYWORD_DAILY);

  /** Table name → key columns (the upsert key), in SPEC §5 order. */
  public static final Map<String, List<String>> KEYS = ordered(
      BRAND_DAILY_TABLE, BRAND_DAILY_KEY,
      BRAND_SUMMARY_TABLE, BRAND_SUMMARY_KEY,
      POST_TYPE_TABLE, POST_TYPE_KEY,
      UPLOAD_HEATMAP_TABLE, UPLOAD_HEATMAP_KEY,
      HASHTAG_DAILY_TABLE, HASHTAG_DAILY_KEY,
      KEYWORD_DAILY_TABLE, KEYWORD_DAILY_KEY);

  /** The key columns of {@code table}. */
  public static List<String> keyColumns(String table) {
    List<String> key = KEYS.get(table);
    if (key == null) {
      throw new IllegalArgumentException("not a mart table: " + table);
    }
    return key;
  }

  /** The schema of {@code table}. */
  public static Schema schema(String table) {
    Schema schema = SCHEMAS.get(table);
    if (schema == null) {
      throw new IllegalArgumentException("not a mart table: " + table);
    }
    return schema;
  }

  /** A schema of only the key columns of {@code table}, in order: the grouping key of its mart. */
  public static Schema keySchema(String table) {
    Schema schema = schema(table);
    Schema.Builder key = Schema.builder();
    for (String column : keyColumns(table)) {
      key.addField(schema.getField(column));
    }
    return key.build();
  }

  @SuppressWarnings("unchecked")
  private static <V> Map<String, V> ordered(Object... tableAndValue) {
    LinkedHashMap<String, V> map = new LinkedHashMap<>();
    for (int i = 0; i < tableAndValue.length; i += 2) {
      map.put((String) tableAndValue[i], (V) tableAndValue[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
