package io.buzzbeam.transforms.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * An item (media or profile snapshot) being validated: the reasons it is rejected for, in the
 * field order of SPEC §2, and the fields it had defaulted, in the order they were read.
 */
abstract class ItemDraft {

  final List<String> reasons = new ArrayList<>();
  final List<String> defaulted = new ArrayList<>();

  /** Valid when no rule rejected it. */
  boolean valid() {
    return reasons.isEmpty();
  }

  /**
   * Free text that may be absent — a media's {@code media_url} or {@code permalink}, a profile's
   * {@code name}: a scalar as text without NULs; absent, or not a scalar, → null (defaulted).
   */
  String optionalText(JsonNode node, String field) {
    String text = JsonValues.scalarText(node);
    if (text == null) {
      defaulted.add(field);
      return null;
    }
    return withoutNul(text, field);
  }

  /**
   * Free text without its NULs (SPEC §2 Limits), which PostgreSQL {@code text} refuses while the
   * rest of the text is still good data; a field that lost some is counted as defaulted.
   */
  String withoutNul(String text, String field) {
    if (text.indexOf('\0') < 0) {
      return text;
    }
    defaulted.add(field);
    return text.replace("\0", "");
  }
}
