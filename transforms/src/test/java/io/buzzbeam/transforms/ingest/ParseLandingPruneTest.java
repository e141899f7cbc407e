package io.buzzbeam.transforms.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.testing.Counters;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --from=2023-08-30} in Asia/Seoul (the window starts at 2023-08-29T15:00Z): the files
 * dated before it are not opened. Each of them holds garbage that would be a dead letter if it
 * were read, so that "not opened" shows in the output.
 */
public class ParseLandingPruneTest extends LandingZoneTest {

  private static final String RUN = "run-prune";

  @BeforeEach
  public void buildLanding() throws Exception {
    // Pruned: the UTC day 08-28 (plus the pass grace) ends before the window starts.
    LandingFixtures.write(landing.resolve("graph/dt=2023-08-28/business_discovery_230015.jsonl"), "not json\n");
    Files.write(
        landing.resolve("graph/dt=2023-08-28/hashtag_recent_media_230020.jsonl.gz"),
        new byte[] {1, 2, 3, 4});
    // Pruned: posted 2023-08-29T14:59:59Z, one second before the window.
    LandingFixtures.write(landing.resolve("instaloader/mom_kim/2023-08-29_14-59-59_UTC.json"), "{");

    // The time-zone edge: UTC day 08-29 runs into the window (15:00Z = Seoul 08-30 00:00).
    LandingFixtures.write(
        landing.resolve("graph/dt=2023-08-29/hashtag_recent_media_150020.jsonl"),
        "{\"kind\":\"hashtag_recent_media\",\"brand\":\"chanel\",\"hashtag\":\"샤넬\","
            + "\"collected_at\":\"2023-08-29T15:00:20Z\",\"response\":{\"data\":["
            + "{\"id\":\"edge\",\"timestamp\":\"2023-08-29T15:00:03+0000\"}]}}\n");
    // Unpartitioned: read whatever it holds (its media is old; the window filter drops it later).
    LandingFixtures.write(
        landing.resolve("graph/hashtag_top_media_030000.jsonl"),
        "{\"kind\":\"hashtag_top_media\",\"brand\":\"chanel\",\"hashtag\":\"chanel\","
            + "\"collected_at\":\"2023-08-01T03:00:00Z\",\"response\":{\"data\":["
            + "{\"id\":\"old\",\"timestamp\":\"2023-08-01T02:00:00+0000\"}]}}\n");
    // Posted exactly at the window start (1693321200 = 2023-08-29T15:00:00Z): read.
    LandingFixtures.write(landing.resolve("instaloader/mom_kim/2023-08-29_15-00-00_UTC.json"), post("3190", 1693321200L));
    // Another name says nothing about the date: read (1690858800 = 2023-08-01T03:00:00Z).
    LandingFixtures.write(landing.resolve("instaloader/mom_diary/mom_diary_55.json"), post("3191", 1690858800L));
  }

  private static String post(String id, long date) {
    return "{\"node\":{\"id\":\"" + id + "\",\"date\":" + date + ",\"caption\":\"hi\",\"comments\":0,"
        + "\"like_count\":1,\"owner\":{\"username\":\"mom_kim\"},\"__typename\":\"GraphImage\"},"
        + "\"instaloader\":{\"node_type\":\"Post\",\"version\":\"4.10\"}}";
  }

  private LandingResult parse(boolean withFrom) {
    ParseLanding parse = ParseLanding.from(landing.toString()).withTimezone("Asia/Seoul").withRunId(RUN);
    if (withFrom) {
      parse = parse.prunedBefore(LandingPrune.windowStart("2023-08-30", "Asia/Seoul"));
    }
    return p.apply("ParseLanding", parse);
  }

  @Test
  public void filesDatedBeforeTheWindowAreNotOpenedButCounted() {
    LandingResult result = parse(true);
    // The garbage of the three pruned files would have been three dead letters.
    PAssert.that(result.rejected()).empty();
    PAssert.that(result.media().apply(MapElements.into(TypeDescriptors.strings()).via(m -> m.getMediaId())))
        .containsInAnyOrder("edge", "old", "3190", "3191");
    PAssert.that(result.quality())
        .containsInAnyOrder(
            // 7 files: 3 pruned (not read), 4 read
            QualityCount.of("file", "read", 4),
            QualityCount.of("file", "valid", 4),
            QualityCount.of("file", "rejected", 0),
            QualityCount.of("file", "pruned", 3),
            QualityCount.of("envelope", "read", 2),
            QualityCount.of("envelope", "valid", 2),
            QualityCount.of("envelope", "rejected", 0),
            QualityCount.of("media", "read", 4),
            QualityCount.of("media", "valid", 4),
            QualityCount.of("media", "rejected", 0),
            // edge and old: no media_type, product type, likes, comments, caption, url, permalink
            QualityCount.of("media", "defaulted", "media_type", 2),
            QualityCount.of("media", "defaulted", "media_product_type", 4),
            QualityCount.of("media", "defaulted", "like_count", 2),
            QualityCount.of("media", "defaulted", "comments_count", 2),
            QualityCount.of("media", "defaulted", "caption", 2),
            QualityCount.of("media", "defaulted", "media_url", 4),
            QualityCount.of("media", "defaulted", "permalink", 4),
            QualityCount.of("profile", "read", 0),
            QualityCount.of("profile", "valid", 0),
            QualityCount.of("profile", "rejected", 0));
    PipelineResult run = p.run();
    run.waitUntilFinish();
    // The Beam counter the run report prints ("files pruned by --from").
    assertEquals(3L, Counters.attempted(run, QualityCount.COUNTER_NAMESPACE, "file.pruned"));
  }

  @Test
  public void withoutFromEveryFileIsOpened() {
    LandingResult result = parse(false);
    PAssert.that(
            result
                .rejected()
                .apply("DescribeRejected", MapElements.into(TypeDescriptors.strings()).via(LandingFixtures::describe)))
        .containsInAnyOrder(
            RUN + "|envelope|graph/dt=2023-08-28/business_discovery_230015.jsonl|1|[malformed:json]",
            RUN + "|file|graph/dt=2023-08-28/hashtag_recent_media_230020.jsonl.gz|0|[unreadable:file]",
            RUN + "|media|instaloader/mom_kim/2023-08-29_14-59-59_UTC.json|1|[malformed:json]");
    PAssert.that(
            result
                .quality()
                .apply(
                    "DescribeQuality",
                    MapElements.into(TypeDescriptors.strings())
                        .via(c -> c.model + "/" + c.metric + "/" + c.field + "=" + c.value)))
        .satisfies(
            counts -> {
              Set<String> all = new HashSet<>();
              counts.forEach(all::add);
              assertTrue(all.contains("file/read/=7"), all.toString());
              assertTrue(all.contains("file/rejected/=1"), all.toString());
              assertFalse(all.stream().anyMatch(c -> c.startsWith("file/pruned/")), all.toString());
              return null;
            });
    p.run().waitUntilFinish();
  }
}
