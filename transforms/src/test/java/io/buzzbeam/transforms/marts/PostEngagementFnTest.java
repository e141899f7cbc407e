package io.buzzbeam.transforms.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

class PostEngagementFnTest {

  private final PostEngagementFn fn = new PostEngagementFn();

  private PostEngagement combine(List<KV<String, Double>> first, List<KV<String, Double>> second) {
    Map<String, Double> a = fn.createAccumulator();
    first.forEach(kv -> fn.addInput(a, kv));
    Map<String, Double> b = fn.createAccumulator();
    second.forEach(kv -> fn.addInput(b, kv));
    return fn.extractOutput(fn.mergeAccumulators(List.of(a, b)));
  }

  @Test
  void postsCountDistinctMediaAndTheMeanSkipsNulls() {
    // m1 25.0, m2 hidden likes (null), m3 12.5, m1 again → 3 posts, mean (25 + 12.5) / 2 = 18.75.
    PostEngagement stats =
        combine(
            List.of(KV.of("m1", 25.0), KV.of("m2", null)),
            List.of(KV.of("m3", 12.5), KV.of("m1", 25.0)));
    assertEquals(new PostEngagement(3, 18.75), stats);
  }

  @Test
  void noRateGivesANullMean() {
    PostEngagement stats = combine(List.of(KV.of("m1", null)), List.of());
    assertEquals(1, stats.posts());
    assertNull(stats.avgEngagementRate());
  }

  @Test
  void theMeanDoesNotDependOnMergeOrder() {
    // Summed left to right in doubles, 0.1 + 0.2 + 0.3 = 0.6000000000000001 but 0.3 + 0.2 + 0.1 =
    // 0.6; the exact sum gives one answer: 0.6 / 3 = 0.2 (as the nearest double).
    Double forward = PostEngagementFn.mean(Arrays.asList(0.1, 0.2, 0.3));
    Double backward = PostEngagementFn.mean(Arrays.asList(0.3, 0.2, 0.1));
    assertEquals(forward, backward);
    assertEquals(0.2, forward);
    assertNull(PostEngagementFn.mean(Arrays.asList((Double) null)));
  }
}
