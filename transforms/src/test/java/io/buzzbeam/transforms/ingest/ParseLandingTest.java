package io.buzzbeam.transforms.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.testing.Counters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ParseLanding over a landing zone that holds every fault of SPEC §1–§2 (see
 * {@code src/test/resources/landing/faults}) plus a truncated gzip and a corrupt xz file. The
 * expectations were worked out by hand from the fixture.
 */
public class ParseLandingTest extends LandingZoneTest {

  private static final String RUN = "run-1";
  private static final String BD = "graph/dt=2023-09-03/business_discovery_040015.jsonl";
  private static final String HT = "graph/dt=2023-09-03/hashtag_recent_media_040020.jsonl";
  private static final String GZ = "graph/dt=2023-09-04/hashtag_060000.jsonl.gz";
  private static final String XZ = "instaloader/garbage/3185.json.xz";

  @BeforeEach
  public void buildLanding() throws Exception {
    LandingFixtures.copyResourceLanding("faults", landing);
    String line1 =
        "{\"kind\":\"hashtag_recent_media\",\"brand\":\"chanel\",\"hashtag\":\"샤넬\","
            + "\"collected_at\":\"2023-09-03T06:00:00Z\",\"response\":{\"data\":[{\"id\":\"h1\","
            + "\"timestamp\":\"2023-09-02T12:00:03+0000\",\"media_type\":\"CAROUSEL_ALBUM\","
            + "\"media_product_type\":\"FEED\",\"like_count\":9,\"comments_count\":1,"
            + "\"caption\":\"#샤넬 최고\",\"media_url\":\"https://u/h1\",\"permalink\":\"https://p/h1\"}]}}";
    String line2 =
        "{\"kind\":\"hashtag_top_media\",\"brand\":\"chanel\",\"hashtag\":\"chanel\","
            + "\"collected_at\":\"2023-09-03T06:00:00Z\",\"response\":{\"data\":[{\"id\":\"h3\","
            + "\"timestamp\":\"2023-09-03T10:00:00Z\",\"media_type\":\"IMAGE\","
            + "\"media_product_type\":\"FEED\",\"like_count\":1,\"comments_count\":0,"
            + "\"caption\":\"c\",\"media_url\":\"u\",\"permalink\":\"p\"}]}}";
    String line3 =
        "{\"kind\":\"hashtag_top_media\",\"brand\":\"chanel\",\"collected_at\":\"2023-09-03T06:00:00Z\","
            + "\"response\":{\"data\":[{\"id\":\"cut\",\"caption\":\""
            + "x".repeat(3000)
            + "\"}]}}";
    Path gz =
        LandingFixtures.writeGzip(
            landing.resolve(GZ), line1 + "\n" + line2 + "\n" + line3 + "\n", true);
    // Cuts inside line 3 (3000+ bytes long): lines 1 and 2 are complete in what is left.
    LandingFixtures.truncate(gz, 1500);
    LandingFixtures.write(landing.resolve(XZ), "this is not xz data");
  }

  private LandingResult parse() {
    return p.apply(
        "ParseLanding",
        ParseLanding.from(landing.toString()).withTimezone("Asia/Seoul").withRunId(RUN));
  }

