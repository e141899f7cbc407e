package io.buzzbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Issue #14's {@code run} options (docs/METRICS.md): defaults, values, one-line usage errors. */
class RunAnalyticsOptionsTest extends RunOptionsCheck {

  @Test
  void defaults() {
    Instant before = Instant.now().minusMillis(1);
    RunSettings s = settings();
    assertEquals(3, s.analytics.bestTimeMinPosts);
    assertEquals(14, s.analytics.spikeBaselineDays);
    assertEquals(3.0, s.analytics.spikeSigma);
    assertEquals(5, s.analytics.spikeMinMentions);
    assertNull(s.analytics.lastDay);
    assertNull(s.alertWebhook);
    // taken_at: fixed when the driver checks the settings, i.e. the run's start.
    assertTrue(!s.analytics.takenAt.isBefore(before) && !s.analytics.takenAt.isAfter(Instant.now()), s.analytics.takenAt.toString());
  }

  @Test
  void givenValues() {
    RunSettings s =
        settings(
            "--to=2023-09-03", "--bestTimeMinPosts=5", "--spikeBaselineDays=7", "--spikeSigma=2.5",
            "--spikeMinMentions=10", "--takenAt=2023-09-03T09:05:00+09:00", "--alertWebhook=https://hooks.example/T/B/x");
    assertEquals(5, s.analytics.bestTimeMinPosts);
    assertEquals(7, s.analytics.spikeBaselineDays);
    assertEquals(2.5, s.analytics.spikeSigma);
    assertEquals(10, s.analytics.spikeMinMentions);
    assertEquals(LocalDate.parse("2023-09-03"), s.analytics.lastDay);
    assertEquals(Instant.parse("2023-09-03T00:05:00Z"), s.analytics.takenAt);
    assertEquals("https://hooks.example/T/B/x", s.alertWebhook.toString());
  }

  @Test
  void badValuesAreOneLineUsageErrors() {
    assertUsage("--bestTimeMinPosts must be an integer between 1 and", "--bestTimeMinPosts=0");
    assertUsage("--spikeBaselineDays must be an integer between 1 and 365, got 400", "--spikeBaselineDays=400");
    assertUsage("--spikeSigma must be a number >= 0, got -1.0", "--spikeSigma=-1");
    assertUsage("--spikeMinMentions must be an integer between 1 and", "--spikeMinMentions=0");
    assertUsage("--takenAt must be an ISO-8601 instant", "--takenAt=yesterday");
    // The webhook URL may be a secret: the message names the option, not the value.
    assertUsage("--alertWebhook must be an http(s) URL", "--alertWebhook=ftp://secret.example/x");
  }
}
