package io.buzzbeam.transforms.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into UTF-8 records — its lines, or the whole stream as one record — and
 * hands each over as soon as it is read, so that the records before a corrupt or truncated part
 * of a file are kept even when reading then fails. An unterminated last line is a line only when
 * the stream ends cleanly: a fragment cut off by a read error is dropped.
 *
 * <p>A record never takes more than {@code maxBytes} (plus a byte order mark and a carriage
 * return) of memory: the bytes of a longer one are skipped as they stream by, and it is handed
 * over as {@link RecordConsumer#oversized} with its first {@link RawText#OVERSIZED_PREFIX_BYTES}.
 * A record whose bytes are not UTF-8 is handed over as {@link RecordConsumer#notUtf8}, decoded
 * with U+FFFD replacements, rather than silently altered.
 */
final class LineReader {

  /** Receives the records of a stream, by their 1-based number. */
  interface RecordConsumer {
    void record(long number, String text);

    /** Longer than the limit: the record's first bytes, decoded. */
    void oversized(long number, String prefix);

    /** Not valid UTF-8: the record decoded with replacement characters. */
    void notUtf8(long number, String replaced);
  }

  /** Room for a UTF-8 byte order mark and a carriage return, which are not part of a record. */
  private static final int FRAMING_BYTES = 4;

  private LineReader() {}

  /** Each line of {@code in} (split on {@code \n}; a trailing {@code \r} is dropped) is a record. */
  static void forEachLine(InputStream in, int maxBytes, RecordConsumer consumer) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    Record line = new Record(maxBytes);
    long number = 0;
    int n;
    while ((n = in.read(chunk)) != -1) {
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (chunk[i] == '\n') {
          line.append(chunk, start, i - start);
          line.handOver(++number, consumer);
          start = i + 1;
        }
      }
      line.append(chunk, start, n - start);
    }
    if (!line.isEmpty()) {
      line.handOver(++number, consumer);
    }
  }

  /** The whole of {@code in} is record 1 (an Instaloader post file). */
  static void whole(InputStream in, int maxBytes, RecordConsumer consumer) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    Record all = new Record(maxBytes);
    int n;
    while ((n = in.read(chunk)) != -1) {
      all.append(chunk, 0, n);
    }
    all.handOver(1, consumer);
  }

  /** The bytes of one record, up to its limit; past it only the fact that there were more. */
  private static final class Record {
    private final int maxBytes;
    private final int capacity;
    private byte[] bytes = new byte[1024];
    private int size;
    private boolean overflowed;

    Record(int maxBytes) {
      this.maxBytes = maxBytes;
      this.capacity = maxBytes + FRAMING_BYTES;
    }

    boolean isEmpty() {
      return size == 0 && !overflowed;
    }

    void append(byte[] from, int offset, int length) {
      if (overflowed) {
        return;
      }
      int kept = Math.min(length, capacity - size);
      if (size + kept > bytes.length) {
        // Grow by doubling, but never past the limit: a long line costs its limit, no more.
        bytes = Arrays.copyOf(bytes, (int) Math.min(capacity, Math.max(2L * bytes.length, size + kept)));
      }
      System.arraycopy(from, offset, bytes, size, kept);
      size += kept;
      overflowed = kept < length;
    }

    private boolean isStrictUtf8(int from, int to) {
      try {
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes, from, to - from));
        return true;
      } catch (CharacterCodingException e) {
        return false;
      }
    }

    void handOver(long number, RecordConsumer consumer) {
      int from = 0;
      int to = size;
      // A UTF-8 byte order mark on the first record is not part of the JSON.
      if (number == 1
          && to >= 3
          && (bytes[0] & 0xFF) == 0xEF
          && (bytes[1] & 0xFF) == 0xBB
          && (bytes[2] & 0xFF) == 0xBF) {
        from = 3;
      }
      if (!overflowed && to > from && bytes[to - 1] == '\r') {
        to--;
      }
      if (overflowed || to - from > maxBytes) {
        int prefix = Math.min(to - from, RawText.OVERSIZED_PREFIX_BYTES + FRAMING_BYTES);
        consumer.oversized(
            number,
            RawText.of(
                new String(bytes, from, prefix, StandardCharsets.UTF_8), RawText.OVERSIZED_PREFIX_BYTES));
      } else {
        // The JDK's lenient decoding is intrinsic and fast, and equals the strict one on valid
        // UTF-8; only a record where it produced U+FFFD (malformed input, or a real U+FFFD) is
        // decoded again strictly to tell the two apart.
        String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0 || isStrictUtf8(from, to)) {
          consumer.record(number, text);
        } else {
          consumer.notUtf8(number, text);
        }
      }
      // A long line's buffer is not kept for the next ones.
      if (bytes.length > 64 * 1024) {
        bytes = new byte[1024];
      }
      size = 0;
      overflowed = false;
    }
  }
}
