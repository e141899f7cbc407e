package io.buzzbeam.pipelines.collect;

import static io.buzzbeam.pipelines.collect.CollectTestSupport.JSON;
import static io.buzzbeam.pipelines.collect.CollectTestSupport.assertSecretNowhere;
import static io.buzzbeam.pipelines.collect.CollectTestSupport.listFiles;
import static io.buzzbeam.pipelines.collect.CollectTestSupport.readEnvelopes;
import static io.buzzbeam.pipelines.collect.CollectTestSupport.run;
import static io.buzzbeam.pipelines.collect.CollectTestSupport.writeTargets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.buzzbeam.pipelines.collect.CollectTestSupport.Envelope;
import io.buzzbeam.pipelines.collect.CollectTestSupport.Run;
import io.buzzbeam.pipelines.collect.FakeGraphApi.Fault;
import io.buzzbeam.pipelines.collect.FakeGraphApi.Seen;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./buzzbeam collect --once} against the fake Graph API on 127.0.0.1. */
@Timeout(60)
class CollectCommandTest {
  static final String TWO_BRANDS =
      "brands:\n"
          + "  - key: chanel\n    username: chanelofficial\n    hashtags: [chanel, 샤넬]\n"
          + "  - key: gucci\n    username: gucci\n    hashtags: ['#Gucci', 구찌]\n";

  static final List<BrandTarget> TWO_BRAND_TARGETS = List.of(
      new BrandTarget("chanel", "chanelofficial", List.of("chanel", "샤넬")),
      new BrandTarget("gucci", "gucci", List.of("gucci", "구찌")));

  @TempDir Path tmp;

