package io.buzzbeam.transforms.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small readers for JSON values with the SPEC §2 conventions (a JSON {@code null} is absent). */
final class JsonValues {

  /** Fails on {@code {"a":1} junk}: a record must be exactly one JSON value. */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonValues() {}

  /** The one JSON value of a record's text, or null when it is not exactly one JSON value. */
  static JsonNode parse(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      // Empty input reads as a missing node: no JSON value at all.
      return node == null || node.isMissingNode() ? null : node;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** {@code node} if it is an object, else an empty object: every field of it is then absent. */
  static JsonNode objectOrEmpty(JsonNode node) {
    return node != null && node.isObject() ? node : JSON.createObjectNode();
  }

  /** {@code object} without {@code key}, as a copy (the original is left as it is). */
  static ObjectNode without(JsonNode object, String key) {
    ObjectNode copy = ((ObjectNode) object).deepCopy();
    copy.remove(key);
    return copy;
  }

  /** The first node that is not {@link #absent}, or null. */
  static JsonNode firstPresent(JsonNode... nodes) {
    for (JsonNode node : nodes) {
      if (!absent(node)) {
        return node;
      }
    }
    return null;
  }

  /** {@code text}, or null when it is null or blank. */
  static String nonBlank(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  /** Absent: no such key, or an explicit JSON {@code null}. */
  static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  /**
   * The value of an integer field, or null if it is not a JSON integral number ≥ 0 that fits a
   * long. Strings ({@code "12"}), fractions ({@code 12.5}, {@code 12.0}) and negatives are not.
   */
  static Long nonNegativeInteger(JsonNode node) {
    if (absent(node) || !node.isIntegralNumber() || !node.canConvertToLong()) {
      return null;
    }
    long value = node.longValue();
    return value >= 0 ? value : null;
  }

  /**
   * An identifier: a non-blank string, or an integral number (some clients write ids as numbers).
   * Null otherwise.
   */
  static String identifier(JsonNode node) {
    if (absent(node)) {
      return null;
    }
    if (node.isTextual()) {
      String text = node.textValue().trim();
      return text.isEmpty() ? null : text;
    }
    if (node.isIntegralNumber()) {
      return node.asText();
    }
    return null;
  }

  /** A scalar as text (numbers and booleans as written); null for absent values and containers. */
  static String scalarText(JsonNode node) {
    if (absent(node) || node.isContainerNode()) {
      return null;
    }
    return node.isTextual() ? node.textValue() : node.asText();
  }

  /**
   * Whether {@code text} holds a NUL or another control character (Unicode category Cc). Such a
   * key (id, username, brand, hashtag) is invalid (SPEC §2 Limits): PostgreSQL refuses NUL, and
   * control characters in a key are corruption, not data.
   */
  static boolean holdsControlCharacter(String text) {
    return text != null && text.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL);
  }

  /** A string value; null for anything else. */
  static String string(JsonNode node) {
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  /** {@code node.path(a).path(b)...}, safe on absent nodes. */
  static JsonNode at(JsonNode node, String... path) {
    JsonNode current = node;
    for (String key : path) {
      if (current == null) {
        return null;
      }
      current = current.get(key);
    }
    return current;
  }
}
