package io.buzzbeam.pipelines.collect;

import static io.buzzbeam.pipelines.collect.CollectTestSupport.listFiles;
import static io.buzzbeam.pipelines.collect.CollectTestSupport.readEnvelopes;
import static io.buzzbeam.pipelines.collect.CollectTestSupport.writeTargets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The long-running mode: profiles hourly, hashtags every 5 minutes, on a test clock. */
@Timeout(60)
class CollectScheduleTest {
  static final Instant START = Instant.parse("2023-09-03T04:00:00Z");

  @TempDir Path tmp;

  @Test
  void oneHourRunsOneProfilePassAndTwelveHashtagPasses() throws Exception {
    Path landing = tmp.resolve("landing");
    MutableClock clock = new MutableClock(START);
    AtomicReference<CollectCommand> command = new AtomicReference<>();
    Sleeper testSleeper = d -> {
      clock.advance(d);
      if (!clock.instant().isBefore(START.plus(Duration.ofHours(1)))) {
        command.get().requestStop();
      }
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String yaml = "brands:\n  - key: chanel\n    username: chanelofficial\n    hashtags: [샤넬]\n";
    try (FakeGraphApi fake = FakeGraphApi.start(List.of(new BrandTarget("chanel", "chanelofficial", List.of("샤넬"))))) {
      command.set(new CollectCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(AccessToken.ENV, FakeGraphApi.TOKEN), clock,
          testSleeper));
      String[] args = fake.collectArgs(writeTargets(tmp, yaml), landing);
      String[] loopArgs = java.util.Arrays.stream(args).filter(a -> !a.equals("--once")).toArray(String[]::new);

      int exit = command.get().run(loopArgs);

      assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
      List<String> summaries = out.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
      assertEquals(12, summaries.size(), summaries.toString());
      assertTrue(summaries.get(0).startsWith("collect pass=profiles+hashtags brands=1 hashtags=1 requests=3 "));
      for (String s : summaries.subList(1, 12)) {
        assertTrue(s.startsWith("collect pass=hashtags brands=0 hashtags=1 requests=1 envelopes=1 media=25 errors=0 "), s);
      }
      // Files are named after the (test) clock: 04:00, 04:05, ... 04:55 UTC on 2023-09-03.
      List<String> graphFiles = listFiles(landing).stream().filter(f -> f.startsWith("graph/")).collect(Collectors.toList());
      assertEquals(13, graphFiles.size(), graphFiles.toString());
      assertTrue(graphFiles.contains("graph/dt=2023-09-03/business_discovery_040000.jsonl"));
      assertTrue(graphFiles.contains("graph/dt=2023-09-03/hashtag_recent_media_040000.jsonl"));
      assertTrue(graphFiles.contains("graph/dt=2023-09-03/hashtag_recent_media_045500.jsonl"));
      assertEquals("2023-09-03T04:55:00Z", readEnvelopes(landing).get(12).json().path("collected_at").asText());
      assertEquals(1, fake.requests().stream().filter(s -> s.path().endsWith("/ig_hashtag_search")).count());
    }
  }

  @Test
  void aPassThatOverrunsSkipsMissedSlotsInsteadOfBursting() throws Exception {
    MutableClock clock = new MutableClock(START);
    List<String> passes = new java.util.ArrayList<>();
    CollectSchedule schedule = new CollectSchedule(clock, clock::advance, Duration.ofHours(1),
        Duration.ofMinutes(5), true, true);
    schedule.loop((p, h) -> {
      passes.add(clock.instant() + (p ? " profiles" : "") + (h ? " hashtags" : ""));
      if (passes.size() == 1) {
        clock.advance(Duration.ofMinutes(17)); // a very slow first pass
      }
      return true;
    }, () -> clock.instant().isBefore(START.plus(Duration.ofMinutes(30))));
    assertEquals(List.of(
        "2023-09-03T04:00:00Z profiles hashtags",
        "2023-09-03T04:20:00Z hashtags",
        "2023-09-03T04:25:00Z hashtags"), passes);
  }

  @Test
  void anExpiredTokenEndsTheLoop() throws Exception {
    MutableClock clock = new MutableClock(START);
    CollectSchedule schedule = new CollectSchedule(clock, clock::advance, Duration.ofHours(1),
        Duration.ofMinutes(5), false, true);
    int[] calls = {0};
    boolean ended = schedule.loop((p, h) -> ++calls[0] < 3, () -> true);
    assertEquals(false, ended);
    assertEquals(3, calls[0]);
    assertEquals(START.plus(Duration.ofMinutes(10)), clock.instant());
  }
}