  @Test
  public void validMediaHaveSourceScopeLocalTimeAndDefaults() {
    LandingResult result = parse();
    PAssert.that(result.media().apply(MapElements.into(TypeDescriptors.strings()).via(LandingFixtures::describe)))
        .containsInAnyOrder(
            "brand|chanel|m1|chanel|null|chanelofficial|IMAGE|FEED|50|3|2023-09-02T14:59:59Z|2023-09-03T04:00:15Z|2023-09-02|23|6|null|null|" + BD + "|1:0|[]",
            "brand|chanel|m2|chanel|null|chanelofficial|UNKNOWN|UNKNOWN|null|0|2023-09-02T15:00:00Z|2023-09-03T04:00:15Z|2023-09-03|0|7|null|null|" + BD
                + "|1:1|[media_type, media_product_type, like_count, comments_count, caption, media_url, permalink]",
            "brand|dior|d1|dior|null|null|VIDEO|REELS|0|0|2023-09-02T01:02:03.456Z|2023-09-03T05:00:00Z|2023-09-02|10|6|null|null|" + BD + "|2:0|[]",
            "hashtag|chanel|h1|chanel|샤넬|null|CAROUSEL_ALBUM|UNKNOWN|7|1|2023-09-02T12:00:03Z|2023-09-03T04:00:20Z|2023-09-02|21|6|null|null|" + HT
                + "|1:0|[media_product_type]",
            "hashtag|chanel|h2|chanel|샤넬|null|UNKNOWN|AD|null|0|2023-09-01T00:00:00Z|2023-09-03T04:00:20Z|2023-09-01|9|5|null|null|" + HT
                + "|1:1|[media_type, like_count, comments_count, caption, media_url, permalink]",
            "crawl|mom_kim|3183|null|null|mom_kim|CAROUSEL_ALBUM|FEED|120|4|2023-09-02T12:00:03Z|null|2023-09-02|21|6|null|null|instaloader/chanel/2023-09-02_12-00-03_UTC.json|1|[media_url, permalink]",
            "crawl|mom_lee|3184|null|null|mom_lee|VIDEO|REELS|30|2|2023-09-03T00:00:00Z|null|2023-09-03|9|7|null|null|instaloader/mom_lee/2023-09-03_00-00-00_UTC.json|1|[media_url, permalink]",
            "hashtag|chanel|h1|chanel|샤넬|null|CAROUSEL_ALBUM|FEED|9|1|2023-09-02T12:00:03Z|2023-09-03T06:00:00Z|2023-09-02|21|6|null|null|" + GZ + "|1:0|[]",
            "hashtag|chanel|h3|chanel|chanel|null|IMAGE|FEED|1|0|2023-09-03T10:00:00Z|2023-09-03T06:00:00Z|2023-09-03|19|7|null|null|" + GZ + "|2:0|[]");
    p.run().waitUntilFinish();
  }

  @Test
  public void captionsUrlsAndPermalinksAreKeptOrDefaulted() {
    LandingResult result = parse();
    PAssert.that(
            result.media().apply(
                MapElements.into(TypeDescriptors.strings())
                    .via((Media m) -> m.getMediaId() + "|" + m.getCaption() + "|" + m.getMediaUrl() + "|" + m.getPermalink())))
        .containsInAnyOrder(
            "m1|hello #샤넬|https://u/m1|https://p/m1",
            "m2||null|null",
            "d1||https://u/d1|https://p/d1",
            "h1|#샤넬 최고|https://u/h1|https://p/h1",
            "h2||null|null",
            "3183|육아일기 #육아|null|null", // Instaloader: SPEC §1b reads no url/permalink
            "3184|오늘의 육아|null|null",
            "h1|#샤넬 최고|https://u/h1|https://p/h1",
            "h3|c|u|p");
    p.run().waitUntilFinish();
  }

  @Test
  public void validProfilesAreSnapshotsOfTheirCollectionDay() {
    LandingResult result = parse();
    PAssert.that(result.profiles().apply(MapElements.into(TypeDescriptors.strings()).via(LandingFixtures::describe)))
        .containsInAnyOrder(
            "chanel|178|chanelofficial|CHANEL|1000|5|10|2023-09-03T04:00:15Z|2023-09-03|" + BD + "|1|[]",
            // 15:00 UTC is already the next day in Seoul.
            "prada|null|prada|null|0|null|null|2023-09-02T15:00:00Z|2023-09-03|" + BD + "|4|[follows_count, media_count, name]");
    p.run().waitUntilFinish();
  }

  @Test
  public void everyRejectedItemHasItsPositionAndAllItsReasons() {
    LandingResult result = parse();
    PAssert.that(LandingFixtures.describeRejected(result.rejected()))
        .containsInAnyOrder(
            RUN + "|file|" + GZ + "|0|[unreadable:file]",
            RUN + "|file|" + XZ + "|0|[unreadable:file]",
            RUN + "|envelope|" + BD + "|5|[malformed:json]",
            RUN + "|envelope|" + BD + "|7|[invalid:kind]",
            RUN + "|envelope|" + BD + "|8|[missing:brand, invalid:collected_at]",
            RUN + "|envelope|" + BD + "|9|[api_error:4]",
            RUN + "|envelope|" + BD + "|10|[malformed:json]",
            RUN + "|envelope|" + BD + "|11|[missing:response]",
            RUN + "|envelope|" + BD + "|12|[malformed:json]",
            RUN + "|envelope|" + HT + "|2|[invalid:response]",
            RUN + "|profile|" + BD + "|2|[missing:username, invalid:followers_count]",
            RUN + "|profile|" + BD + "|3|[missing:followers_count]",
            RUN + "|media|" + BD + "|1:2|[missing:id, invalid:timestamp, invalid:media_type, invalid:media_product_type, invalid:like_count, invalid:comments_count]",
            RUN + "|media|" + BD + "|1:3|[missing:timestamp, invalid:like_count]",
            RUN + "|media|" + BD + "|1:4|[missing:timestamp]",
            RUN + "|media|" + BD + "|1:5|[missing:id, invalid:comments_count]",
            RUN + "|media|instaloader/broken.json|1|[malformed:json]",
            RUN + "|media|instaloader/bad_post.json|1|[missing:id, invalid:timestamp, invalid:media_type, invalid:like_count, missing:username]");
    p.run().waitUntilFinish();
  }

