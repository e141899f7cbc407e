package io.buzzbeam.transforms.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.TypeName;
import org.junit.jupiter.api.Test;

class MartSchemasTest {

  @Test
  void columnNamesAndOrderAreSpecSection5() {
    assertEquals(
        List.of("brand", "day", "followers", "posts", "avg_engagement_rate", "hashtag_mentions",
            "media_rank", "follower_rank", "community_rank", "popularity_score", "popularity_rank"),
        MartSchemas.BRAND_DAILY.getFieldNames());
    assertEquals(
        List.of("brand", "followers", "posts", "avg_engagement_rate", "hashtag_mentions",
            "media_rank", "follower_rank", "community_rank", "popularity_score", "popularity_rank"),
        MartSchemas.BRAND_SUMMARY.getFieldNames());
    assertEquals(
        List.of("brand", "media_type", "media_product_type", "posts", "avg_engagement_rate"),
        MartSchemas.POST_TYPE.getFieldNames());
    assertEquals(
        List.of("brand", "weekday", "hour", "weekday_name", "posts"),
        MartSchemas.UPLOAD_HEATMAP.getFieldNames());
    assertEquals(
        List.of("source", "scope", "day", "hashtag", "media"),
        MartSchemas.HASHTAG_DAILY.getFieldNames());
    assertEquals(
        List.of("source", "scope", "day", "token", "pos", "occurrences", "media"),
        MartSchemas.KEYWORD_DAILY.getFieldNames());
    assertEquals(
        List.of("mart_brand_daily", "mart_brand_summary", "mart_post_type", "mart_upload_heatmap",
            "mart_hashtag_daily", "mart_keyword_daily"),
        List.copyOf(MartSchemas.SCHEMAS.keySet()));
  }

  @Test
  void keysArePrefixesOfTheirSchemas() {
    MartSchemas.SCHEMAS.forEach(
        (table, schema) -> {
          List<String> key = MartSchemas.keyColumns(table);
          assertEquals(key, schema.getFieldNames().subList(0, key.size()), table);
          assertEquals(key, MartSchemas.keySchema(table).getFieldNames(), table);
        });
  }

  @Test
  void typesAndNullability() {
    Schema daily = MartSchemas.BRAND_DAILY;
    assertEquals(TypeName.LOGICAL_TYPE, daily.getField("day").getType().getTypeName());
    assertEquals("beam:logical_type:date:v1",
        daily.getField("day").getType().getLogicalType().getIdentifier());
    assertEquals(TypeName.INT64, daily.getField("followers").getType().getTypeName());
    assertTrue(daily.getField("followers").getType().getNullable());
    assertTrue(daily.getField("avg_engagement_rate").getType().getNullable());
    assertEquals(TypeName.DOUBLE, daily.getField("avg_engagement_rate").getType().getTypeName());
    // SPEC §5: counts are integers (the catalogue's INTEGER columns: INT32 rows)
    assertEquals(TypeName.INT32, daily.getField("posts").getType().getTypeName());
    assertFalse(daily.getField("posts").getType().getNullable());
    assertEquals(TypeName.INT32, daily.getField("popularity_score").getType().getTypeName());
    assertEquals(TypeName.INT32, daily.getField("popularity_rank").getType().getTypeName());
    assertEquals(TypeName.INT32, MartSchemas.UPLOAD_HEATMAP.getField("hour").getType().getTypeName());
    assertEquals(TypeName.INT32, MartSchemas.KEYWORD_DAILY.getField("occurrences").getType().getTypeName());
  }
}
