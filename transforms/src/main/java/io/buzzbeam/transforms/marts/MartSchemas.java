package io.buzzbeam.transforms.marts;

import io.buzzbeam.transforms.tables.Tables;
import io.buzzbeam.transforms.tables.Tables.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;

/**
 * The Beam {@link Schema}s of the six mart tables, derived from the table catalogue ({@link
 * Tables}): field names, order, types and nullability are exactly the table's columns, so a mart's
 * rows and its table cannot drift apart.
 */
public final class MartSchemas {

  private MartSchemas() {}

  private static final List<Table> MARTS =
      List.of(
          Tables.MART_BRAND_DAILY,
          Tables.MART_BRAND_SUMMARY,
          Tables.MART_POST_TYPE,
          Tables.MART_UPLOAD_HEATMAP,
          Tables.MART_HASHTAG_DAILY,
          Tables.MART_KEYWORD_DAILY);

  public static final String BRAND_DAILY_TABLE = Tables.MART_BRAND_DAILY.name;
  public static final String BRAND_SUMMARY_TABLE = Tables.MART_BRAND_SUMMARY.name;
  public static final String POST_TYPE_TABLE = Tables.MART_POST_TYPE.name;
  public static final String UPLOAD_HEATMAP_TABLE = Tables.MART_UPLOAD_HEATMAP.name;
  public static final String HASHTAG_DAILY_TABLE = Tables.MART_HASHTAG_DAILY.name;
  public static final String KEYWORD_DAILY_TABLE = Tables.MART_KEYWORD_DAILY.name;

  public static final Schema BRAND_DAILY = Tables.MART_BRAND_DAILY.schema();
  public static final Schema BRAND_SUMMARY = Tables.MART_BRAND_SUMMARY.schema();
  public static final Schema POST_TYPE = Tables.MART_POST_TYPE.schema();
  public static final Schema UPLOAD_HEATMAP = Tables.MART_UPLOAD_HEATMAP.schema();
  public static final Schema HASHTAG_DAILY = Tables.MART_HASHTAG_DAILY.schema();
  public static final Schema KEYWORD_DAILY = Tables.MART_KEYWORD_DAILY.schema();

  /** Table name → schema, in SPEC §5 order. */
  public static final Map<String, Schema> SCHEMAS;

  /** Table name → key columns (the upsert key), in SPEC §5 order. */
  public static final Map<String, List<String>> KEYS;

  static {
    Map<String, Schema> schemas = new LinkedHashMap<>();
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (Table t : MARTS) {
      schemas.put(t.name, t.schema());
      keys.put(t.name, t.key);
    }
    SCHEMAS = java.util.Collections.unmodifiableMap(schemas);
    KEYS = java.util.Collections.unmodifiableMap(keys);
  }

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
    keyColumns(table);
    return Tables.byName(table).keySchema();
  }
}
