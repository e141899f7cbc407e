package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.QualityCountCoder;
import io.buzzbeam.transforms.quality.SumQualityCounts;
import io.buzzbeam.transforms.testing.TestPipelineExtension;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A record whose parse throws becomes one {@code failed:parse} dead letter; the records beside it
 * are parsed as usual. The reader never makes a record without text: that is what makes this
 * parse throw (Jackson refuses a null input) without a fault injected into our own code.
 */
@ExtendWith(TestPipelineExtension.class)
public class ParseRecordsFnTest {

  final transient TestPipeline p = TestPipeline.create();

  @Test
  public void aParseThatThrowsIsADeadLetterNotAFailedBundle() {
    String good =
        "{\"kind\":\"hashtag_recent_media\",\"brand\":\"chanel\",\"collected_at\":\"2023-09-03T04:00:00Z\","
            + "\"response\":{\"data\":[]}}";
    PCollectionTuple parsed =
        p.apply(
                Create.of(
                        new RawRecord("graph/a.jsonl", 1, RawRecord.FORMAT_ENVELOPE, null),
                        new RawRecord("graph/a.jsonl", 2, RawRecord.FORMAT_ENVELOPE, good),
                        new RawRecord("insta/p.json", 1, RawRecord.FORMAT_INSTALOADER, null))
                    .withCoder(SerializableCoder.of(RawRecord.class)))
            .apply(
                ParseRecordsFn.toLandingResultTags("Asia/Seoul", "r", false));
    parsed.get(LandingResult.MEDIA).setCoder(AvroCoder.specific(Media.class));
    parsed.get(LandingResult.PROFILES).setCoder(AvroCoder.specific(ProfileSnapshot.class));
    parsed.get(LandingResult.REJECTED).setCoder(AvroCoder.specific(RejectedItem.class));
    parsed.get(LandingResult.QUALITY).setCoder(QualityCountCoder.of(p));

    PAssert.that(LandingFixtures.describeRejected(parsed.get(LandingResult.REJECTED)))
        .containsInAnyOrder(
            "r|envelope|graph/a.jsonl|1|[failed:parse]", "r|media|insta/p.json|1|[failed:parse]");
    // The envelope "read" the failed parse had counted before throwing is not counted twice.
    PAssert.that(parsed.get(LandingResult.QUALITY).apply(SumQualityCounts.create()))
        .containsInAnyOrder(
            QualityCount.of("envelope", "read", 2),
            QualityCount.of("envelope", "valid", 1),
            QualityCount.of("envelope", "rejected", 1),
            QualityCount.of("envelope", "rejected_by_reason", "failed:parse", 1),
            QualityCount.of("media", "read", 1),
            QualityCount.of("media", "rejected", 1),
            QualityCount.of("media", "rejected_by_reason", "failed:parse", 1));
    p.run().waitUntilFinish();
  }
}