  @Test
  void onePassFillsTheLandingZoneExactlyAsSpecified() throws Exception {
    Path landing = tmp.resolve("landing");
    try (FakeGraphApi fake = FakeGraphApi.start(TWO_BRAND_TARGETS).mediaPerBrand(40).mediaPerHashtag(30)) {
      Run r = run(fake.collectArgs(writeTargets(tmp, TWO_BRANDS), landing,
          "--mediaLimit=40", "--topMedia"));

      assertEquals(0, r.exit(), r.err());
      // 2 brands x 2 pages (25 + 15); 4 hashtags x (recent + top), 25 each (one page).
      List<String> summary = r.out().lines().collect(Collectors.toList());
      assertEquals(1, summary.size(), r.out());
      assertTrue(summary.get(0).matches("collect pass=profiles\\+hashtags brands=2 hashtags=4 requests=16 "
          + "envelopes=12 media=280 errors=0 retries=0 usage_pauses=0 files=3 elapsed=\\S+ status=OK"), summary.get(0));

      List<Envelope> envs = readEnvelopes(landing);
      assertEquals(12, envs.size());
      List<String> files = listFiles(landing);
      assertEquals(List.of(".collect-state/hashtags.state", ".collect-state/hashtags.state.lock"),
          files.stream().filter(f -> !f.startsWith("graph/")).collect(Collectors.toList()));
      assertEquals(3, files.stream().filter(f -> f.startsWith("graph/")).count(), files.toString());
      assertFalse(files.stream().anyMatch(f -> f.endsWith(".tmp")), "no temp files left");

      // business discovery: one envelope per page, profile + that page's media, verbatim.
      List<Envelope> bd = envs.stream().filter(e -> e.kind().equals("business_discovery")).collect(Collectors.toList());
      assertEquals(List.of("chanel", "chanel", "gucci", "gucci"),
          bd.stream().map(Envelope::brand).collect(Collectors.toList()));
      JsonNode p1 = bd.get(0).response().path("business_discovery");
      assertEquals("chanelofficial", p1.path("username").asText());
      assertEquals(60_412_345L, p1.path("followers_count").asLong());
      assertEquals(25, p1.path("media").path("data").size());
      assertEquals("17900000000001000", p1.path("media").path("data").path(0).path("id").asText());
      assertEquals("2023-09-02T12:00:03+0000", p1.path("media").path("data").path(0).path("timestamp").asText());
      String next = p1.path("media").path("paging").path("next").asText();
      assertTrue(next.contains("access_token=REDACTED&"), next);
      JsonNode p2 = bd.get(1).response().path("business_discovery");
      assertEquals(15, p2.path("media").path("data").size());
      assertEquals("17900000000001025", p2.path("media").path("data").path(0).path("id").asText());
      assertTrue(p2.path("media").path("paging").path("next").isMissingNode(), "last page has no next");
      assertEquals("17900000000002039", bd.get(3).response().path("business_discovery").path("media")
          .path("data").path(14).path("id").asText());
      // The body is kept as Instagram sent it: escaped slashes and non-ASCII stay escaped.
      assertTrue(bd.get(0).line().contains("\"permalink\":\"https:\\/\\/www.instagram.com\\/p\\/"), bd.get(0).line());
      assertTrue(bd.get(0).line().contains("\\uc0c8\\ub85c\\uc6b4"), "새로운 stays \\u-escaped");

      // hashtags: brand + normalized hashtag on every envelope.
      List<Envelope> recent = envs.stream().filter(e -> e.kind().equals("hashtag_recent_media")).collect(Collectors.toList());
      List<Envelope> top = envs.stream().filter(e -> e.kind().equals("hashtag_top_media")).collect(Collectors.toList());
      assertEquals(List.of("chanel/chanel", "chanel/샤넬", "gucci/gucci", "gucci/구찌"),
          recent.stream().map(e -> e.brand() + "/" + e.json().path("hashtag").asText()).collect(Collectors.toList()));
      assertEquals(4, top.size());
      for (Envelope e : recent) {
        assertEquals(25, e.response().path("data").size());
        assertTrue(e.response().path("paging").path("next").asText().contains("access_token=REDACTED"));
      }

      // Every written response equals a served body with the token value replaced, and nothing else.
      List<String[]> served = fake.servedBodies().stream()
          .filter(s -> !s[0].contains("ig_hashtag_search")).collect(Collectors.toList());
      assertEquals(12, served.size());
      for (Envelope e : envs) {
        JsonNode written = e.response();
        long matches = served.stream()
            .filter(s -> {
              try {
                return JSON.readTree(s[1].replace(FakeGraphApi.TOKEN, "REDACTED")).equals(written);
              } catch (Exception ex) {
                return false;
              }
            })
            .count();
        assertEquals(1, matches, "verbatim response for " + e.line());
      }

      // The token went in the Authorization header, never in a URL.
      for (Seen s : fake.requests()) {
        assertTrue(s.authorized());
        assertFalse(s.query().containsKey("access_token"));
      }
      assertTrue(fake.requests().get(1).query().get("fields").contains("media.after("), "page 2 uses the cursor");
      assertSecretNowhere(FakeGraphApi.TOKEN, tmp, r.out(), r.err());

      // A second pass reuses the cached hashtag ids: no hashtag search is spent again.
      int searchesBefore = count(fake, "ig_hashtag_search");
      assertEquals(4, searchesBefore);
      Run again = run(fake.collectArgs(writeTargets(tmp, TWO_BRANDS), landing, "--only=hashtags"));
      assertEquals(0, again.exit(), again.err());
      assertEquals(4, count(fake, "ig_hashtag_search"));
      assertTrue(again.out().startsWith("collect pass=hashtags brands=0 hashtags=4 requests=4 envelopes=4 media=100 "), again.out());
    }
  }

