package io.buzzbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.transforms.quality.QualityCount;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC §7 rev. 2: the gate counts items (media, profiles, rejected envelopes and files), each once. */
class RejectRatioGateTest {

  private static Map<String, Long> totals(Object... keyAndValue) {
    Map<String, Long> m = new HashMap<>();
    for (int i = 0; i < keyAndValue.length; i += 2) {
      m.put((String) keyAndValue[i], ((Number) keyAndValue[i + 1]).longValue());
    }
    return m;
  }

  @Test
  void tenInstaloaderFilesWhosePostsAllLackAnIdAreTenRejectedItemsOutOfTen() {
    // 10 files read and valid (containers), 10 media read, all rejected (missing:id).
    Map<String, Long> t =
        totals("file.read", 10, "file.valid", 10, "file.rejected", 0, "media.read", 10, "media.rejected", 10);
    assertArrayEquals(new long[] {10, 10}, RejectRatioGate.items(k -> t.getOrDefault(k, 0L)));
    // 10 of 10 > 0.5; the old count (containers as items: 10 of 20) let it through.
    assertFalse(RejectRatioGate.decide(k -> t.getOrDefault(k, 0L), 0.5));
  }

  @Test
  void rejectedContainersCountAsItemsOnBothSides() {
    // 2 unreadable files and 3 rejected envelopes carry data we lost: 5 rejected items of their own.
    Map<String, Long> t =
        totals(
            "file.read", 7, "file.rejected", 2,
            "envelope.read", 20, "envelope.valid", 17, "envelope.rejected", 3,
            "media.read", 40, "media.rejected", 4,
            "profile.read", 5, "profile.rejected", 1);
    // read = 40 + 5 + 3 + 2 = 50; rejected = 4 + 1 + 3 + 2 = 10
    assertArrayEquals(new long[] {50, 10}, RejectRatioGate.items(k -> t.getOrDefault(k, 0L)));
    assertTrue(RejectRatioGate.decide(k -> t.getOrDefault(k, 0L), 0.2)); // 10 <= 0.2 * 50
    assertFalse(RejectRatioGate.decide(k -> t.getOrDefault(k, 0L), 0.19)); // 10 > 9.5
  }

  @Test
  void anEmptyRunIsOpen() {
    assertTrue(RejectRatioGate.decide(k -> 0L, 0.0));
  }

  @Test
  void theInPipelineCombineAppliesTheSameRuleToQualityCounts() {
    RejectRatioGate.GateFn fn = new RejectRatioGate.GateFn(0.5);
    HashMap<String, Long> a = fn.createAccumulator();
    for (QualityCount q :
        List.of(
            new QualityCount(QualityCount.MODEL_FILE, QualityCount.READ, "", 10),
            new QualityCount(QualityCount.MODEL_FILE, QualityCount.VALID, "", 10),
            new QualityCount(QualityCount.MODEL_MEDIA, QualityCount.READ, "", 6),
            // by-reason counts carry a field and must not be added to the totals
            new QualityCount(QualityCount.MODEL_MEDIA, QualityCount.REJECTED_BY_REASON, "missing:id", 4))) {
      a = fn.addInput(a, q);
    }
    HashMap<String, Long> b = fn.createAccumulator();
    b = fn.addInput(b, new QualityCount(QualityCount.MODEL_MEDIA, QualityCount.READ, "", 4));
    b = fn.addInput(b, new QualityCount(QualityCount.MODEL_MEDIA, QualityCount.REJECTED, "", 4));
    HashMap<String, Long> merged = fn.mergeAccumulators(List.of(a, b));
    // 4 of 10 media rejected: open at 0.5, closed at 0.3
    assertTrue(fn.extractOutput(merged));
    assertFalse(new RejectRatioGate.GateFn(0.3).extractOutput(merged));
  }
}
