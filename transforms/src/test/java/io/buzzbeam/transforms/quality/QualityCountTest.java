package io.buzzbeam.transforms.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class QualityCountTest {

  @Test
  void counterNamesFollowTheVocabulary() {
    assertEquals("media.read", QualityCount.of("media", "read", 3).counterName());
    assertEquals(
        "media.rejected_by_reason.missing:id",
        QualityCount.of("media", "rejected_by_reason", "missing:id", 1).counterName());
    assertEquals(
        "media.defaulted.like_count", QualityCount.of("media", "defaulted", "like_count", 1).counterName());
  }

  @Test
  void valueSemantics() {
    QualityCount a = QualityCount.of("file", "skipped", "node_type", 2);
    assertEquals(a, QualityCount.of("file", "skipped", "node_type", 2));
    assertEquals(a.hashCode(), QualityCount.of("file", "skipped", "node_type", 2).hashCode());
    assertNotEquals(a, QualityCount.of("file", "skipped", "node_type", 3));
    assertNotEquals(a, QualityCount.of("file", "skipped", "", 2));
    assertEquals("", QualityCount.of("media", "read", null, 1).field);
    assertEquals("file/skipped/node_type=2", a.toString());
  }

  @Test
  void theSchemaCoderRoundTrips() throws Exception {
    Coder<QualityCount> coder = QualityCountCoder.of(Pipeline.create(PipelineOptionsFactory.create()));
    QualityCount count = QualityCount.of("envelope", "rejected_by_reason", "api_error:4", 12);
    assertEquals(count, CoderUtils.clone(coder, count));
  }
}
