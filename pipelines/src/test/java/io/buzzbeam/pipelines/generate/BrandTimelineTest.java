package io.buzzbeam.pipelines.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class BrandTimelineTest {
  @Test
  void brandsPostAtLunchtimeAndLateAfternoonSeoulTimeFridayNoonBusiest() {
    // 11 brands over ~10 weeks of history: enough posts for the seed heatmap's shape to show.
    LocalDate start = LocalDate.of(2023, 8, 28);
    int[] byHour = new int[24];
    int[][] byDayHour = new int[8][24];
    Instant end = start.plusDays(43).atStartOfDay(BrandTimeline.SEOUL).toInstant();
    for (int b = 0; b < Brand.CATALOG.size(); b++) {
      BrandTimeline tl = new BrandTimeline(42, b, Brand.CATALOG.get(b), start, 42, true);
      for (BrandPost p : tl.latest(end, 10_000)) {
        ZonedDateTime local = p.timestamp().atZone(BrandTimeline.SEOUL);
        byHour[local.getHour()]++;
        byDayHour[local.getDayOfWeek().getValue()][local.getHour()]++;
      }
    }
    List<Integer> top2 = java.util.stream.IntStream.range(0, 24).boxed()
        .sorted((a, b) -> byHour[b] - byHour[a]).limit(2).sorted().toList();
    assertEquals(List.of(12, 16), top2, java.util.Arrays.toString(byHour));
    int fridayNoon = byDayHour[DayOfWeek.FRIDAY.getValue()][12];
    for (int d = 1; d <= 7; d++) {
      for (int h = 0; h < 24; h++) {
        assertTrue(byDayHour[d][h] <= fridayNoon, "cell " + d + "/" + h + " beats Friday noon");
      }
    }
  }

  @Test
  void followersGrowSlowlyAndNeverShrinkHourToHour() {
    Brand chanel = Brand.CATALOG.get(0);
    LocalDate start = LocalDate.of(2023, 8, 28);
    BrandTimeline tl = new BrandTimeline(42, 0, chanel, start, 3, true);
    Instant t0 = start.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    long previous = 0;
    for (int h = 0; h < 72; h++) {
      long f = tl.followersAt(t0.plusSeconds(3600L * h + 15), t0);
      assertTrue(f >= previous, "hour " + h);
      previous = f;
    }
    long first = tl.followersAt(t0.plusSeconds(15), t0);
    // Growth per day between 0.02 % and 0.08 % of ~58.7M.
    assertTrue(previous - first > 58_700_000L * 0.0002 * 2.9 && previous - first < 58_700_000L * 0.0008 * 3,
        first + " → " + previous);
  }
}
