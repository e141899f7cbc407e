package io.buzzbeam.pipelines.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instagram's limits: usage headers, backoff, and the 30-hashtags-per-week budget. */
class CollectLimitsTest {
  @TempDir Path tmp;

  @Test
  void usagePausesGrowLinearlyFromTheThresholdToTheMaximum() {
    UsageThrottle t = new UsageThrottle(80, Duration.ofSeconds(60));
    assertEquals(Duration.ZERO, t.pauseBeforeNextCall(), "nothing observed yet");
    assertEquals(Duration.ZERO, pause(t, app(80, 10, 10), null));
    assertEquals(Duration.ofSeconds(15), pause(t, app(85, 10, 10), null));
    assertEquals(Duration.ofSeconds(30), pause(t, app(10, 90, 10), null), "total_cputime counts too");
    assertEquals(Duration.ofSeconds(60), pause(t, app(100, 10, 10), null));
    assertEquals(Duration.ofSeconds(60), pause(t, app(130, 10, 10), null), "capped at the maximum");
    String buc = "{\"17841405309211844\":[{\"type\":\"instagram\",\"call_count\":12,\"total_cputime\":4,"
        + "\"total_time\":95,\"estimated_time_to_regain_access\":7}]}";
    assertEquals(Duration.ofSeconds(45), pause(t, app(20, 1, 1), buc), "business use case usage counts");
    assertEquals(Duration.ofMinutes(7), t.regainAccess());
    assertEquals(Duration.ZERO, pause(t, "not json", "[1,2]"), "unreadable headers are ignored");
    assertEquals(Duration.ZERO, t.regainAccess());
  }

  @Test
  void backoffIsJitteredExponentialAndCapped() {
    RetryPolicy p = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 5, Duration.ofSeconds(10), new Random(42));
    for (int i = 0; i < 200; i++) {
      assertBetween(50, 100, p.backoff(1));
      assertBetween(100, 200, p.backoff(2));
      assertBetween(200, 400, p.backoff(3));
      assertBetween(500, 1000, p.backoff(5)); // 1600 capped at 1000
      assertBetween(500, 1000, p.backoff(60)); // no overflow
    }
    assertTrue(p.mayRetry(4, Duration.ofSeconds(1), Duration.ofSeconds(1)));
    assertFalse(p.mayRetry(5, Duration.ofSeconds(1), Duration.ofSeconds(1)), "maxAttempts spent");
    assertTrue(p.mayRetry(1, Duration.ofSeconds(9), Duration.ofSeconds(1)), "ends exactly at maxRetryTime");
    assertFalse(p.mayRetry(1, Duration.ofSeconds(9), Duration.ofMillis(1001)), "would end past maxRetryTime");
  }

  @Test
  void thirtyUniqueHashtagsPerRollingWeek() throws Exception {
    Instant t0 = Instant.parse("2023-08-28T00:00:00Z");
    MutableClock clock = new MutableClock(t0);
    HashtagRegistry r = new HashtagRegistry(tmp, clock, 30);
    for (int i = 1; i <= 30; i++) {
      r.reserveSearch("tag" + i);
      clock.advance(Duration.ofMinutes(1));
    }
    r.rememberId("tag1", "17843000000000001");
    HashtagLimitException refused = assertThrows(HashtagLimitException.class, () -> r.reserveSearch("tag31"));
    assertTrue(refused.getMessage().startsWith("hashtag #tag31 not collected: Instagram allows 30 unique hashtags per 7 days"
        + " and 30 were searched since "), refused.getMessage());
    assertTrue(refused.getMessage().contains("the next slot frees at 2023-09-04T00:00:00Z"), refused.getMessage());
    r.reserveSearch("tag7"); // searching a counted hashtag again is free and does not restart its timer

    // A new registry (the next cron run) reads the same state from disk.
    HashtagRegistry later = new HashtagRegistry(tmp, clock, 30);
    assertEquals("17843000000000001", later.cachedId("tag1").orElseThrow());
    assertTrue(later.cachedId("tag2").isEmpty());
    assertEquals(Instant.parse("2023-08-28T00:06:00Z"), later.activeSearches().get("tag7"));

    clock.advance(Duration.ofDays(7).minusMinutes(30)); // now 2023-09-04T00:00:00Z: tag1's week is over
    later.reserveSearch("tag31");
    assertFalse(later.activeSearches().containsKey("tag1"));
    assertTrue(later.activeSearches().containsKey("tag31"));
    assertEquals(30, later.activeSearches().size());
    assertEquals("17843000000000001", later.cachedId("tag1").orElseThrow(), "ids stay cached after the week");
    assertThrows(HashtagLimitException.class, () -> later.reserveSearch("tag32"));
  }

  private static Duration pause(UsageThrottle t, String appUsage, String bucUsage) {
    Map<String, List<String>> h = new java.util.HashMap<>();
    if (appUsage != null) {
      h.put("x-app-usage", List.of(appUsage));
    }
    if (bucUsage != null) {
      h.put("X-Business-Use-Case-Usage", List.of(bucUsage));
    }
    t.observe(HttpHeaders.of(h, (a, b) -> true));
    return t.pauseBeforeNextCall();
  }

  private static String app(int calls, int cpu, int time) {
    return "{\"call_count\":" + calls + ",\"total_cputime\":" + cpu + ",\"total_time\":" + time + "}";
  }

  private static void assertBetween(long lo, long hi, Duration d) {
    assertTrue(d.toMillis() >= lo && d.toMillis() <= hi, d.toMillis() + " in [" + lo + "," + hi + "]");
  }
}
