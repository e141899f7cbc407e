package io.buzzbeam.pipelines.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Shared helpers for the collector tests (and for the integrator's end-to-end test). */
public final class CollectTestSupport {
  static final ObjectMapper JSON = new ObjectMapper();
  /** SPEC §1a layout as the collector writes it. */
  static final Pattern LANDING_FILE =
      Pattern.compile("graph/dt=\\d{4}-\\d{2}-\\d{2}/(business_discovery|hashtag_recent_media|hashtag_top_media)_\\d{6}(_\\d+)?\\.jsonl");

  private CollectTestSupport() {}

  /** The result of one {@code collect} invocation, with everything it printed. */
  public record Run(int exit, String out, String err) {}

  /** One envelope line with the file it came from. */
  public record Envelope(String file, String line, JsonNode json) {
    String kind() {
      return json.path("kind").asText();
    }

    String brand() {
      return json.path("brand").asText();
    }

    JsonNode response() {
      return json.path("response");
    }
  }

  public static Path writeTargets(Path dir, String yaml) throws IOException {
    Path f = dir.resolve("targets.yaml");
    Files.writeString(f, yaml, StandardCharsets.UTF_8);
    return f;
  }

  public static Run run(String[] args) throws Exception {
    return run(args, Map.of(AccessToken.ENV, FakeGraphApi.TOKEN), Clock.systemUTC(), Sleeper.REAL);
  }

  public static Run run(String[] args, Map<String, String> env, Clock clock, Sleeper sleeper) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = new CollectCommand(o, e, env, clock, sleeper).run(args);
    }
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Every {@code *.jsonl} line under {@code landing}, each checked against SPEC §1a. */
  public static List<Envelope> readEnvelopes(Path landing) throws IOException {
    List<Envelope> all = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(landing)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().collect(Collectors.toList());
    }
    for (Path f : files) {
      String rel = landing.relativize(f).toString().replace('\\', '/');
      assertTrue(LANDING_FILE.matcher(rel).matches(), "landing file name " + rel);
      String content = Files.readString(f, StandardCharsets.UTF_8);
      assertTrue(content.endsWith("\n"), rel + " ends with a newline");
      for (String line : content.split("\n")) {
        JsonNode n = JSON.readTree(line);
        assertSpecEnvelope(rel, n);
        all.add(new Envelope(rel, line, n));
      }
    }
    return all;
  }

  static void assertSpecEnvelope(String file, JsonNode n) {
    String kind = n.path("kind").asText();
    assertTrue(List.of("business_discovery", "hashtag_recent_media", "hashtag_top_media").contains(kind), "kind " + kind);
    assertTrue(file.contains("/" + kind + "_"), "envelope of kind " + kind + " in " + file);
    List<String> keys = new ArrayList<>();
    n.fieldNames().forEachRemaining(keys::add);
    List<String> expected = kind.equals("business_discovery")
        ? List.of("kind", "brand", "collected_at", "response")
        : List.of("kind", "brand", "hashtag", "collected_at", "response");
    assertEquals(expected, keys, "envelope keys");
    assertTrue(n.path("brand").asText().matches("[a-z0-9][a-z0-9_-]*"), "brand key");
    String at = n.path("collected_at").asText();
    assertTrue(at.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z"), "collected_at " + at);
    Instant.parse(at);
    assertTrue(n.path("response").isObject(), "response is an object");
  }

  /** Fails if {@code secret} occurs in any file under {@code dir} or in any of {@code texts}. */
  public static void assertSecretNowhere(String secret, Path dir, String... texts) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).collect(Collectors.toList())) {
        String content = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
        assertFalse(content.contains(secret), "the token leaked into " + f);
        assertFalse(f.toString().contains(secret), "the token is in a file name");
      }
    }
    for (String t : texts) {
      assertFalse(t.contains(secret), "the token leaked into printed output: " + t);
    }
  }

  /** The files (relative, with '/') under {@code dir}. */
  public static List<String> listFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