  @Test
  public void rejectedItemsKeepTheirRawTextAndProcessingTime() {
    Instant before = Instant.now();
    LandingResult result = parse();
    PAssert.that(result.rejected())
        .satisfies(
            items -> {
              Map<String, String> raw = new HashMap<>();
              for (RejectedItem item : items) {
                assertTrue(
                    !item.getRejectedAt().isBefore(before) && !item.getRejectedAt().isAfter(Instant.now()),
                    "rejected_at is processing time: " + item.getRejectedAt());
                raw.put(item.getModel() + "|" + item.getSourceFile() + "|" + item.getPosition(), item.getRaw());
              }
              assertEquals("not json", raw.get("envelope|" + BD + "|5"));
              assertEquals("{\"a\":1} trailing", raw.get("envelope|" + BD + "|12"));
              // A media item's raw text is the item, not its whole envelope.
              assertEquals("{\"id\":\"m4\",\"like_count\":12.5}", raw.get("media|" + BD + "|1:3"));
              // A profile's raw text leaves out its media list (those are items of their own).
              assertEquals(
                  "{\"followers_count\":\"1000\"}", raw.get("profile|" + BD + "|2"));
              assertEquals("{\"node\": {\n", raw.get("media|instaloader/broken.json|1"));
              assertTrue(raw.get("file|" + GZ + "|0").contains("EOFException"), raw.get("file|" + GZ + "|0"));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void qualityCountsAddUpPerModel() {
    LandingResult result = parse();
    PAssert.that(result.quality())
        .containsInAnyOrder(
            // file: 9 landing files (the .tmp and .txt files are not landing input)
            QualityCount.of("file", "read", 9),
            QualityCount.of("file", "valid", 7),
            QualityCount.of("file", "rejected", 2),
            QualityCount.of("file", "rejected_by_reason", "unreadable:file", 2),
            QualityCount.of("file", "skipped", "node_type", 1),
            // envelope: 11 non-blank lines (line 6 is blank) + 2 + the 2 complete lines of the
            // truncated gzip
            QualityCount.of("envelope", "read", 15),
            QualityCount.of("envelope", "valid", 7),
            QualityCount.of("envelope", "rejected", 8),
            QualityCount.of("envelope", "rejected_by_reason", "malformed:json", 3),
            QualityCount.of("envelope", "rejected_by_reason", "invalid:kind", 1),
            QualityCount.of("envelope", "rejected_by_reason", "missing:brand", 1),
            QualityCount.of("envelope", "rejected_by_reason", "invalid:collected_at", 1),
            QualityCount.of("envelope", "rejected_by_reason", "api_error:4", 1),
            QualityCount.of("envelope", "rejected_by_reason", "missing:response", 1),
            QualityCount.of("envelope", "rejected_by_reason", "invalid:response", 1),
            QualityCount.of("envelope", "skipped", "blank_line", 1),
            // profile
            QualityCount.of("profile", "read", 4),
            QualityCount.of("profile", "valid", 2),
            QualityCount.of("profile", "rejected", 2),
            QualityCount.of("profile", "rejected_by_reason", "missing:username", 1),
            QualityCount.of("profile", "rejected_by_reason", "invalid:followers_count", 1),
            QualityCount.of("profile", "rejected_by_reason", "missing:followers_count", 1),
            QualityCount.of("profile", "defaulted", "follows_count", 1),
            QualityCount.of("profile", "defaulted", "media_count", 1),
            QualityCount.of("profile", "defaulted", "name", 1),
            // media
            QualityCount.of("media", "read", 15),
            QualityCount.of("media", "valid", 9),
            QualityCount.of("media", "rejected", 6),
            QualityCount.of("media", "rejected_by_reason", "missing:id", 3),
            QualityCount.of("media", "rejected_by_reason", "missing:timestamp", 2),
            QualityCount.of("media", "rejected_by_reason", "invalid:timestamp", 2),
            QualityCount.of("media", "rejected_by_reason", "invalid:media_type", 2),
            QualityCount.of("media", "rejected_by_reason", "invalid:media_product_type", 1),
            QualityCount.of("media", "rejected_by_reason", "invalid:like_count", 3),
            QualityCount.of("media", "rejected_by_reason", "invalid:comments_count", 2),
            QualityCount.of("media", "rejected_by_reason", "malformed:json", 1),
            QualityCount.of("media", "rejected_by_reason", "missing:username", 1),
            QualityCount.of("media", "defaulted", "media_type", 2),
            QualityCount.of("media", "defaulted", "media_product_type", 2),
            QualityCount.of("media", "defaulted", "like_count", 2),
            QualityCount.of("media", "defaulted", "comments_count", 2),
            QualityCount.of("media", "defaulted", "caption", 2),
            QualityCount.of("media", "defaulted", "media_url", 4),
            QualityCount.of("media", "defaulted", "permalink", 4));
    p.run().waitUntilFinish();
  }

  /** The invariant of SPEC §2, checked on the data rather than on hand-written numbers. */
  @Test
  public void readIsValidPlusRejectedForEveryModel() {
    LandingResult result = parse();
    PAssert.that(result.quality())
        .satisfies(
            counts -> {
              Map<String, Long> byKey = new HashMap<>();
              for (QualityCount c : counts) {
                byKey.put(c.model + "/" + c.metric + "/" + c.field, c.value);
              }
              List<String> models = new ArrayList<>(List.of("file", "envelope", "media", "profile"));
              for (String model : models) {
                long read = byKey.get(model + "/read/");
                long valid = byKey.get(model + "/valid/");
                long rejected = byKey.get(model + "/rejected/");
                assertTrue(read > 0, model + " read something");
                assertTrue(rejected > 0, model + " rejected something");
                assertEquals(read, valid + rejected, model + ": read = valid + rejected");
              }
              return null;
            });
    PAssert.that(result.rejected().apply(MapElements.into(TypeDescriptors.strings()).via(RejectedItem::getModel)))
        .satisfies(
            models -> {
              Map<String, Long> perModel = new HashMap<>();
              models.forEach(m -> perModel.merge(m, 1L, Long::sum));
              // dead letters per model = rejected count per model
              assertEquals(Long.valueOf(2), perModel.get("file"));
              assertEquals(Long.valueOf(8), perModel.get("envelope"));
              assertEquals(Long.valueOf(2), perModel.get("profile"));
              assertEquals(Long.valueOf(6), perModel.get("media"));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void beamCountersMirrorTheQualityCounts() {
    parse();
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(15L, counter(run, "media.read"));
    assertEquals(9L, counter(run, "media.valid"));
    assertEquals(3L, counter(run, "media.rejected_by_reason.missing:id"));
    assertEquals(4L, counter(run, "media.defaulted.media_url"));
    assertEquals(2L, counter(run, "file.rejected_by_reason.unreadable:file"));
    assertEquals(1L, counter(run, "file.skipped.node_type"));
    assertEquals(1L, counter(run, "envelope.rejected_by_reason.api_error:4"));
    assertEquals(4L, counter(run, "profile.read"));
  }

  private static long counter(PipelineResult run, String name) {
    return Counters.attempted(run, QualityCount.COUNTER_NAMESPACE, name);
  }

  @Test
  public void anEmptyLandingZoneStillReportsZeroCounts() throws Exception {
    landing = Files.createDirectory(tmp.resolve("empty"));
    LandingResult result = parse();
    PAssert.that(result.media()).empty();
    PAssert.that(result.rejected()).empty();
    List<QualityCount> zeros = new ArrayList<>();
    for (String model : List.of("file", "envelope", "media", "profile")) {
      for (String metric : List.of("read", "valid", "rejected")) {
        zeros.add(QualityCount.of(model, metric, 0));
      }
    }
    PAssert.that(result.quality()).containsInAnyOrder(zeros);
    p.run().waitUntilFinish();
  }
}