  @Test
  void everyPageOfAWalkCarriesTheCollectedAtOfItsFirstPage() throws Exception {
    Path landing = tmp.resolve("landing");
    String yaml = "brands:\n  - key: chanel\n    username: chanelofficial\n    hashtags: [chanel]\n";
    // A clock that moves one second every time it is read: no two calls happen in the same second.
    java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
    java.time.Clock ticking = new java.time.Clock() {
      @Override
      public java.time.Instant instant() {
        return java.time.Instant.parse("2023-09-03T04:00:00Z").plusSeconds(reads.getAndIncrement());
      }

      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
      }
    };
    try (FakeGraphApi fake = FakeGraphApi.start(List.of(new BrandTarget("chanel", "chanelofficial", List.of("chanel"))))
        .mediaPerBrand(30).mediaPerHashtag(30)) {
      Run r = run(fake.collectArgs(writeTargets(tmp, yaml), landing, "--mediaLimit=30", "--hashtagMediaLimit=30",
          "--maxRetryTime=1h"), Map.of(AccessToken.ENV, FakeGraphApi.TOKEN), ticking, Sleeper.REAL);
      assertEquals(0, r.exit(), r.err());

      List<Envelope> envs = readEnvelopes(landing);
      assertEquals(List.of("business_discovery", "business_discovery", "hashtag_recent_media", "hashtag_recent_media"),
          envs.stream().map(Envelope::kind).collect(Collectors.toList()));
      List<String> at = envs.stream().map(e -> e.json().path("collected_at").asText()).collect(Collectors.toList());
      // Both pages of chanel's profile walk are one observation (the pipeline keys profile snapshots
      // by brand and collected_at); so are both pages of the hashtag walk, which came later.
      assertEquals(at.get(0), at.get(1), at.toString());
      assertEquals(at.get(2), at.get(3), at.toString());
      assertTrue(at.get(0).compareTo(at.get(2)) < 0, at.toString());
    }
  }

  @Test
  void throttlingServerErrorsSlowAndTruncatedResponsesAreRetried() throws Exception {
    Path landing = tmp.resolve("landing");
    String yaml = "brands:\n  - key: chanel\n    username: chanelofficial\n    hashtags: [chanel]\n";
    try (FakeGraphApi fake = FakeGraphApi.start(List.of(new BrandTarget("chanel", "chanelofficial", List.of("chanel"))))) {
      fake.slowMillis(1500)
          .failNext("business_discovery", Fault.THROTTLE_4, Fault.HTTP_500_JSON, Fault.TRUNCATED_JSON)
          .failNext("ig_hashtag_search", Fault.THROTTLE_80002)
          .failNext("recent_media", Fault.THROTTLE_17, Fault.SLOW, Fault.SHORT_BODY, Fault.HTTP_502_HTML);
      Run r = run(fake.collectArgs(writeTargets(tmp, yaml), landing, "--requestTimeout=300ms"));

      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().startsWith("collect pass=profiles+hashtags brands=1 hashtags=1 requests=3 envelopes=2 "
          + "media=50 errors=0 retries=8 "), r.out());
      List<Envelope> envs = readEnvelopes(landing);
      assertEquals(2, envs.size());
      for (Envelope e : envs) {
        assertFalse(e.response().has("error"), e.line());
      }
      assertEquals(4, count(fake, "business_discovery"));
      assertEquals(5, count(fake, "recent_media"));
      for (String why : List.of("Graph API error 4", "Graph API error 1", "invalid_json", "Graph API error 80002",
          "Graph API error 17", "timeout", "io", "http_502")) {
        assertTrue(r.err().contains(why), "logged: " + why + "\n" + r.err());
      }
      assertSecretNowhere(FakeGraphApi.TOKEN, tmp, r.out(), r.err());
    }
  }

  @Test
  void failedRequestsAreWrittenCountedAndAlerted() throws Exception {
    Path landing = tmp.resolve("landing");
    try (FakeGraphApi fake = FakeGraphApi.start(TWO_BRAND_TARGETS);
        WebhookReceiver hook = WebhookReceiver.start()) {
      fake.failNext("username(chanelofficial)", Fault.UNKNOWN_USER_110)
          .failAlways("recent_media", Fault.HTTP_502_HTML);
      Run r = run(fake.collectArgs(writeTargets(tmp, TWO_BRANDS), landing, "--maxAttempts=3",
          "--alertWebhook=" + hook.url()));

      assertEquals(1, r.exit());
      assertTrue(r.out().startsWith("collect pass=profiles+hashtags brands=2 hashtags=4 requests=10 envelopes=6 "
          + "media=25 errors=5 errors_by_code=110:1,http_502:4 retries=8 "), r.out());
      assertTrue(r.out().contains(" status=FAILED"));
      assertTrue(r.err().contains("FAILED: 5 request(s) failed (110:1,http_502:4)"), r.err());

      List<Envelope> envs = readEnvelopes(landing);
      assertEquals(6, envs.size());
      JsonNode chanel = envs.stream().filter(e -> e.brand().equals("chanel") && e.kind().equals("business_discovery"))
          .findFirst().orElseThrow().response();
      assertEquals(110, chanel.path("error").path("code").asInt(), "the Graph API error is written verbatim");
      assertEquals("Invalid user id", chanel.path("error").path("message").asText());
      assertEquals(2207013, chanel.path("error").path("error_subcode").asInt());
      List<Envelope> recent = envs.stream().filter(e -> e.kind().equals("hashtag_recent_media")).collect(Collectors.toList());
      assertEquals(4, recent.size());
      for (Envelope e : recent) {
        JsonNode err = e.response().path("error");
        assertEquals(-1, err.path("code").asInt());
        assertEquals("BuzzbeamCollectorError", err.path("type").asText());
        assertEquals("http_502", err.path("collector_reason").asText());
        assertEquals(502, err.path("http_status").asInt());
        assertTrue(err.path("raw_body").asText().contains("502 Bad Gateway"));
      }
      assertEquals(3 * 4, count(fake, "recent_media"), "three attempts per hashtag");

      List<String> alerts = hook.bodies();
      assertEquals(1, alerts.size());
      JsonNode alert = JSON.readTree(alerts.get(0));
      assertTrue(alert.path("text").asText().startsWith("buzzbeam collect failed: 5 request(s) failed (110:1,http_502:4)"),
          alert.toString());
      assertSecretNowhere(FakeGraphApi.TOKEN, tmp, r.out(), r.err(), alerts.get(0));
    }
  }

  @Test
  void anExpiredTokenStopsTheRunWithARenewMessage() throws Exception {
    Path landing = tmp.resolve("landing");
    String wrongToken = "EAAGexpiredTOKEN9876543210zyxwvu";
    try (FakeGraphApi fake = FakeGraphApi.start(TWO_BRAND_TARGETS);
        WebhookReceiver hook = WebhookReceiver.start()) {
      Run r = run(fake.collectArgs(writeTargets(tmp, TWO_BRANDS), landing, "--alertWebhook=" + hook.url()),
          Map.of(AccessToken.ENV, wrongToken), java.time.Clock.systemUTC(), Sleeper.REAL);

      assertEquals(1, r.exit());
      assertEquals(1, fake.requests().size(), "nothing else is tried once the token is refused");
      assertTrue(r.err().contains("code 190") && r.err().contains("renew it"), r.err());
      assertTrue(r.out().contains("errors=1 errors_by_code=190:1 retries=0 ") && r.out().contains(" skipped=5 "), r.out());
      List<Envelope> envs = readEnvelopes(landing);
      assertEquals(1, envs.size());
      assertEquals(190, envs.get(0).response().path("error").path("code").asInt());
      assertEquals(1, hook.bodies().size());
      assertTrue(JSON.readTree(hook.bodies().get(0)).path("text").asText().contains("renew"));
      assertSecretNowhere(wrongToken, tmp, r.out(), r.err(), hook.bodies().get(0));
    }
  }

  @Test
  void usageAboveTheThresholdPausesProportionally() throws Exception {
    Path landing = tmp.resolve("landing");
    String yaml = "brands:\n  - key: chanel\n    username: chanelofficial\n";
    try (FakeGraphApi fake = FakeGraphApi.start(List.of(new BrandTarget("chanel", "chanelofficial", List.of())))) {
      fake.mediaPerBrand(60).usagePercent(95);
      // --usagePauseMax=200ms (collectArgs): at 95 % with threshold 80 the pause is 200 * 15/20 = 150ms.
      Run r = run(fake.collectArgs(writeTargets(tmp, yaml), landing, "--mediaLimit=50"));

      assertEquals(0, r.exit(), r.err());
      assertTrue(r.out().contains(" requests=2 envelopes=2 media=50 errors=0 retries=0 usage_pauses=1 "), r.out());
      assertTrue(r.err().contains("API usage at 95% of the hourly allowance: pausing 150ms"), r.err());
      List<Seen> seen = fake.requests();
      long gapMs = (seen.get(1).nanoTime() - seen.get(0).nanoTime()) / 1_000_000;
      assertTrue(gapMs >= 150, "second call waited " + gapMs + "ms");

      fake.usagePercent(79);
      Run calm = run(fake.collectArgs(writeTargets(tmp, yaml), landing, "--mediaLimit=50"));
      assertTrue(calm.out().contains(" usage_pauses=0 "), calm.out());
    }
  }

  @Test
  void theThirtyFirstHashtagOfTheWeekIsRefused() throws Exception {
    Path landing = tmp.resolve("landing");
    HashtagRegistry registry = new HashtagRegistry(landing.resolve(".collect-state"), java.time.Clock.systemUTC(), 30);
    for (int i = 1; i <= 29; i++) {
      registry.reserveSearch("earlier" + i);
    }
    String yaml = "brands:\n  - key: dior\n    username: dior\n    hashtags: [dior, 디올]\n";
    try (FakeGraphApi fake = FakeGraphApi.start(List.of(new BrandTarget("dior", "dior", List.of("dior", "디올"))))) {
      Run r = run(fake.collectArgs(writeTargets(tmp, yaml), landing, "--only=hashtags"));

      assertEquals(1, r.exit());
      assertTrue(r.out().startsWith("collect pass=hashtags brands=0 hashtags=2 requests=2 envelopes=1 media=25 "
          + "errors=1 errors_by_code=hashtag_limit:1 "), r.out());
      assertTrue(r.err().contains("hashtag #디올 not collected: Instagram allows 30 unique hashtags per 7 days"), r.err());
      assertEquals(1, count(fake, "ig_hashtag_search"), "the 31st hashtag is never searched");
      assertEquals(30, registry.activeSearches().size());
      assertEquals("dior", readEnvelopes(landing).get(0).json().path("hashtag").asText());
    }
  }

  @Test
  void theTokenMayTravelAsAQueryParameterAndStillNeverLands() throws Exception {
    Path landing = tmp.resolve("landing");
    try (FakeGraphApi fake = FakeGraphApi.start(TWO_BRAND_TARGETS)) {
      fake.failNext("recent_media", Fault.HTTP_502_HTML);
      Run r = run(fake.collectArgs(writeTargets(tmp, TWO_BRANDS), landing, "--tokenIn=query"));
      assertEquals(0, r.exit(), r.err());
      assertTrue(fake.requests().stream().allMatch(s -> FakeGraphApi.TOKEN.equals(s.query().get("access_token"))));
      assertSecretNowhere(FakeGraphApi.TOKEN, tmp, r.out(), r.err());
    }
  }

  @Test
  void aTokenFileWorksLikeTheEnvironmentVariable() throws Exception {
    Path landing = tmp.resolve("landing");
    Path tokenFile = tmp.resolve("ig.token");
    java.nio.file.Files.writeString(tokenFile, FakeGraphApi.TOKEN + "\n");
    String yaml = "brands:\n  - key: chanel\n    username: chanelofficial\n";
    try (FakeGraphApi fake = FakeGraphApi.start(List.of(new BrandTarget("chanel", "chanelofficial", List.of())))) {
      Run r = run(fake.collectArgs(writeTargets(tmp, yaml), landing, "--tokenFile=" + tokenFile),
          Map.of(), java.time.Clock.systemUTC(), Sleeper.REAL);
      assertEquals(0, r.exit(), r.err());
      assertEquals(1, readEnvelopes(landing).size());
    }
  }

  @Test
  void aStopRequestWritesWhatWasCollectedBeforeExiting() throws Exception {
    Path landing = tmp.resolve("landing");
    try (FakeGraphApi fake = FakeGraphApi.start(TWO_BRAND_TARGETS)) {
      fake.slowMillis(20_000).failNext("username(gucci)", Fault.SLOW);
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      CollectCommand command = new CollectCommand(System.out, new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8),
          Map.of(AccessToken.ENV, FakeGraphApi.TOKEN), java.time.Clock.systemUTC(), Sleeper.REAL);
      java.util.concurrent.atomic.AtomicInteger exit = new java.util.concurrent.atomic.AtomicInteger(-1);
      Thread worker = new Thread(() -> {
        try {
          exit.set(command.run(fake.collectArgs(writeTargets(tmp, TWO_BRANDS), landing, "--requestTimeout=30s")));
        } catch (Exception e) {
          exit.set(99);
        }
      });
      worker.start();
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (fake.requests().size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10); // waiting for the collector to reach the slow gucci request
      }
      long t0 = System.nanoTime();
      command.shutdown(); // what SIGTERM runs
      worker.join(10_000);
      assertTrue((System.nanoTime() - t0) / 1_000_000 < 5_000, "stopped promptly");
      assertEquals(1, exit.get(), "a --once pass cut short is not a success");
      assertTrue(err.toString(java.nio.charset.StandardCharsets.UTF_8).contains("stopped on request"));
      List<Envelope> envs = readEnvelopes(landing);
      assertEquals(1, envs.size());
      assertEquals("chanel", envs.get(0).brand());
    }
  }

  private static int count(FakeGraphApi fake, String pathOrFields) {
    return (int) fake.requests().stream()
        .filter(s -> (s.path() + "?" + s.query()).contains(pathOrFields))
        .count();
  }
}
