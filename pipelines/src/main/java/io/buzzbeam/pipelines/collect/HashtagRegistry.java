package io.buzzbeam.pipelines.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Hashtag ids and Instagram's hashtag budget, kept on disk in {@code <stateDir>/hashtags.state}.
 *
 * <p>Instagram lets one account query at most 30 unique hashtags (via {@code ig_hashtag_search})
 * in a rolling 7 days; a hashtag counts from its first query for 7 days, and querying it again in
 * that time neither counts again nor restarts its timer. Hashtag ids never change, so an id found
 * once is cached and the hashtag is never searched again; the registry records when each search
 * was made, and refuses a search that would be the 31st in the window.
 *
 * <p>The file is JSON but named {@code .state} so that the pipeline, which reads {@code *.json}
 * files under the landing zone, never mistakes it for data. Read-modify-write cycles hold a file
 * lock, so the hourly and the 5-minute collectors may overlap safely.
 */
final class HashtagRegistry {
  static final Duration WINDOW = Duration.ofDays(7);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Path lockFile;
  private final Clock clock;
  private final int limit;

  HashtagRegistry(Path stateDir, Clock clock, int limit) {
    this.file = stateDir.resolve("hashtags.state");
    this.lockFile = stateDir.resolve("hashtags.state.lock");
    this.clock = clock;
    this.limit = limit;
  }

  /** The id found by an earlier search, if any. */
  Optional<String> cachedId(String hashtag) throws IOException {
    return locked(state -> {
      JsonNode e = state.path(hashtag);
      return Optional.ofNullable(e.hasNonNull("id") ? e.get("id").asText() : null);
    }, false);
  }

  /**
   * Records that {@code hashtag} is about to be searched, or refuses if that would exceed the
   * limit. Recorded before the call because Instagram counts the query even if it fails.
   */
  void reserveSearch(String hashtag) throws IOException, HashtagLimitException {
    Instant now = clock.instant();
    String refusal = locked(state -> {
      JsonNode e = state.path(hashtag);
      if (inWindow(e, now)) {
        return null; // already counted; its timer keeps running from the first query
      }
      Map<String, Instant> active = activeSearches(state, now);
      if (active.size() >= limit) {
        Instant frees = active.values().stream().min(Comparator.naturalOrder()).orElse(now).plus(WINDOW);
        return "hashtag #" + hashtag + " not collected: Instagram allows " + limit
            + " unique hashtags per 7 days and " + active.size() + " were searched since "
            + now.minus(WINDOW) + " (" + active.keySet().stream().map(t -> "#" + t)
                .collect(Collectors.joining(", "))
            + "); the next slot frees at " + frees + ". Remove hashtags from --targets or wait.";
      }
      ObjectNode entry = state.putObject(hashtag);
      if (e.hasNonNull("id")) {
        entry.put("id", e.get("id").asText());
      }
      entry.put("searched_at", now.toString());
      return null;
    }, true);
    if (refusal != null) {
      throw new HashtagLimitException(refusal);
    }
  }

  /** Caches the id a search returned. */
  void rememberId(String hashtag, String id) throws IOException {
    locked(state -> {
      JsonNode e = state.path(hashtag);
      ObjectNode entry = state.putObject(hashtag);
      entry.put("id", id);
      if (e.hasNonNull("searched_at")) {
        entry.put("searched_at", e.get("searched_at").asText());
      }
      return null;
    }, true);
  }

  /** Hashtags searched in the last 7 days, with the time of their (first) search. */
  Map<String, Instant> activeSearches() throws IOException {
    Instant now = clock.instant();
    return locked(state -> activeSearches(state, now), false);
  }

  private static Map<String, Instant> activeSearches(ObjectNode state, Instant now) {
    Map<String, Instant> active = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = state.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (inWindow(e.getValue(), now)) {
        active.put(e.getKey(), Instant.parse(e.getValue().get("searched_at").asText()));
      }
    }
    return active;
  }

  private static boolean inWindow(JsonNode entry, Instant now) {
    if (!entry.hasNonNull("searched_at")) {
      return false;
    }
    try {
      return Instant.parse(entry.get("searched_at").asText()).plus(WINDOW).isAfter(now);
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  private interface StateAction<T> {
    T apply(ObjectNode hashtags);
  }

  private <T> T locked(StateAction<T> action, boolean write) throws IOException {
    Files.createDirectories(file.getParent());
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = ch.lock()) {
      ObjectNode root = read();
      ObjectNode hashtags = root.with("hashtags");
      T result = action.apply(hashtags);
      if (write) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      return result;
    }
  }

  private ObjectNode read() throws IOException {
    if (!Files.exists(file)) {
      ObjectNode root = JSON.createObjectNode();
      root.put("about", "buzzbeam collect: Instagram hashtag ids and search times (30 unique per 7 days)");
      return root;
    }
    JsonNode n;
    try {
      n = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException("hashtag state " + file + " is corrupt; move it away to start over", e);
    }
    if (n == null || !n.isObject()) {
      throw new IOException("hashtag state " + file + " is not a JSON object; move it away to start over");
    }
    return (ObjectNode) n;
  }
}
