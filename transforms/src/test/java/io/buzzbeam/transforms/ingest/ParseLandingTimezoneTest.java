package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.Media;
import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compressed files end to end, and {@code --timezone}: the same instants fall on other local
 * days, hours and weekdays in another zone.
 */
@ExtendWith(TestPipelineExtension.class)
public class ParseLandingTimezoneTest {

  final transient TestPipeline p = TestPipeline.create();
  @TempDir transient Path tmp;

  private Path landing;

  @BeforeEach
  public void buildLanding() throws Exception {
    landing = Files.createDirectory(tmp.resolve("landing"));
    String envelope =
        "{\"kind\":\"hashtag_recent_media\",\"brand\":\"chanel\",\"hashtag\":\"샤넬\","
            + "\"collected_at\":\"2023-09-03T04:00:15+0000\",\"response\":{\"data\":["
            + "{\"id\":\"a\",\"timestamp\":\"2023-09-02T14:59:59+0000\"},"
            + "{\"id\":\"b\",\"timestamp\":\"2023-09-02T15:00:00+0000\"}]}}\n";
    LandingFixtures.writeGzip(
        landing.resolve("graph/dt=2023-09-03/hashtag_recent_media_040015.jsonl.gz"), envelope, false);
    // Logged-in Instaloader shape, xz-compressed as Instaloader writes it with --compress-json.
    String post =
        "{\"node\":{\"id\":\"c\",\"date\":1693839600,\"caption\":\"hi\",\"comments\":0,"
            + "\"likes\":3,\"owner\":{\"username\":\"mom_kim\",\"full_name\":\"Kim\"},"
            + "\"__typename\":\"GraphImage\"},\"instaloader\":{\"node_type\":\"Post\",\"version\":\"4.10\"}}";
    LandingFixtures.writeXz(landing.resolve("instaloader/mom_kim/2023-09-04_15-00-00_UTC.json.xz"), post);
  }

  @Test
  public void seoulDaysStartAtFifteenUtc() {
    PAssert.that(localTimes("Asia/Seoul"))
        .containsInAnyOrder(
            "a|2023-09-02|23|6", "b|2023-09-03|0|7", "c|2023-09-05|0|2");
    p.run().waitUntilFinish();
  }

  @Test
  public void utcDaysStartAtMidnightUtc() {
    PAssert.that(localTimes("UTC"))
        .containsInAnyOrder(
            "a|2023-09-02|14|6", "b|2023-09-02|15|6", "c|2023-09-04|15|1");
    p.run().waitUntilFinish();
  }

  private org.apache.beam.sdk.values.PCollection<String> localTimes(String zone) {
    return p.apply(
            "ParseLanding",
            ParseLanding.from(landing.toString()).withTimezone(zone).withRunId("tz"))
        .media()
        .apply(
            "DescribeLocalTime",
            MapElements.into(TypeDescriptors.strings())
                .via((Media m) -> m.getMediaId() + "|" + m.getDay() + "|" + m.getHour() + "|" + m.getWeekday()));
  }
}
