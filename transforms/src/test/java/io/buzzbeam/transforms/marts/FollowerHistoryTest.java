package io.buzzbeam.transforms.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowerHistoryTest {

  // Snapshots given out of order: 09-03 10:00 KST (2000), 09-01 10:00 KST (1000),
  // 09-03 00:30 KST = 09-02 15:30 UTC (1500): a UTC day and a local day differ.
  private final FollowerHistory history =
      FollowerHistory.of(
          List.of(
              new FollowerHistory.Point(Instant.parse("2023-09-03T01:00:00Z").toEpochMilli(), "2023-09-03", 2000),
              new FollowerHistory.Point(Instant.parse("2023-09-01T01:00:00Z").toEpochMilli(), "2023-09-01", 1000),
              new FollowerHistory.Point(Instant.parse("2023-09-02T15:30:00Z").toEpochMilli(), "2023-09-03", 1500)));

  @Test
  void asOfAMediaCollectionInstant() {
    assertEquals(1000, history.asOf(Instant.parse("2023-09-02T15:29:59Z")));
    // Collected exactly at a snapshot's instant: that snapshot counts (≤).
    assertEquals(1500, history.asOf(Instant.parse("2023-09-02T15:30:00Z")));
    assertEquals(2000, history.asOf(Instant.parse("2023-09-04T00:00:00Z")));
    // Before every snapshot: the earliest one.
    assertEquals(1000, history.asOf(Instant.parse("2023-08-01T00:00:00Z")));
    assertEquals(1000, history.asOf(null));
  }

  @Test
  void onALocalDayByCollectionDay() {
    assertEquals(1000, history.onDay("2023-09-01"));
    // The 15:30 UTC snapshot was collected on local day 09-03, so 09-02 still sees 1000.
    assertEquals(1000, history.onDay("2023-09-02"));
    // On 09-03 two snapshots: the latest of that day.
    assertEquals(2000, history.onDay("2023-09-03"));
    // Before every snapshot: the earliest one.
    assertEquals(1000, history.onDay("2023-08-31"));
  }

  @Test
  void latest() {
    assertEquals(2000, history.latest());
  }
}
