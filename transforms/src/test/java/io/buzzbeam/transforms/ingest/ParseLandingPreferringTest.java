package io.buzzbeam.transforms.ingest;

import io.buzzbeam.transforms.dedup.DeduplicateMedia;
import io.buzzbeam.transforms.quality.QualityCount;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ParseLanding#preferringWithinBundles}: de-duplicating inside the parsing step changes what
 * travels, not what comes out of {@link DeduplicateMedia}, nor any quality count.
 */
class ParseLandingPreferringTest {

  private static String envelope(String collectedAt, long likes) {
    return "{\"kind\":\"business_discovery\",\"brand\":\"chanel\",\"collected_at\":\"" + collectedAt + "\","
        + "\"response\":{\"business_discovery\":{\"id\":\"1\",\"username\":\"chanelofficial\",\"followers_count\":100,"
        + "\"media\":{\"data\":["
        + "{\"id\":\"m1\",\"timestamp\":\"2023-09-02T00:00:00+0000\",\"like_count\":" + likes + ",\"comments_count\":1},"
        + "{\"id\":\"m2\",\"timestamp\":\"2023-09-02T01:00:00+0000\",\"like_count\":3,\"comments_count\":0}]}}}}";
  }

  @Test
  void sameMediaAndCountsAsWithout(@TempDir Path landing) throws Exception {
    // Three polls of m1 and m2, two in one file: the 06:00 poll of m1 (likes 9) must win.
    LandingFixtures.write(
        landing.resolve("graph/dt=2023-09-03/business_discovery_040000.jsonl"),
        envelope("2023-09-03T04:00:00Z", 5) + "\n" + envelope("2023-09-03T06:00:00Z", 9) + "\n");
    LandingFixtures.write(
        landing.resolve("graph/dt=2023-09-03/business_discovery_050000.jsonl"), envelope("2023-09-03T05:00:00Z", 7) + "\n");

    for (boolean prefer : new boolean[] {false, true}) {
      Pipeline p = Pipeline.create(PipelineOptionsFactory.create());
      ParseLanding parse = ParseLanding.from(landing.toString()).withTimezone("Asia/Seoul").withRunId("r");
      LandingResult result = p.apply("ParseLanding", prefer ? parse.preferringWithinBundles() : parse);
      PAssert.that(
              result
                  .media()
                  .apply("Dedup", DeduplicateMedia.create())
                  .apply("Describe", MapElements.into(TypeDescriptors.strings())
                      .via(m -> m.getMediaId() + "|" + m.getLikeCount() + "|" + m.getCollectedAt())))
          .containsInAnyOrder("m1|9|2023-09-03T06:00:00Z", "m2|3|2023-09-03T06:00:00Z");
      // Six media items were read and are valid whether or not they travel as six.
      PAssert.that(
              result
                  .quality()
                  .apply("MediaReadAndValid", Filter.by((QualityCount q) -> q.model.equals(QualityCount.MODEL_MEDIA) && q.field.isEmpty()))
                  .apply("Show", MapElements.into(TypeDescriptors.strings()).via(q -> q.metric + "=" + q.value)))
          .containsInAnyOrder("read=6", "valid=6", "rejected=0");
      p.run().waitUntilFinish();
    }
  }
}
