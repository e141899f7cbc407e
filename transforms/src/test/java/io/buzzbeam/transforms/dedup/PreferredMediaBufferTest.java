package io.buzzbeam.transforms.dedup;

import static io.buzzbeam.transforms.dedup.TestRecords.media;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.model.Media;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PreferredMediaBufferTest {

  private static List<String> ids(List<Media> media) {
    return media.stream()
        .sorted(Comparator.comparing(DeduplicateMedia::keyOf))
        .map(m -> m.getSource() + "|" + m.getScope() + "|" + m.getMediaId() + "|" + m.getCollectedAt() + "|" + m.getSourceFile())
        .collect(Collectors.toList());
  }

  @Test
  void keepsThePreferredSnapshotPerKeyInAnyOrder() {
    Media early = media("brand", "chanel", "m1", "2023-09-03T04:00:00Z", 7L, 1, "a.jsonl", "1:0");
    Media late = media("brand", "chanel", "m1", "2023-09-03T05:00:00Z", 5L, 1, "b.jsonl", "1:0");
    Media other = media("hashtag", "chanel", "m1", "2023-09-03T04:00:00Z", 7L, 1, "c.jsonl", "1:0");
    for (List<Media> order : List.of(List.of(early, late, other), List.of(other, late, early))) {
      PreferredMediaBuffer buffer = new PreferredMediaBuffer(10);
      order.forEach(m -> assertFalse(buffer.offer(m)));
      // The latest collected_at wins (SPEC §3); another source is another key.
      assertEquals(ids(List.of(late, other)), ids(buffer.drain()));
      assertEquals(List.of(), buffer.drain());
    }
  }

  @Test
  void saysWhenFullSoTheCallerDrains() {
    PreferredMediaBuffer buffer = new PreferredMediaBuffer(2);
    assertFalse(buffer.offer(media("brand", "dior", "a", "2023-09-03T04:00:00Z", 1L, 0, "a.jsonl", "1:0")));
    assertFalse(buffer.offer(media("brand", "dior", "a", "2023-09-03T06:00:00Z", 1L, 0, "b.jsonl", "1:0")));
    assertTrue(buffer.offer(media("brand", "dior", "b", "2023-09-03T04:00:00Z", 1L, 0, "a.jsonl", "1:1")));
    assertEquals(2, buffer.drain().size());
    assertThrows(IllegalArgumentException.class, () -> new PreferredMediaBuffer(0));
  }
}
