package io.buzzbeam.pipelines.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LandingGeneratorTest {
  /** One day of all 11 brands, hashtag polls every 10 minutes per brand: ~45k media, 1–2 s. */
  static final GeneratorConfig ONE_DAY =
      GeneratorConfig.defaults().withDays(1).withScale(0.5).withCrawlAccounts(3);

  static final Pattern GRAPH_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0000");
  static final Pattern COLLECTED_AT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  static final Pattern GRAPH_FILE = Pattern.compile(
      "graph/dt=\\d{4}-\\d\\d-\\d\\d/(business_discovery|hashtag_recent_media|hashtag_top_media)_\\d{6}\\.jsonl(\\.gz)?");
  static final Pattern INSTALOADER_FILE = Pattern.compile(
      "instaloader/[a-z0-9._]+/(\\d{4}-\\d\\d-\\d\\d_\\d\\d-\\d\\d-\\d\\d_UTC|[a-z0-9._]+_\\d+)\\.json(\\.xz)?");

  @TempDir static Path shared;
  static GenerationSummary summary;
  static ZoneScan scan;

  @BeforeAll
  static void generateOnce() throws IOException {
    summary = LandingGenerator.generate(shared.resolve("zone"), ONE_DAY);
    scan = ZoneScan.of(shared.resolve("zone"));
  }

  @Test
  void pollCountsFollowTheSchedule() {
    // 24 hourly polls × 11 brands; recent_media: 288 slots × 11 brands × scale 0.5; top: hourly.
    assertEquals(Map.of("business_discovery", 264L, "hashtag_recent_media", 1584L,
        "hashtag_top_media", 264L), summary.linesByKind());
    assertEquals(264 + 1584 + 264, summary.lines());
    // 24 hours × 3 kinds, every third hour gzipped (seed 42: hours where (h + kind + 42) % 3 == 0).
    assertEquals(72, summary.graphFiles());
    assertEquals(24, summary.gzipFiles());
    // Every readable business discovery poll returns a full page of 25 (28 days of history).
    assertEquals(scan.brandPolls, scan.brandPollsWithFullPage);
    // And every readable recent_media poll too (a day of warm-up fills every tag's feed).
    assertEquals(scan.recentPolls, scan.recentPollsWithFullPage);
  }

  @Test
  void summaryMatchesAnIndependentReadingOfTheFiles() {
    assertEquals(scan.files, summary.files());
    assertEquals(scan.graphFiles, summary.graphFiles());
    assertEquals(scan.gzipFiles, summary.gzipFiles());
    assertEquals(scan.instaloaderFiles, summary.instaloaderFiles());
    assertEquals(scan.xzFiles, summary.xzFiles());
    assertEquals(scan.skipped, summary.skippedFiles());
    assertEquals(scan.lines, summary.lines());
    assertEquals(scan.linesByKind, summary.linesByKind());
    assertEquals(scan.profiles, summary.profiles());
    assertEquals(scan.graphMedia, summary.graphMedia());
    assertEquals(scan.crawlPosts, summary.crawlPosts());
    assertEquals(scan.graphMedia + scan.crawlPosts, summary.mediaItems());
    assertEquals(scan.rejects, summary.rejects());
    assertEquals(scan.defaults, summary.defaults());
    assertEquals(scan.brandMedia.size(), summary.distinctBrandMedia());
    assertEquals(scan.hashtagMedia.size(), summary.distinctHashtagMedia());
    assertEquals(Map.of("file", scan.files, "envelope", scan.lines, "profile", scan.profiles,
        "media", scan.graphMedia + scan.crawlPosts), summary.readByModel());
  }

  @Test
  void everyFaultKindOccursAtSeedLikeRates() {
    Map<String, Long> envelope = summary.rejects("envelope");
    assertTrue(envelope.getOrDefault("api_error:4", 0L) >= 1, envelope.toString());
    assertTrue(envelope.getOrDefault("malformed:json", 0L) >= 1, envelope.toString());
    assertTrue(summary.rejects("media").getOrDefault("invalid:like_count", 0L) >= 1);
    assertTrue(summary.rejects("media").getOrDefault("invalid:media_type", 0L) >= 1);
    // API errors are rare: well under 2 % of 2,112 polls.
    long apiErrors = envelope.entrySet().stream()
        .filter(e -> e.getKey().startsWith("api_error:")).mapToLong(Map.Entry::getValue).sum();
    assertTrue(apiErrors < 42, "api errors " + apiErrors);
    // One account without a name, polled hourly: at most 24 missing names in a day.
    long names = summary.defaults().get("profile").get("name");
    assertTrue(names >= 20 && names <= 24, "missing names " + names);
    // Hidden likes: 4.5 % of hashtag posts (seed: ~12 of 275 a batch); allow 2–8 %.
    long hashtagMedia = summary.graphMediaByKind().get("hashtag_recent_media")
        + summary.graphMediaByKind().get("hashtag_top_media");
    double hidden = summary.defaults().get("media").get("like_count") / (double) hashtagMedia;
    assertTrue(hidden > 0.02 && hidden < 0.08, "hidden likes share " + hidden);
    // The hashtag endpoints never return media_product_type.
    assertEquals(hashtagMedia, summary.defaults().get("media").get("media_product_type"));
  }

  @Test
  void timestampsAreInGraphFormatAndFilesInTheLandingLayout() {
    assertFalse(scan.graphTimestamps.isEmpty());
    for (String t : scan.graphTimestamps) {
      assertTrue(GRAPH_TIME.matcher(t).matches(), t);
    }
    for (String t : scan.collectedAts) {
      assertTrue(COLLECTED_AT.matcher(t).matches(), t);
    }
    for (String p : scan.relativePaths) {
      assertTrue(GRAPH_FILE.matcher(p).matches() || INSTALOADER_FILE.matcher(p).matches(), p);
    }
    assertTrue(scan.relativePaths.contains("graph/dt=2023-08-28/business_discovery_010015.jsonl"));
  }

  @Test
  void sameMediaReappearsWithGrowingLikesAndUnderBothHashtags() {
    long reseen = scan.brandLikeHistory.values().stream().filter(h -> h.size() >= 2).count();
    assertTrue(reseen > 100, "brand media seen in several polls: " + reseen);
    for (Map.Entry<String, List<Long>> e : scan.brandLikeHistory.entrySet()) {
      List<Long> h = e.getValue();
      for (int i = 1; i < h.size(); i++) {
        assertTrue(h.get(i) >= h.get(i - 1), e.getKey() + " likes went down: " + h);
      }
    }
    long underBoth = scan.hashtagsOfPost.values().stream().filter(s -> s.size() == 2).count();
    assertTrue(underBoth > 100, "posts found under both tags of a brand: " + underBoth);
    assertTrue(scan.hashtagsOfPost.values().stream().anyMatch(s -> s.contains("샤넬")));
  }

  @Test
  void instaloaderHasBothShapesAndProfileFiles() {
    assertTrue(scan.loggedOutPosts.size() >= 3 && scan.loggedInPosts.size() >= 3);
    for (JsonNode n : scan.loggedOutPosts) {
      assertTrue(n.get("taken_at_timestamp").isIntegralNumber());
      String text = n.get("edge_media_to_caption").get("edges").get(0).get("node").get("text").asText();
      assertTrue(text.contains("#육아일기"), text);
      assertTrue(n.has("edge_media_preview_like") || n.has("edge_liked_by"));
      assertTrue(n.get("edge_media_to_comment").get("count").isIntegralNumber());
      assertTrue(n.get("owner").get("username").isTextual());
      assertTrue(Set.of("GraphImage", "GraphVideo", "GraphSidecar").contains(n.get("__typename").asText()));
      assertTrue(n.get("is_video").isBoolean());
    }
    for (JsonNode n : scan.loggedInPosts) {
      assertTrue(n.get("date").isIntegralNumber());
      assertTrue(n.get("caption").asText().contains("#육아일기"));
      assertTrue(n.get("comments").isIntegralNumber());
      assertTrue(n.get("owner").get("username").isTextual());
      assertTrue(n.get("owner").has("full_name"));
    }
    assertEquals(3, scan.profileNodes.size());
    assertEquals(3, summary.skippedFiles());
    assertTrue(summary.xzFiles() >= 1);
    // Enough distinct words for a word cloud: captions are not a handful of fixed strings.
    long distinctCaptions = java.util.stream.Stream.concat(
            scan.loggedOutPosts.stream().map(n -> n.get("edge_media_to_caption").toString()),
            scan.loggedInPosts.stream().map(n -> n.get("caption").asText()))
        .distinct().count();
    assertEquals(summary.crawlPosts(), distinctCaptions);
    long distinctWords = java.util.stream.Stream.concat(
            scan.loggedOutPosts.stream().map(n ->
                n.get("edge_media_to_caption").get("edges").get(0).get("node").get("text").asText()),
            scan.loggedInPosts.stream().map(n -> n.get("caption").asText()))
        .flatMap(c -> java.util.Arrays.stream(c.split("\\s+")))
        .distinct().count();
    assertTrue(distinctWords >= 150, "distinct words " + distinctWords);
  }

  @Test
  void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot(@TempDir Path dir) throws IOException {
    GeneratorConfig small = GeneratorConfig.defaults().withDays(1).withBrands(3).withScale(0.3).withCrawlAccounts(2);
    LandingGenerator.generate(dir.resolve("a"), small);
    LandingGenerator.generate(dir.resolve("b"), small);
    LandingGenerator.generate(dir.resolve("c"), small.withSeed(43));
    List<String> a = ZoneScan.of(dir.resolve("a")).relativePaths;
    assertEquals(a, ZoneScan.of(dir.resolve("b")).relativePaths);
    for (String rel : a) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(rel)),
          Files.readAllBytes(dir.resolve("b").resolve(rel)), rel);
    }
    String probe = "graph/dt=2023-08-28/business_discovery_040015.jsonl";
    Path c = dir.resolve("c").resolve(probe);
    Path cgz = dir.resolve("c").resolve(probe + ".gz");
    byte[] other = Files.readAllBytes(Files.exists(c) ? c : cgz);
    Path aFile = dir.resolve("a").resolve(probe);
    byte[] mine = Files.readAllBytes(Files.exists(aFile) ? aFile : dir.resolve("a").resolve(probe + ".gz"));
    assertFalse(java.util.Arrays.equals(mine, other));
  }

  @Test
  void faultsOffGivesACleanZone(@TempDir Path dir) throws IOException {
    GenerationSummary s = LandingGenerator.generate(dir.resolve("clean"),
        GeneratorConfig.defaults().withDays(1).withScale(0.5).withFaults(false));
    ZoneScan clean = ZoneScan.of(dir.resolve("clean"));
    assertEquals(0, s.totalRejected());
    assertTrue(clean.rejects.isEmpty(), clean.rejects.toString());
    // Only the field the hashtag endpoints never return is absent.
    assertEquals(Map.of("media", Map.of("media_product_type",
        s.graphMediaByKind().get("hashtag_recent_media") + s.graphMediaByKind().get("hashtag_top_media"))),
        s.defaults());
    assertEquals(clean.defaults, s.defaults());
  }

  @Test
  void refusesToWriteOverAnExistingZone(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("graph"));
    assertThrows(IllegalStateException.class,
        () -> LandingGenerator.generate(dir, GeneratorConfig.defaults().withDays(1).withBrands(1)));
  }

  @Test
  void startDateAndDaysChooseThePartitions(@TempDir Path dir) throws IOException {
    LandingGenerator.generate(dir, GeneratorConfig.defaults().withStartDate(LocalDate.of(2024, 2, 28))
        .withDays(2).withBrands(1).withScale(0.1).withCrawlAccounts(0));
    try (var list = Files.list(dir.resolve("graph"))) {
      assertEquals(List.of("dt=2024-02-28", "dt=2024-02-29"),
          list.map(p -> p.getFileName().toString()).sorted().toList());
    }
    assertFalse(Files.exists(dir.resolve("instaloader").resolve("minjun_mom_diary")));
  }
}
