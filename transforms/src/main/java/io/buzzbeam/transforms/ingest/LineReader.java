package io.buzzbeam.transforms.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into UTF-8 lines and hands each complete line over as soon as it is read,
 * so that the lines before a corrupt or truncated part of a file are kept even when reading then
 * fails. An unterminated last line is a line only when the stream ends cleanly: a fragment cut
 * off by a read error is dropped.
 */
final class LineReader {

  /** Receives one line: its 1-based number and its text (without the line terminator). */
  interface LineConsumer {
    void accept(long lineNumber, String text);
  }

  private LineReader() {}

  static void forEachLine(InputStream in, LineConsumer consumer) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    long lineNumber = 0;
    int n;
    while ((n = in.read(buffer)) != -1) {
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (buffer[i] == '\n') {
          line.write(buffer, start, i - start);
          consumer.accept(++lineNumber, decode(line, lineNumber));
          line.reset();
          start = i + 1;
        }
      }
      line.write(buffer, start, n - start);
    }
    if (line.size() > 0) {
      consumer.accept(++lineNumber, decode(line, lineNumber));
    }
  }

  private static String decode(ByteArrayOutputStream line, long lineNumber) {
    byte[] bytes = line.toByteArray();
    int from = 0;
    int to = bytes.length;
    // A UTF-8 byte order mark on the first line is not part of the JSON.
    if (lineNumber == 1
        && to >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF) {
      from = 3;
    }
    if (to > from && bytes[to - 1] == '\r') {
      to--;
    }
    return new String(bytes, from, to - from, StandardCharsets.UTF_8);
  }
}
