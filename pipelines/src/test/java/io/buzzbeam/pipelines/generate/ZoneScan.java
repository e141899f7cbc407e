package io.buzzbeam.pipelines.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * An independent reading of a generated zone for the tests: walks the files, parses every line
 * and post with Jackson, and counts what SPEC §2 would read, reject and default — without
 * using any generator code, so the summary is checked against the bytes on disk.
 */
final class ZoneScan {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Set<String> MEDIA_TYPES = Set.of("IMAGE", "VIDEO", "CAROUSEL_ALBUM");

  long files;
  long graphFiles;
  long gzipFiles;
  long instaloaderFiles;
  long xzFiles;
  long lines;
  long profiles;
  long graphMedia;
  long crawlPosts;
  long skipped;
  final Map<String, Long> linesByKind = new TreeMap<>();
  final Map<String, Map<String, Long>> rejects = new TreeMap<>();
  final Map<String, Map<String, Long>> defaults = new TreeMap<>();
  final Set<String> brandMedia = new HashSet<>();
  final Set<String> hashtagMedia = new HashSet<>();
  final List<String> graphTimestamps = new ArrayList<>();
  final List<String> collectedAts = new ArrayList<>();
  final List<String> relativePaths = new ArrayList<>();
  final List<JsonNode> loggedOutPosts = new ArrayList<>();
  final List<JsonNode> loggedInPosts = new ArrayList<>();
  final List<JsonNode> profileNodes = new ArrayList<>();
  /** brand:id → like counts in collection order, for growth checks. */
  final Map<String, List<Long>> brandLikeHistory = new HashMap<>();
  /** brand:id → hashtags it was found under. */
  final Map<String, Set<String>> hashtagsOfPost = new HashMap<>();
  long brandPollsWithFullPage;
  long brandPolls;
  long recentPolls;
  long recentPollsWithFullPage;

  static ZoneScan of(Path root) throws IOException {
    ZoneScan s = new ZoneScan();
    List<Path> all;
    try (Stream<Path> walk = Files.walk(root)) {
      all = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path p : all) {
      String rel = root.relativize(p).toString().replace('\\', '/');
      s.relativePaths.add(rel);
      s.files++;
      if (rel.endsWith(".jsonl") || rel.endsWith(".jsonl.gz")) {
        s.graphFiles++;
        if (rel.endsWith(".gz")) {
          s.gzipFiles++;
        }
        s.scanGraph(p);
      } else {
        s.instaloaderFiles++;
        if (rel.endsWith(".xz")) {
          s.xzFiles++;
        }
        s.scanInstaloader(p);
      }
    }
    return s;
  }

  static InputStream open(Path p) throws IOException {
    InputStream in = Files.newInputStream(p);
    String name = p.getFileName().toString();
    if (name.endsWith(".gz")) {
      return new GZIPInputStream(in);
    }
    if (name.endsWith(".xz")) {
      return new XZInputStream(in);
    }
    return in;
  }

  void reject(String model, String reason) {
    rejects.computeIfAbsent(model, k -> new TreeMap<>()).merge(reason, 1L, Long::sum);
  }

  void defaulted(String model, String field) {
    defaults.computeIfAbsent(model, k -> new TreeMap<>()).merge(field, 1L, Long::sum);
  }

  private void scanGraph(Path p) throws IOException {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(open(p), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines++;
        JsonNode env;
        try {
          env = MAPPER.readTree(line);
        } catch (IOException e) {
          reject("envelope", "malformed:json");
          // The kind is still readable in a truncated line's prefix.
          String kind = line.substring(9, line.indexOf('"', 9));
          linesByKind.merge(kind, 1L, Long::sum);
          continue;
        }
        String kind = env.get("kind").asText();
        linesByKind.merge(kind, 1L, Long::sum);
        collectedAts.add(env.get("collected_at").asText());
        JsonNode resp = env.get("response");
        if (resp.has("error")) {
          reject("envelope", "api_error:" + resp.get("error").get("code").asInt());
          continue;
        }
        String brand = env.get("brand").asText();
        JsonNode data;
        boolean bd = kind.equals("business_discovery");
        if (bd) {
          JsonNode prof = resp.get("business_discovery");
          profiles++;
          if (!prof.has("name")) {
            defaulted("profile", "name");
          }
          data = prof.get("media").get("data");
          brandPolls++;
          if (data.size() == 25) {
            brandPollsWithFullPage++;
          }
        } else {
          data = resp.get("data");
          if (kind.equals("hashtag_recent_media")) {
            recentPolls++;
            if (data.size() == 25) {
              recentPollsWithFullPage++;
            }
          }
        }
        for (JsonNode m : data) {
          graphMedia++;
          graphTimestamps.add(m.get("timestamp").asText());
          String key = brand + ":" + m.get("id").asText();
          if (m.has("like_count") && m.get("like_count").asLong() < 0) {
            reject("media", "invalid:like_count");
            continue;
          }
          if (!MEDIA_TYPES.contains(m.get("media_type").asText())) {
            reject("media", "invalid:media_type");
            continue;
          }
          for (String f : List.of("caption", "media_url", "like_count", "media_product_type")) {
            if (!m.has(f)) {
              defaulted("media", f);
            }
          }
          if (bd) {
            brandMedia.add(key);
            brandLikeHistory.computeIfAbsent(key, k -> new ArrayList<>()).add(m.get("like_count").asLong());
          } else {
            hashtagMedia.add(key);
            hashtagsOfPost.computeIfAbsent(key, k -> new HashSet<>()).add(env.get("hashtag").asText());
          }
        }
      }
    }
  }

  private void scanInstaloader(Path p) throws IOException {
    JsonNode doc;
    try (InputStream in = open(p)) {
      doc = MAPPER.readTree(in);
    }
    String nodeType = doc.get("instaloader").get("node_type").asText();
    if (!nodeType.equals("Post")) {
      skipped++;
      profileNodes.add(doc.get("node"));
      return;
    }
    crawlPosts++;
    JsonNode node = doc.get("node");
    if (node.has("taken_at_timestamp")) {
      loggedOutPosts.add(node);
    } else {
      loggedInPosts.add(node);
    }
  }
}
