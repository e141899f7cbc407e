package io.buzzbeam.transforms.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class QualityTallyTest {

  private static List<String> shown(List<QualityCount> counts) {
    return counts.stream().map(c -> c.model + "/" + c.metric + "/" + c.field + "=" + c.value).collect(Collectors.toList());
  }

  @Test
  void sumsPerModelMetricAndFieldUntilDrained() {
    QualityTally tally = new QualityTally();
    tally.add("media", "read", "", 1);
    tally.add("media", "valid", "", 1);
    tally.add("media", "read", "", 1);
    tally.add("media", "defaulted", "caption", 1);
    tally.add("media", "defaulted", "like_count", 2);
    tally.add("envelope", "read", "", 1);
    tally.add("media", "defaulted", "caption", 3);
    // Same field name under another metric or model is another sum.
    assertEquals(
        List.of("media/read/=2", "media/valid/=1", "media/defaulted/caption=4", "media/defaulted/like_count=2", "envelope/read/=1"),
        shown(tally.drain()));
    assertEquals(List.of(), tally.drain());
    tally.add("media", "read", "", 5);
    assertEquals(List.of("media/read/=5"), shown(tally.drain()));
  }
}
