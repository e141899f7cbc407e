package io.buzzbeam.pipelines.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buzzbeam.pipelines.embedded.EmbeddedPostgresServer;
import io.buzzbeam.transforms.tables.Tables;
import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link WriteJdbcTable} and {@link Tables} against the real embedded PostgreSQL. */
@ExtendWith(TestPipelineExtension.class)
public class WriteJdbcTableTest {
  @TempDir static Path TMP;
  final transient TestPipeline p = TestPipeline.create();

  private static EmbeddedPostgresServer pg;
  private static JdbcTarget target;

  static final Schema BRAND_DAILY =
      Schema.builder()
          .addStringField("brand")
          .addLogicalTypeField("day", SqlTypes.DATE)
          .addNullableField("followers", FieldType.INT64)
          .addInt32Field("posts")
          .addNullableField("avg_engagement_rate", FieldType.DOUBLE)
          .addInt32Field("hashtag_mentions")
          .addInt32Field("media_rank")
          .addInt32Field("follower_rank")
          .addInt32Field("community_rank")
          .addInt32Field("popularity_score")
          .addInt32Field("popularity_rank")
          .build();

  static final Schema BRAND_SUMMARY =
      Schema.builder()
          .addStringField("brand")
          .addNullableField("followers", FieldType.INT64)
          .addInt64Field("posts") // INT64 on purpose: the writer binds by the column type
          .addNullableField("avg_engagement_rate", FieldType.DOUBLE)
          .addInt32Field("hashtag_mentions")
          .addInt32Field("media_rank")
          .addInt32Field("follower_rank")
          .addInt32Field("community_rank")
          .addInt32Field("popularity_score")
          .addInt32Field("popularity_rank")
          .build();

  static final Schema HASHTAG_DAILY =
      Schema.builder()
          .addStringField("source")
          .addStringField("scope")
          .addLogicalTypeField("day", SqlTypes.DATE)
          .addStringField("hashtag")
          .addInt32Field("media")
          .build();

  @BeforeAll
  public static void startPostgres() throws Exception {
    pg = EmbeddedPostgresServer.start(Files.createDirectory(TMP.resolve("data")), 0);
    target = pg.target();
  }

  @AfterAll
  public static void stopPostgres() throws Exception {
    pg.close();
  }

  @BeforeEach
  public void emptyTables() throws Exception {
    Sql.resetTables(target);
  }

  private static Pipeline fresh() {
    return Pipeline.create(TestPipeline.testingPipelineOptions());
  }

  private static Row daily(String brand, String day, Long followers, int posts, Double rate) {
    return Row.withSchema(BRAND_DAILY)
        .addValues(brand, LocalDate.parse(day), followers, posts, rate, 2, 1, 1, 1, 3, 1)
        .build();
  }

  private static Row summary(String brand, long posts) {
    return Row.withSchema(BRAND_SUMMARY)
        .addValues(brand, 1000L, posts, 1.5, 0, 1, 1, 1, 3, 1)
        .build();
  }

  private static Row hashtag(String scope, String day, String tag, int media) {
    return Row.withSchema(HASHTAG_DAILY)
        .addValues("hashtag", scope, LocalDate.parse(day), tag, media)
        .build();
  }

