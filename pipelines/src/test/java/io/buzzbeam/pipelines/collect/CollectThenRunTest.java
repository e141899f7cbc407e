package io.buzzbeam.pipelines.collect;

import static io.buzzbeam.pipelines.SinkDumps.query;
import static io.buzzbeam.pipelines.collect.CollectTestSupport.assertSecretNowhere;
import static io.buzzbeam.pipelines.collect.CollectTestSupport.readEnvelopes;
import static io.buzzbeam.pipelines.collect.CollectTestSupport.writeTargets;
import static io.buzzbeam.pipelines.QualityReportRows.assertCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.buzzbeam.pipelines.QualityReportRows;
import io.buzzbeam.pipelines.cli.Main;
import io.buzzbeam.pipelines.collect.CollectTestSupport.Envelope;
import io.buzzbeam.pipelines.collect.CollectTestSupport.Run;
import io.buzzbeam.pipelines.collect.FakeGraphApi.Fault;
import io.buzzbeam.pipelines.embedded.EmbeddedMongoServer;
import io.buzzbeam.pipelines.embedded.EmbeddedPostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;


import java.sql.SQLException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #6 item 6: {@code ./buzzbeam collect --once} against the fake Graph API on 127.0.0.1, then
 * {@code ./buzzbeam run} (Flink embedded, embedded PostgreSQL and Mongo) over the landing zone it
 * wrote, with expectations computed by hand from the fake's formulas (see {@link FakeGraphApi}).
 *
 * <p>The pass, with the collector's clock fixed at 2023-09-03T04:00:15Z (every envelope carries
 * that {@code collected_at}, so the two pages of a brand are one profile observation):
 *
 * <ul>
 *   <li>chanel (chanelofficial, #chanel #샤넬) and dior (dior, #dior #디올): 30 media each, two
 *       business-discovery pages (25 + 5); each hashtag 30 media, two pages (25 + 5);
 *   <li>chanel's first business-discovery request is throttled (code 4) and retried;
 *   <li>gucci's account is unknown to Instagram (code 110, final at once): the Graph API's error
 *       body is written as the envelope's response;
 *   <li>#디올's recent_media answers an HTML 502 every time: after 3 attempts the collector writes
 *       its own {@code {"error": {"code": -1, ...}}} body.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(600) // collect + one pipeline run on the embedded Flink: about a minute on 2 cores
class CollectThenRunTest {
  static final String TARGETS =
      "brands:\n"
          + "  - key: chanel\n    username: chanelofficial\n    hashtags: [chanel, 샤넬]\n"
          + "  - key: dior\n    username: dior\n    hashtags: ['#Dior', 디올]\n"
          + "  - key: gucci\n    username: gucci\n";
  static final Instant PASS_TIME = Instant.parse("2023-09-03T04:00:15Z");
  static final String BD_FILE = "graph/dt=2023-09-03/business_discovery_040015.jsonl";
  static final String RECENT_FILE = "graph/dt=2023-09-03/hashtag_recent_media_040015.jsonl";

  private Path work;
  private Path landing;
  private Path dataDir;
  private Run collect;
  private List<Envelope> envelopes;
  private int chanelDiscoveryRequests;
  private int diorRecentRequests;
  private String runOutput;
  private String runErrors;
  private Map<String, List<String>> tables;
  private Map<String, List<Document>> documents;

  @BeforeAll
  void collectThenRun(@TempDir Path tmp) throws Exception {
    work = tmp;
    landing = work.resolve("landing");
    dataDir = work.resolve("data");
    Path targets = writeTargets(work, TARGETS);
    try (FakeGraphApi fake = FakeGraphApi.start(CollectTargets.load(targets)).mediaPerBrand(30).mediaPerHashtag(30)) {
      fake.failNext("username(chanelofficial)", Fault.THROTTLE_4)
          .failAlways("username(gucci)", Fault.UNKNOWN_USER_110)
          .failAlways(fake.hashtagId("디올") + "/recent_media", Fault.HTTP_502_HTML);
      collect = CollectTestSupport.run(
          fake.collectArgs(targets, landing, "--mediaLimit=30", "--hashtagMediaLimit=30", "--maxAttempts=3"),
          Map.of(AccessToken.ENV, FakeGraphApi.TOKEN), new MutableClock(PASS_TIME), Sleeper.REAL);
      chanelDiscoveryRequests = count(fake, "username(chanelofficial)");
      diorRecentRequests = count(fake, fake.hashtagId("디올") + "/recent_media");
    }
    envelopes = readEnvelopes(landing);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(
        new String[] {"run", "--landing=" + landing, "--dataDir=" + dataDir, "--runnerConfig=flink-local", "--progressSeconds=0"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    runOutput = out.toString(StandardCharsets.UTF_8);
    runErrors = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, runOutput + runErrors);
    tables = dumpTables();
    documents = dumpDocuments();
  }

  @Test
  void thePassRetriedTheThrottleAndWroteBothErrorsAsEnvelopes() throws Exception {
    // 3 discovery walks (2 + 2 + 1 calls), 4 hashtag searches, 3 x 2 pages + 1 failed edge = 16 calls;
    // 5 + 7 envelopes; 30 + 30 + 3 x 30 media; retries: 1 throttle + 2 more attempts at the 502.
    assertTrue(collect.out().startsWith("collect pass=profiles+hashtags brands=3 hashtags=4 requests=16 envelopes=12 "
        + "media=150 errors=2 errors_by_code=110:1,http_502:1 retries=3 usage_pauses=0 files=2 "), collect.out());
    assertEquals(1, collect.exit(), "a pass with failed requests exits 1");
    assertEquals(3, chanelDiscoveryRequests, "throttled first page, its retry, page 2");
    assertEquals(3, diorRecentRequests, "--maxAttempts=3");
    assertEquals(12, envelopes.size());
    assertEquals(List.of(BD_FILE, RECENT_FILE),
        envelopes.stream().map(Envelope::file).distinct().collect(Collectors.toList()));
    Envelope gucci = envelopes.get(4);
    assertEquals("gucci", gucci.brand());
    assertEquals(110, gucci.response().path("error").path("code").asInt());
    Envelope dior = envelopes.get(11);
    assertEquals("디올", dior.json().path("hashtag").asText());
    assertEquals(-1, dior.response().path("error").path("code").asInt());
    assertEquals("http_502", dior.response().path("error").path("collector_reason").asText());
    for (Envelope e : envelopes) {
      assertEquals("2023-09-03T04:00:15Z", e.json().path("collected_at").asText());
    }
    // Pages with a next page carry the paging URL, token redacted.
    assertTrue(envelopes.get(0).line().contains("access_token=REDACTED&"), envelopes.get(0).line());
  }

  @Test
  void factMediaHoldsEveryCollectedMediaWithFollowersAndEngagement() {
    List<String> facts = tables.get("fact_media");
    assertEquals(150, facts.size());
    Map<String, Long> perScope = facts.stream()
        .collect(Collectors.groupingBy(r -> r.split("\\|")[0] + "|" + r.split("\\|")[1], LinkedHashMap::new,
            Collectors.counting()));
    assertEquals(Map.of("brand|chanel", 30L, "brand|dior", 30L, "hashtag|chanel", 60L, "hashtag|dior", 30L), perScope);

    // Columns: source|scope|media_id|account|media_type|media_product_type|posted_at|day|hour|weekday|
    //          like_count|comments_count|followers|engagement_rate|caption_length|permalink
    for (String expected : List.of(
        // chanel i=0: 12:00:03Z = 21:00:03 Saturday in Seoul; 10,000 + 250i likes, 100 + 7i comments;
        // 60,412,345 followers from the collected profile: 10,100 / 60,412,345 * 100.
        // Caption "The new collection 1 새로운 컬렉션을 만나보세요 #chanel #샤넬": 21 + 4 + 5 + 6 + 8 + 3 chars.
        "brand|chanel|17900000000001000|chanelofficial|IMAGE|FEED|2023-09-02 12:00:03Z|2023-09-02|21|6|10000|100|60412345|0.016718437|47|https://www.instagram.com/p/Cw4w90qh7p2i0/",
        // i=7: VIDEO (7 % 3 = 1), odd → REELS; no caption (7 % 11 = 7); 63h earlier = 2023-08-31 06:00:03 Thursday local
        "brand|chanel|17900000000001007|chanelofficial|VIDEO|REELS|2023-08-30 21:00:03Z|2023-08-31|6|4|11750|149|60412345|0.019696305|0|https://www.instagram.com/p/Cw4w90qh7p2i7/",
        // i=25, first media of page 2: 225h earlier; 16,250 + 275 = 16,525 / 60,412,345 * 100
        "brand|chanel|17900000000001025|chanelofficial|VIDEO|REELS|2023-08-24 03:00:03Z|2023-08-24|12|4|16250|275|60412345|0.027353681|48|https://www.instagram.com/p/Cw4w90qh7p2ip/",
        // i=29: 15:00:03Z is 00:00:03 of Wednesday 08-23 in Seoul; no caption (29 % 11 = 7)
        "brand|chanel|17900000000001029|chanelofficial|CAROUSEL_ALBUM|FEED|2023-08-22 15:00:03Z|2023-08-23|0|3|17250|303|60412345|0.029055320|0|https://www.instagram.com/p/Cw4w90qh7p2it/",
        // dior (brand index 1): one minute earlier than chanel; 45,870,333 followers: 10,100 / 45,870,333 * 100
        "brand|dior|17900000000002000|dior|IMAGE|FEED|2023-09-02 11:59:03Z|2023-09-02|20|6|10000|100|45870333|0.022018589|45|https://www.instagram.com/p/Cw4w90qh7p39s/",
        "brand|dior|17900000000002029|dior|CAROUSEL_ALBUM|FEED|2023-08-22 14:59:03Z|2023-08-22|23|2|17250|303|45870333|0.038266563|0|https://www.instagram.com/p/Cw4w90qh7p3al/",
        // hashtag media: no username, no media_product_type (→ UNKNOWN), no followers, so no rate.
        // #chanel's id ends in 90000 → media 18000000090000000 + i; i=0: 1 like, 0 comments, "오늘의 데일리룩 #ootd #chanel 1"
        "hashtag|chanel|18000000090000000|null|IMAGE|UNKNOWN|2023-09-02 12:00:03Z|2023-09-02|21|6|1|0|null|null|24|https://www.instagram.com/p/Ch90000x0/",
        // #샤넬 (id ends in 00000) i=2: hidden likes (2 % 3 = 2), 2 comments, 20 minutes earlier
        "hashtag|chanel|18000000000000002|null|CAROUSEL_ALBUM|UNKNOWN|2023-09-02 11:40:03Z|2023-09-02|20|6|null|2|null|null|20|https://www.instagram.com/p/Ch0x2/",
        // #dior (also id ends in 00000, other scope) i=29, from page 2: 290 minutes earlier
        "hashtag|dior|18000000000000029|null|CAROUSEL_ALBUM|UNKNOWN|2023-09-02 07:10:03Z|2023-09-02|16|6|null|4|null|null|23|https://www.instagram.com/p/Ch0x29/")) {
      assertTrue(facts.contains(expected), expected + " not among\n" + String.join("\n", facts));
    }
    // Every brand media has its brand's followers and a rate; no hashtag media has either.
    for (String r : facts) {
      String[] f = r.split("\\|");
      boolean brand = f[0].equals("brand");
      assertEquals(brand ? (f[1].equals("chanel") ? "60412345" : "45870333") : "null", f[12], r);
      assertEquals(brand, !f[13].equals("null"), r);
    }
  }

  @Test
  void profileSnapshotsAreInMongo() {
    // Pages 1 and 2 of a brand share collected_at: one snapshot per brand (the later page's copy).
    List<String> profiles = documents.get("profiles").stream()
        .map(d -> String.join("|", List.of(
            d.getString("_id"), d.getString("brand"), d.getString("ig_id"), d.getString("username"),
            d.getString("name"), String.valueOf(d.get("followers_count")), String.valueOf(d.get("follows_count")),
            String.valueOf(d.get("media_count")), d.getDate("collected_at").toInstant().toString(), d.getString("day"),
            d.getString("source_file"), d.getString("position"))))
        .sorted()
        .collect(Collectors.toList());
    assertEquals(List.of(
            "chanel:2023-09-03T04:00:15Z|chanel|17841400000000001|chanelofficial|CHANEL|60412345|0|3000|2023-09-03T04:00:15Z|2023-09-03|" + BD_FILE + "|2",
            "dior:2023-09-03T04:00:15Z|dior|17841400000000002|dior|DIOR|45870333|1|3100|2023-09-03T04:00:15Z|2023-09-03|" + BD_FILE + "|4"),
        profiles);
    assertEquals(150, documents.get("media").size());
  }

  @Test
  void bothErrorEnvelopesAreDeadLetters() throws Exception {
    List<String> bd = Files.readAllLines(landing.resolve(BD_FILE), StandardCharsets.UTF_8);
    List<String> recent = Files.readAllLines(landing.resolve(RECENT_FILE), StandardCharsets.UTF_8);
    // gucci is the 5th business-discovery line; #디올 the 7th hashtag line (after 3 x 2 pages).
    assertEquals(List.of(
            BD_FILE + "|5|envelope|api_error:110|" + bd.get(4),
            RECENT_FILE + "|7|envelope|api_error:-1|" + recent.get(6)),
        tables.get("rejected"));
    assertTrue(recent.get(6).contains("\"collector_reason\":\"http_502\""), recent.get(6));
    assertEquals(2, documents.get("rejected").size());
  }

  @Test
  void qualityReportBalancesPerModel() {
    Map<String, Long> q = QualityReportRows.byKey(tables.get("quality_report"), 0);
    // file: the two .jsonl files; .collect-state/hashtags.state(.lock) is not landing input
    assertCounts(q, "file", 2, 2, 0);
    assertCounts(q, "envelope", 12, 10, 2);
    assertEquals(1L, q.get("envelope.rejected_by_reason.api_error:110"));
    assertEquals(1L, q.get("envelope.rejected_by_reason.api_error:-1"));
    // profile: one per valid business-discovery envelope (2 pages x 2 brands), before de-duplication
    assertCounts(q, "profile", 4, 4, 0);
    assertCounts(q, "media", 150, 150, 0);
    assertEquals(90L, q.get("media.defaulted.media_product_type")); // every hashtag media
    assertEquals(30L, q.get("media.defaulted.like_count")); // i % 3 = 2: 10 per hashtag
    assertEquals(6L, q.get("media.defaulted.caption")); // i = 7, 18, 29 per brand
    // brand: VIDEO with i % 4 = 1 (i = 1, 13, 25) x 2; hashtag: i % 6 = 5 (5 per hashtag) x 3
    assertEquals(21L, q.get("media.defaulted.media_url"));
    for (String model : List.of("file", "envelope", "profile", "media")) {
      assertEquals(q.get(model + ".read"), q.get(model + ".valid") + q.get(model + ".rejected"), model);
    }
    assertTrue(runOutput.contains("read = valid + rejected holds for every model"), runOutput);
  }

  @Test
  void theTokenIsNowhereInTheLandingZoneTheTablesTheDocumentsOrTheStage() throws Exception {
    assertSecretNowhere(FakeGraphApi.TOKEN, landing, collect.out(), collect.err(), runOutput, runErrors);
    String token = FakeGraphApi.TOKEN;

    int textColumns = 0;
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0);
        Connection c = pg.connect()) {
      List<String> columns = query(c, "SELECT table_name, column_name FROM information_schema.columns"
          + " WHERE table_schema = 'public' AND data_type IN ('text', 'character varying') ORDER BY 1, 2");
      for (String tc : columns) {
        String[] f = tc.split("\\|");
        textColumns++;
        assertEquals(List.of("0"), query(c, "SELECT count(*) FROM " + f[0] + " WHERE strpos(" + f[1] + ", '" + token + "') > 0"), tc);
      }
      assertTrue(columns.contains("rejected|raw"), columns.toString());
      assertTrue(columns.contains("fact_media|permalink"), columns.toString());
    }
    assertTrue(textColumns > 20, "text columns checked: " + textColumns);

    for (Map.Entry<String, List<Document>> e : documents.entrySet()) {
      for (Document d : e.getValue()) {
        assertFalse(d.toJson().contains(token), e.getKey() + " " + d.getString("_id"));
      }
    }

    int stageRecords = 0;
    List<Path> avroFiles;
    try (Stream<Path> s = Files.walk(dataDir.resolve("stage"))) {
      avroFiles = s.filter(p -> p.toString().endsWith(".avro")).collect(Collectors.toList());
    }
    for (Path f : avroFiles) {
      try (DataFileReader<GenericRecord> reader = new DataFileReader<>(f.toFile(), new GenericDatumReader<>())) {
        for (GenericRecord r : reader) {
          stageRecords++;
          assertFalse(r.toString().contains(token), f + ": " + r);
        }
      }
    }
    // 150 media + 2 profiles + 2 dead letters, decoded (the files may be compressed)
    assertEquals(154, stageRecords);
    assertSecretNowhere(token, dataDir.resolve("stage"));
  }

  // ---------------------------------------------------------------------------------------------

  private static int count(FakeGraphApi fake, String pathOrFields) {
    return (int) fake.requests().stream()
        .filter(s -> (s.path() + "?" + s.query()).contains(pathOrFields))
        .count();
  }

  private Map<String, List<String>> dumpTables() throws Exception {
    Map<String, List<String>> t = new LinkedHashMap<>();
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0);
        Connection c = pg.connect()) {
      t.put("fact_media", query(c,
          "SELECT source, scope, media_id, account, media_type, media_product_type,"
              + " to_char(posted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS\"Z\"'), day, hour, weekday,"
              + " like_count, comments_count, followers, engagement_rate, caption_length, permalink"
              + " FROM fact_media ORDER BY source, scope, media_id"));
      t.put("rejected", query(c, "SELECT source_file, position, model, reasons, raw FROM rejected ORDER BY 1, 2"));
      t.put("quality_report", query(c, "SELECT model, metric, field, value FROM quality_report ORDER BY 1, 2, 3"));
    }
    return t;
  }

  private Map<String, List<Document>> dumpDocuments() throws Exception {
    Map<String, List<Document>> docs = new LinkedHashMap<>();
    try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, 0);
        MongoClient client = MongoClients.create(mongo.uri())) {
      MongoDatabase db = client.getDatabase("buzzbeam");
      for (String collection : List.of("media", "morphs", "profiles", "rejected")) {
        List<Document> rows = new ArrayList<>();
        db.getCollection(collection).find().into(rows);
        docs.put(collection, Collections.unmodifiableList(rows));
      }
    }
    return docs;
  }
}
