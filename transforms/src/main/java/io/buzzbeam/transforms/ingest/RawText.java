package io.buzzbeam.transforms.ingest;

import java.nio.charset.StandardCharsets;

/** The raw text kept in a dead letter: at most 64 KiB of UTF-8, cut on a character boundary. */
public final class RawText {

  private RawText() {}

  public static final int MAX_BYTES = 64 * 1024;

  public static String truncate(String text) {
    if (text == null) {
      return "";
    }
    // Cheap exit: a UTF-8 char takes at most 3 bytes per UTF-16 unit.
    if (text.length() * 3L <= MAX_BYTES) {
      return text;
    }
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int width = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + width > MAX_BYTES) {
        break;
      }
      bytes += width;
      i += Character.charCount(cp);
    }
    return i == text.length() ? text : text.substring(0, i);
  }

  static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