  private static long counter(PipelineResult result, String name) {
    long sum = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named("buzzbeam", name))
                    .build())
            .getCounters()) {
      sum += c.getAttempted();
    }
    return sum;
  }

  @Test
  public void ddlCreatesEveryTableWithItsKeyAndTypesAndIsRepeatable() throws Exception {
    try (java.sql.Connection c = target.connect()) {
      Tables.ensureAll(c); // a second time: IF NOT EXISTS, and the columns check passes
    }
    assertEquals(
        Arrays.asList(
            "fact_media",
            "mart_best_time", // issue #14's marts and view (docs/METRICS.md)
            "mart_brand_daily",
            "mart_brand_growth",
            "mart_brand_movement",
            "mart_brand_summary",
            "mart_hashtag_daily",
            "mart_hashtag_spike",
            "mart_keyword_daily",
            "mart_post_type",
            "mart_ranking_snapshot",
            "mart_upload_heatmap",
            "pipeline_run",
            "profile_snapshot",
            "quality_report",
            "rejected"),
        Sql.rows(
            target,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                + " ORDER BY 1"));
    assertEquals(
        Arrays.asList(
            "source|text|NO", "scope|text|NO", "media_id|text|NO", "account|text|YES",
            "media_type|text|NO", "media_product_type|text|NO",
            "posted_at|timestamp with time zone|NO", "day|date|NO", "hour|integer|NO",
            "weekday|integer|NO", "like_count|bigint|YES", "comments_count|bigint|NO",
            "followers|bigint|YES", "engagement_rate|double precision|YES",
            "caption_length|integer|NO", "permalink|text|YES"),
        Sql.rows(
            target,
            "SELECT column_name, data_type, is_nullable FROM information_schema.columns"
                + " WHERE table_name = 'fact_media' ORDER BY ordinal_position"));
    // Primary keys are exactly the §5 keys, in order.
    String pkSql =
        "SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM pg_index i"
            + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)"
            + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
            + " WHERE i.indisprimary AND i.indrelid = '%s'::regclass";
    String[][] keys = {
      {"mart_brand_daily", "brand,day"},
      {"mart_brand_summary", "brand"},
      {"mart_post_type", "brand,media_type,media_product_type"},
      {"mart_upload_heatmap", "brand,weekday,hour"},
      {"mart_hashtag_daily", "source,scope,day,hashtag"},
      {"mart_keyword_daily", "source,scope,day,token,pos"},
      {"fact_media", "source,scope,media_id"},
      {"rejected", "run_id,source_file,position"},
      {"quality_report", "run_id,model,metric,field"},
      {"pipeline_run", "run_id"},
      {"profile_snapshot", "brand,collected_at"},
      {"mart_ranking_snapshot", "taken_at,brand"},
      {"mart_best_time", "brand,weekday,hour"},
      {"mart_brand_growth", "brand,day"},
      {"mart_hashtag_spike", "source,scope,day,hashtag"},
    };
    for (String[] k : keys) {
      assertEquals(List.of(k[1]), Sql.rows(target, String.format(pkSql, k[0])), k[0]);
    }
    assertEquals(
        List.of("pipeline_run|options|jsonb"),
        Sql.rows(
            target,
            "SELECT table_name, column_name, data_type FROM information_schema.columns"
                + " WHERE data_type = 'jsonb'"));
  }

  @Test
  public void upsertTwiceLeavesTheSameRowsAndUpdatesChangedValues() throws Exception {
    List<Row> rows =
        List.of(
            hashtag("chanel", "2023-09-02", "샤넬", 3),
            hashtag("chanel", "2023-09-02", "chanel", 5),
            hashtag("dior", "2023-09-01", "dior", 1));
    PCollection<Long> written =
        p.apply(Create.of(rows).withRowSchema(HASHTAG_DAILY))
            .apply(WriteJdbcTable.to(target, Tables.byName("mart_hashtag_daily")).withBatchSize(2));
    PAssert.thatSingleton(written.apply(Sum.longsGlobally())).isEqualTo(3L);
    PipelineResult first = p.run();
    first.waitUntilFinish();
    assertEquals(3L, counter(first, "sink.jdbc.mart_hashtag_daily"));
    List<String> expected =
        List.of(
            "hashtag|chanel|2023-09-02|chanel|5",
            "hashtag|chanel|2023-09-02|샤넬|3",
            "hashtag|dior|2023-09-01|dior|1");
    String dump = "SELECT * FROM mart_hashtag_daily ORDER BY scope, day, hashtag";
    assertEquals(expected, Sql.rows(target, dump));

    // The same input again: the same rows, no duplicates.
    Pipeline again = fresh();
    again
        .apply(Create.of(rows).withRowSchema(HASHTAG_DAILY))
        .apply(WriteJdbcTable.to(target, Tables.byName("mart_hashtag_daily")));
    again.run().waitUntilFinish();
    assertEquals(expected, Sql.rows(target, dump));

    // A changed value is updated in place.
    Pipeline changed = fresh();
    changed
        .apply(Create.of(hashtag("dior", "2023-09-01", "dior", 4)).withRowSchema(HASHTAG_DAILY))
        .apply(WriteJdbcTable.to(target, Tables.byName("mart_hashtag_daily")));
    changed.run().waitUntilFinish();
    assertEquals(
        List.of(expected.get(0), expected.get(1), "hashtag|dior|2023-09-01|dior|4"),
        Sql.rows(target, dump));
  }

  @Test
  public void rowsWhoseFieldsAreNotTheColumnsAreRefusedWhenBuilding() {
    Schema wrong = Schema.builder().addStringField("brand").addInt32Field("postz").build();
    PCollection<Row> rows =
        p.apply(Create.of(Row.withSchema(wrong).addValues("x", 1).build()).withRowSchema(wrong));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> rows.apply(WriteJdbcTable.to(target, Tables.byName("mart_brand_summary"))));
    assertEquals(true, e.getMessage().contains("unknown [postz]"));
    p.enableAbandonedNodeEnforcement(false);
  }

  @Test
  public void upsertSqlSkipsUnchangedRows() {
    assertEquals(
        "INSERT INTO quality_report (run_id, model, metric, field, value) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (run_id, model, metric, field) DO UPDATE SET value = EXCLUDED.value"
            + " WHERE (quality_report.value) IS DISTINCT FROM (EXCLUDED.value)",
        WriteJdbcTable.upsertSql(Tables.QUALITY_REPORT, "quality_report"));
  }
}
