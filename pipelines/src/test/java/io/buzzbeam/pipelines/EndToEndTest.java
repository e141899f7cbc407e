package io.buzzbeam.pipelines;

import static io.buzzbeam.pipelines.QualityReportRows.assertCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.pipelines.cli.Main;
import io.buzzbeam.pipelines.embedded.EmbeddedPostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product through its command line: the landing fixture {@code e2e-landing} (every kind
 * of SPEC §1 input and most §2 faults) → {@code ./buzzbeam run} on the embedded PostgreSQL and
 * Mongo wire server → tables, documents and stage files checked against values computed by hand
 * (below, next to each expectation), then a second run that must change nothing.
 *
 * <p>Fixture, in Asia/Seoul (UTC+9): chanel profile snapshots 03:00Z (1,000 followers) and 05:00Z
 * (1,100); dior's 04:00Z snapshot lacks followers_count (rejected) and its 06:00Z one has 500;
 * prada's only snapshot lacks username (rejected); gucci only answered an API error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
  @TempDir static Path work;

  private Path landing;
  private Path dataDir;
  private String firstOutput;
  private Map<String, List<String>> firstTables;
  private Map<String, List<String>> firstDocuments;
  private Map<String, List<String>> secondTables;
  private Map<String, List<String>> secondDocuments;

  static final List<String> TABLES =
      List.of(
          "fact_media",
          "mart_brand_daily",
          "mart_brand_summary",
          "mart_post_type",
          "mart_upload_heatmap",
          "mart_hashtag_daily",
          "mart_keyword_daily",
          "rejected",
          "quality_report");

  /** mart_brand_daily of the fixture, worked out by hand (columns as the dump and the query give them). */
  static final List<String> BRAND_DAILY =
      List.of(
          // 09-02: chanel avg 2.1818 (m1; m2 null), 1 mention (h1); dior 1.0; prada no posts.
          // media ranks 1,2,3 (prada null last); followers 1100,500,null → 1,2,3; mentions 1,0,0 → 1,2,2
          "chanel|2023-09-02|1100|2|2.181818182|1|1|1|1|3|1",
          "dior|2023-09-02|500|1|1.000000000|0|2|2|2|6|2",
          "prada|2023-09-02|null|0|null|0|3|3|2|8|3",
          // 09-03: only p1 (null rate) → every media rank 1; mentions all 0 → all 1
          "chanel|2023-09-03|1100|0|null|0|1|1|1|3|1",
          "dior|2023-09-03|500|0|null|0|1|2|1|4|2",
          "prada|2023-09-03|null|1|null|0|1|3|1|5|3");

  /** mart_brand_summary of the fixture, worked out by hand. */
  static final List<String> BRAND_SUMMARY =
      List.of(
          "chanel|1100|2|2.181818182|1|1|1|1|3|1",
          "dior|500|1|1.000000000|0|2|2|2|6|2",
          "prada|null|1|null|0|3|3|2|8|3");

  @BeforeAll
  void runTwice() throws Exception {
    landing = copyFixture(work.resolve("landing"));
    dataDir = work.resolve("data");
    firstOutput = runOk("--landing=" + landing, "--dataDir=" + dataDir, "--progressSeconds=0", "--runnerConfig=flink-local");
    firstTables = dumpTables();
    firstDocuments = dumpDocuments();
    runOk("--landing=" + landing, "--dataDir=" + dataDir, "--progressSeconds=0", "--runnerConfig=flink-local");
    secondTables = dumpTables();
    secondDocuments = dumpDocuments();
  }

  @Test
  void factMediaHoldsOneRowPerMediaWithFollowersAndEngagement() {
    assertEquals(
        List.of(
            // m1: kept poll 05:00Z (20 likes, 4 comments); snapshot at or before it: 1,100 → 24/1100*100
            "brand|chanel|m1|chanelofficial|IMAGE|FEED|2023-09-02 02:30:00Z|2023-09-02|11|6|20|4|1100|2.181818182|21|https://www.instagram.com/p/m1/",
            // m2: 15:00Z is 00:00 of Saturday 09-02 in Seoul; hidden likes → null rate
            "brand|chanel|m2|chanelofficial|VIDEO|REELS|2023-09-01 15:00:00Z|2023-09-02|0|6|null|1|1100|null|24|https://www.instagram.com/p/m2/",
            // d1: 23:59:59 local; dior's only valid snapshot (06:00Z) is after the media (04:00Z) → earliest: 5/500*100
            "brand|dior|d1|dior|CAROUSEL_ALBUM|UNKNOWN|2023-09-02 14:59:59Z|2023-09-02|23|6|5|0|500|1.000000000|10|https://www.instagram.com/p/d1/",
            // p1: prada has no valid snapshot → null followers and rate; Sunday 09:00
            "brand|prada|p1|prada|IMAGE|FEED|2023-09-03 00:00:00Z|2023-09-03|9|7|3|3|null|null|0|https://www.instagram.com/p/p1/",
            // dad_log: logged-in shape, no likes; GraphVideo + clips → VIDEO / REELS
            "crawl|dad_log|4001|dad_log|VIDEO|REELS|2023-09-03 00:00:00Z|2023-09-03|9|7|null|2|null|null|15|null",
            // mom_diary: the same post in .json (15 likes) and .json.xz (17 likes) → the higher
            "crawl|mom_diary|3001|mom_diary|IMAGE|UNKNOWN|2023-09-02 01:30:00Z|2023-09-02|10|6|17|3|null|null|29|null",
            // h1: seen under #샤넬 (03:05Z, 7 likes) and #chanel (03:10Z, 9 likes) → once, the later poll
            "hashtag|chanel|h1|null|IMAGE|UNKNOWN|2023-09-02 01:00:00Z|2023-09-02|10|6|9|1|null|null|27|https://www.instagram.com/p/h1/"),
        firstTables.get("fact_media"));
  }

  @Test
  void everyRejectedItemIsADeadLetterWithItsReasons() {
    List<String> rejected =
        firstTables.get("rejected").stream()
            .map(r -> String.join("|", List.of(r.split("\\|")).subList(1, 5)))
            .collect(Collectors.toList());
    String bd = "graph/dt=2023-09-02/business_discovery_120000.jsonl";
    String recent = "graph/dt=2023-09-02/hashtag_recent_media_120500.jsonl.gz";
    assertEquals(
        sorted(
            "graph/dt=2023-09-02/hashtag_top_media_121000.jsonl.gz|0|file|unreadable:file",
            bd + "|4|envelope|malformed:json",
            bd + "|5|envelope|api_error:4",
            bd + "|6|envelope|invalid:kind",
            bd + "|7|envelope|missing:brand",
            bd + "|8|envelope|invalid:collected_at",
            bd + "|3|profile|missing:followers_count",
            bd + "|10|profile|missing:username",
            recent + "|1:1|media|invalid:like_count",
            recent + "|1:2|media|missing:id,invalid:timestamp",
            recent + "|1:3|media|invalid:media_type",
            "instaloader/dad_log/broken.json|1|media|malformed:json"),
        sorted(rejected.toArray(String[]::new)));
    assertEquals(12, firstDocuments.get("rejected").size());
  }

  @Test
  void qualityReportBalancesPerModel() {
    Map<String, Long> q = QualityReportRows.byKey(firstTables.get("quality_report"), 1);
    // file: 3 graph + 5 Instaloader files; the truncated gzip is unreadable; the Profile file is skipped
    assertCounts(q, "file", 8, 7, 1);
    assertEquals(1L, q.get("file.skipped.node_type"));
    // envelope: 10 lines + 2 lines of the readable gzip; 5 bad lines (4..8)
    assertCounts(q, "envelope", 12, 7, 5);
    // profile: lines 1, 2, 3, 9, 10; dior@3 and prada@10 rejected
    assertCounts(q, "profile", 5, 3, 2);
    // media: 2+2+1+0+1 business discovery, 4+1 hashtag, 4 Instaloader posts
    assertCounts(q, "media", 15, 11, 4);
    assertEquals(3L, q.get("media.defaulted.like_count")); // m2 twice, 4001
    assertEquals(5L, q.get("media.defaulted.media_product_type")); // d1, h1 twice, 3001 twice
    assertEquals(1L, q.get("profile.defaulted.follows_count")); // dior@9
    assertEquals(1L, q.get("envelope.rejected_by_reason.api_error:4"));
    assertTrue(firstOutput.contains("read = valid + rejected holds for every model"), firstOutput);
  }

  @Test
  void brandDailyIsTheDenseGridWithSqlRanks() {
    assertEquals(BRAND_DAILY, firstTables.get("mart_brand_daily"));
    assertEquals(BRAND_SUMMARY, firstTables.get("mart_brand_summary"));
  }

  @Test
  void postTypesHeatmapAndHashtags() {
    assertEquals(
        List.of(
            "chanel|IMAGE|FEED|1|2.181818182",
            "chanel|VIDEO|REELS|1|null",
            "dior|CAROUSEL_ALBUM|UNKNOWN|1|1.000000000",
            "prada|IMAGE|FEED|1|null"),
        firstTables.get("mart_post_type"));
    List<String> heatmap = firstTables.get("mart_upload_heatmap");
    assertEquals(3 * 7 * 24, heatmap.size());
    assertEquals(
        List.of(
            "chanel|6|0|Saturday|1",
            "chanel|6|11|Saturday|1",
            "dior|6|23|Saturday|1",
            "prada|7|9|Sunday|1"),
        heatmap.stream().filter(r -> !r.endsWith("|0")).collect(Collectors.toList()));
    assertEquals(
        List.of(
            "brand|chanel|2023-09-02|chanel|2", // #CHANEL (m1) and #chanel (m2)
            "brand|dior|2023-09-02|dior|1",
            "crawl|dad_log|2023-09-03|육아일기|1",
            "crawl|mom_diary|2023-09-02|육아|1",
            "crawl|mom_diary|2023-09-02|육아일기|1",
            "hashtag|chanel|2023-09-02|chanel|1", // #CHANEL #chanel in one caption: once
            "hashtag|chanel|2023-09-02|샤넬|1"),
        firstTables.get("mart_hashtag_daily"));
    assertTrue(
        firstTables.get("mart_keyword_daily").contains("crawl|mom_diary|2023-09-02|아기|Noun|1|1"),
        String.valueOf(firstTables.get("mart_keyword_daily")));
  }

  @Test
  void mongoHoldsMediaMorphsProfilesAndDeadLetters() {
    assertEquals(7, firstDocuments.get("media").size());
    assertEquals(7, firstDocuments.get("morphs").size());
    assertEquals(3, firstDocuments.get("profiles").size());
    assertTrue(firstDocuments.get("media").stream().anyMatch(d -> d.startsWith("brand:chanel:m1|")));
  }

  @Test
  void avroStageFilesArePartitionedByDay() throws IOException {
    Path stage = dataDir.resolve("stage");
    assertTrue(Files.isDirectory(stage.resolve("media").resolve("dt=2023-09-02")), "media 09-02");
    assertTrue(Files.isDirectory(stage.resolve("media").resolve("dt=2023-09-03")), "media 09-03");
    assertTrue(Files.isDirectory(stage.resolve("profiles").resolve("dt=2023-09-02")), "profiles 09-02");
    // dead letters: one partition, the run's (UTC) day, one file named after the run id
    try (Stream<Path> days = Files.list(stage.resolve("rejected"))) {
      // (Beam's FileIO may leave its empty .temp-beam directory beside the partitions)
      List<Path> partitions =
          days.filter(d -> d.getFileName().toString().startsWith("dt=")).collect(Collectors.toList());
      assertEquals(1, partitions.size(), String.valueOf(partitions));
      try (Stream<Path> files = Files.list(partitions.get(0))) {
        assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith("run-")).count());
      }
    }
  }

  @Test
  void aSecondRunChangesNothing() {
    for (String table : TABLES) {
      if (table.equals("rejected")) {
        // rejected_at is the processing time of the rerun; everything else must be equal
        assertEquals(withoutLastColumn(firstTables.get(table)), withoutLastColumn(secondTables.get(table)), table);
      } else {
        assertEquals(firstTables.get(table), secondTables.get(table), table);
      }
    }
    assertEquals(firstDocuments.get("media"), secondDocuments.get("media"));
    assertEquals(firstDocuments.get("morphs"), secondDocuments.get("morphs"));
    assertEquals(firstDocuments.get("profiles"), secondDocuments.get("profiles"));
    assertEquals(firstDocuments.get("rejected").size(), secondDocuments.get("rejected").size());
  }

  @Test
  void theRejectRatioGateWritesDeadLettersButNoMartsAndExitsThree() throws Exception {
    Path gated = work.resolve("gated");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // SPEC §7 rev. 2: items read = 15 media + 5 profiles + 5 rejected envelopes + 1 rejected file = 26;
    // rejected = 4 + 2 + 5 + 1 = 12; 12 / 26 = 0.46 > 0.2
    int status =
        Main.run(
            new String[] {"run", "--landing=" + landing, "--dataDir=" + gated, "--maxRejectRatio=0.2", "--progressSeconds=0", "--runnerConfig=flink-local", "--sinks=jdbc"},
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(3, status, out.toString(StandardCharsets.UTF_8));
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(gated, 0);
        Connection c = pg.connect()) {
      assertEquals(List.of("0"), query(c, "SELECT count(*) FROM fact_media"));
      assertEquals(List.of("0"), query(c, "SELECT count(*) FROM mart_brand_daily"));
      assertEquals(List.of("12"), query(c, "SELECT count(*) FROM rejected"));
      assertEquals(List.of("gated"), query(c, "SELECT status FROM pipeline_run"));
    }
  }

  @Test
  void aWindowedRunReplacesItsDaysAndLeavesTheOthers() throws Exception {
    Path windowed = work.resolve("windowed");
    runOk("--landing=" + landing, "--dataDir=" + windowed, "--progressSeconds=0", "--runnerConfig=flink-local", "--sinks=jdbc");
    runOk(
        "--landing=" + landing, "--dataDir=" + windowed, "--progressSeconds=0", "--runnerConfig=flink-local", "--sinks=jdbc",
        "--from=2023-09-03", "--to=2023-09-03");
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(windowed, 0);
        Connection c = pg.connect()) {
      // SPEC §5 rev. 2: the brand marts describe every published day, not the window alone. The
      // run over 09-03 recomputes them from its window plus what the full run published for 09-02
      // (fact_media, profile_snapshot), so they are exactly the full run's (hand-checked in
      // brandDailyIsTheDenseGridWithSqlRanks).
      assertEquals(
          BRAND_DAILY,
          query(
              c,
              "SELECT brand, day, followers, posts, avg_engagement_rate, hashtag_mentions, media_rank,"
                  + " follower_rank, community_rank, popularity_score, popularity_rank FROM mart_brand_daily ORDER BY day, brand"));
      assertEquals(
          BRAND_SUMMARY,
          query(
              c,
              "SELECT brand, followers, posts, avg_engagement_rate, hashtag_mentions, media_rank,"
                  + " follower_rank, community_rank, popularity_score, popularity_rank FROM mart_brand_summary ORDER BY brand"));
      assertEquals(
          List.of("2023-09-02|5", "2023-09-03|2"),
          query(c, "SELECT day, count(*) FROM fact_media GROUP BY day ORDER BY day"));
    }
  }

  @Test
  void badUsageIsOneLineAndExitTwo() {
    assertUsage("--landing is required", "run");
    assertUsage("unknown option --bogus", "run", "--landing=" + landing, "--bogus=1");
    assertUsage("--from must be a day YYYY-MM-DD", "run", "--landing=" + landing, "--from=02/09/2023");
    assertUsage("--sinks: unknown sink 'kafka'", "run", "--landing=" + landing, "--sinks=jdbc,kafka");
    assertUsage("--maxRejectRatio must be a number between 0 and 1", "run", "--landing=" + landing, "--maxRejectRatio=2");
    assertUsage("--shards must be an integer >= 1", "run", "--landing=" + landing, "--shards=0");
  }

  private void assertUsage(String expected, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, status, message);
    assertEquals(1, message.strip().lines().count(), message);
    assertTrue(message.contains(expected), message);
  }

  private String runOk(String... options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] args = Stream.concat(Stream.of("run"), Stream.of(options)).toArray(String[]::new);
    int status =
        Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, text + err.toString(StandardCharsets.UTF_8));
    return text;
  }

  private Map<String, List<String>> dumpTables() throws Exception {
    return SinkDumps.tables(dataDir);
  }

  private Map<String, List<String>> dumpDocuments() throws IOException {
    return SinkDumps.documents(dataDir);
  }

  static List<String> query(Connection c, String sql) throws SQLException {
    return SinkDumps.query(c, sql);
  }

  private static List<String> withoutLastColumn(List<String> rows) {
    return SinkDumps.withoutLastColumn(rows);
  }

  private static List<String> sorted(String... values) {
    List<String> list = new ArrayList<>(List.of(values));
    Collections.sort(list);
    return list;
  }

  private static Path copyFixture(Path target) throws IOException, URISyntaxException {
    return SinkDumps.copyFixture(target);
  }
}
