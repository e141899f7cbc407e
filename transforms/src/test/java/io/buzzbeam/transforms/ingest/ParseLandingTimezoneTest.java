package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.Media;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compressed files end to end, and {@code --timezone}: the same instants fall on other local
 * days, hours and weekdays in another zone.
 */
public class ParseLandingTimezoneTest extends LandingZoneTest {

  @BeforeEach
  public void buildLanding() throws Exception {
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
    assertLocalTimes("Asia/Seoul", "a|2023-09-02|23|6", "b|2023-09-03|0|7", "c|2023-09-05|0|2");
  }

  @Test
  public void utcDaysStartAtMidnightUtc() {
    assertLocalTimes("UTC", "a|2023-09-02|14|6", "b|2023-09-02|15|6", "c|2023-09-04|15|1");
  }

  /** Runs the pipeline: the media parsed in {@code zone} are {@code expected} (id|day|hour|weekday). */
  private void assertLocalTimes(String zone, String... expected) {
    PAssert.that(localTimes(zone)).containsInAnyOrder(expected);
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
