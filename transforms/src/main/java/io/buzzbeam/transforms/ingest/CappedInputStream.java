package io.buzzbeam.transforms.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Passes on the first {@code limit} bytes of a (decompressed) stream and throws
 * {@link LimitExceeded} when the stream holds more: how {@code --maxFileBytes} stops a gzip bomb
 * or an endless file without reading it to the end. A stream of exactly {@code limit} bytes is
 * fine.
 */
final class CappedInputStream extends InputStream {

  /** The stream holds more than the limit. */
  static final class LimitExceeded extends IOException {
    LimitExceeded(long limit) {
      super("decompressed size passes --maxFileBytes=" + limit + "; the rest of the file is not read");
    }
  }

  private final InputStream in;
  private final long limit;
  private long count;

  CappedInputStream(InputStream in, long limit) {
    this.in = in;
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    if (count == limit) {
      return endOrExceeded();
    }
    int b = in.read();
    if (b != -1) {
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (count == limit) {
      return endOrExceeded();
    }
    int n = in.read(buffer, offset, (int) Math.min(length, limit - count));
    if (n > 0) {
      count += n;
    }
    return n;
  }

  /** At the limit: one more byte means the file is too big. */
  private int endOrExceeded() throws IOException {
    if (in.read() != -1) {
      throw new LimitExceeded(limit);
    }
    return -1;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
