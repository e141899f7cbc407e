package io.buzzbeam.transforms.ingest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every value of the small plain records of the fuzz corpus (real Graph API bodies and
 * Instaloader files, generator output, past crashes) replaced, one at a time, by each JSON type
 * and edge value, and each result checked with the fuzz harness's invariants ({@link
 * FuzzedLandingFile}). Byte-level fuzzing reaches such swaps slowly: a profile {@code name} that
 * is an object, which threw, went unfound in two minutes of it.
 */
class FieldTypeSweepTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_PAYLOAD_BYTES = 16 * 1024;
  private static final List<String> REPLACEMENTS =
      List.of(
          "null", "{}", "[]", "{\"text\":\"x\"}", "[\"x\"]", "\"\"", "\" \"", "\"a\\u0000b\"",
          "\"a\\tb\"", "-1", "0", "1.5", "9223372036854775808", "1e400", "true", "\"x\"",
          "253402300800", "\"9999-12-31T23:59:59+0000\"");

  @TestFactory
  Stream<DynamicTest> everyValueSwappedForEveryJsonTypeEndsValidRejectedOrSkipped()
      throws IOException, URISyntaxException {
    Path corpus =
        Paths.get(
            FieldTypeSweepTest.class
                .getResource("LandingReaderFuzzTestInputs/everyInputEndsValidRejectedOrSkipped")
                .toURI());
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(corpus)) {
      for (Path file : (Iterable<Path>) files.sorted()::iterator) {
        byte[] input = Files.readAllBytes(file);
        boolean plain = input.length > 2 && ((input[0] >> 1) & 3) % 3 == 0;
        if (plain && input.length - 2 <= MAX_PAYLOAD_BYTES) {
          tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> sweep(input)));
        }
      }
    }
    assertTrue(tests.size() >= 10, "the corpus has its small plain seeds");
    return tests.stream();
  }

  /** Each line that is a JSON object, each value in it, each replacement. */
  private static void sweep(byte[] input) throws IOException {
    byte[] payload = Arrays.copyOfRange(input, 2, input.length);
    String[] lines = new String(payload, StandardCharsets.UTF_8).split("\n", -1);
    boolean envelopes = (input[0] & 1) == 0;
    if (!envelopes) {
      lines = new String[] {String.join("\n", lines)}; // an Instaloader file is one record
    }
    for (int i = 0; i < lines.length; i++) {
      JsonNode root = JsonValues.parse(lines[i]);
      if (root == null || !root.isContainerNode()) {
        continue;
      }
      for (List<Object> path : paths(root, new ArrayList<>(), new ArrayList<>())) {
        for (String replacement : REPLACEMENTS) {
          String[] swapped = lines.clone();
          swapped[i] = JSON.writeValueAsString(replaced(root, path, JSON.readTree(replacement)));
          byte[] bytes = String.join(envelopes ? "\n" : "", swapped).getBytes(StandardCharsets.UTF_8);
          try {
            FuzzedLandingFile.check(FuzzedLandingFile.input(input[0], input[1], bytes));
          } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("line " + (i + 1) + ", " + path + " := " + replacement, e);
          }
        }
      }
    }
  }

  /** The path (keys and indexes) of every value under {@code node}. */
  private static List<List<Object>> paths(JsonNode node, List<Object> at, List<List<Object>> out) {
    if (node.isObject()) {
      for (var fields = node.fields(); fields.hasNext(); ) {
        var field = fields.next();
        List<Object> path = new ArrayList<>(at);
        path.add(field.getKey());
        out.add(path);
        paths(field.getValue(), path, out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        List<Object> path = new ArrayList<>(at);
        path.add(i);
        out.add(path);
        paths(node.get(i), path, out);
      }
    }
    return out;
  }

  private static JsonNode replaced(JsonNode root, List<Object> path, JsonNode value) {
    JsonNode copy = root.deepCopy();
    JsonNode parent = copy;
    for (Object step : path.subList(0, path.size() - 1)) {
      parent = step instanceof Integer ? parent.get((Integer) step) : parent.get((String) step);
    }
    Object last = path.get(path.size() - 1);
    if (last instanceof Integer) {
      ((ArrayNode) parent).set((Integer) last, value);
    } else {
      ((ObjectNode) parent).set((String) last, value);
    }
    return copy;
  }
}
