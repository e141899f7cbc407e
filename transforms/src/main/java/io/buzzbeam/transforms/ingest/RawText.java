package io.buzzbeam.transforms.ingest;

import java.nio.charset.StandardCharsets;

/** The raw text kept in a dead letter: at most 64 KiB of UTF-8, cut on a character boundary. */
public final class RawText {

  private RawText() {}

  public static final int MAX_BYTES = 64 * 1024;
  /** What is kept of an {@code oversized:line}, so that its dead letter stays small. */
  public static final int OVERSIZED_PREFIX_BYTES = 1024;

  /**
   * The raw text of a dead letter: cut to {@link #MAX_BYTES}, and with each NUL replaced by
   * U+FFFD, because PostgreSQL {@code text} refuses NUL and a dead letter must always be writable.
   */
  public static String of(String text) {
    return of(text, MAX_BYTES);
  }

  /**
   * {@link #of} cut to {@code maxBytes}. The NULs are replaced before the cut: U+FFFD takes three
   * bytes of UTF-8 where NUL took one, so replacing after it could pass the limit threefold.
   */
  static String of(String text, int maxBytes) {
    return truncate(text == null ? null : text.replace('\0', '\uFFFD'), maxBytes);
  }

  public static String truncate(String text) {
    return truncate(text, MAX_BYTES);
  }

  /** At most {@code maxBytes} of UTF-8, cut on a character boundary. */
  static String truncate(String text, int maxBytes) {
    if (text == null) {
      return "";
    }
    // Cheap exit: a UTF-8 char takes at most 3 bytes per UTF-16 unit.
    if (text.length() * 3L <= maxBytes) {
      return text;
    }
    int bytes = 0;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int width = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      if (bytes + width > maxBytes) {
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
