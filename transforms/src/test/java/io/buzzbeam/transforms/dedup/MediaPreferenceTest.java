package io.buzzbeam.transforms.dedup;

import static io.buzzbeam.transforms.dedup.TestRecords.media;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.buzzbeam.model.Media;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Max;
import org.junit.jupiter.api.Test;

/** The pick ({@code Max} by the preference) must not depend on arrival order, or runners would disagree. */
class MediaPreferenceTest {

  private final Combine.BinaryCombineFn<Media> keep = Max.of(new MediaPreference());

  @Test
  void thePickIsTheSameInEveryOrder() {
    List<Media> snapshots =
        new ArrayList<>(
            List.of(
                media("crawl", "k", "1", null, 12L, 3, "b.json", "1"),
                media("crawl", "k", "1", null, 12L, 3, "a.json", "1"),
                media("crawl", "k", "1", null, 12L, 2, "c.json", "1"),
                media("crawl", "k", "1", null, null, 40, "d.json", "1"),
                media("crawl", "k", "1", null, 11L, 90, "e.json", "1")));
    Media expected = snapshots.get(0);
    Random random = new Random(7);
    for (int round = 0; round < 50; round++) {
      Collections.shuffle(snapshots, random);
      Media kept = snapshots.get(0);
      for (Media m : snapshots.subList(1, snapshots.size())) {
        kept = random.nextBoolean() ? keep.apply(kept, m) : keep.apply(m, kept);
      }
      assertSame(expected, kept);
    }
  }

  @Test
  void positionsCompareNumerically() {
    assertEquals(-1, Integer.signum(Positions.compare("9", "12")));
    assertEquals(-1, Integer.signum(Positions.compare("12:2", "12:10")));
    assertEquals(-1, Integer.signum(Positions.compare("12", "12:0")));
    assertEquals(0, Positions.compare("12:3", "12:3"));
  }
}
