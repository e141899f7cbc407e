package io.buzzbeam.pipelines.generate;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * One {@code .jsonl} / {@code .jsonl.gz} landing file, streamed line by line. The last line is
 * held back until the next one arrives (or the file closes) so that a file planned as truncated
 * can cut its last line short, as a collector killed mid-write would, and so the summary only
 * counts what the reader will actually see.
 */
final class LandingFileWriter implements Closeable {
  private final Path path;
  private final boolean gzip;
  private OutputStream out; // opened with the first line: an hour without polls leaves no file
  private final boolean truncateLast;
  private final SummaryTally tally;
  private byte[] pending;
  private LineTally pendingTally;

  /** Java's GZIPOutputStream writes a zero mtime, so gzip output is reproducible too. */
  LandingFileWriter(Path path, boolean gzip, boolean truncateLast, SummaryTally tally) {
    this.path = path;
    this.gzip = gzip;
    this.truncateLast = truncateLast;
    this.tally = tally;
  }

  private void open() throws IOException {
    Files.createDirectories(path.getParent());
    OutputStream file = Files.newOutputStream(path);
    out = gzip ? new GZIPOutputStream(file, 1 << 16) : new BufferedOutputStream(file, 1 << 16);
    tally.files++;
    tally.graphFiles++;
    if (gzip) {
      tally.gzipFiles++;
    }
  }

  void write(ByteArrayOutputStream line, LineTally lineTally) throws IOException {
    if (out == null) {
      open();
    }
    flushPending();
    pending = line.toByteArray();
    pendingTally = lineTally;
  }

  private void flushPending() throws IOException {
    if (pending != null) {
      out.write(pending);
      out.write('\n');
      tally.commit(pendingTally, false);
      pending = null;
    }
  }

  @Override
  public void close() throws IOException {
    if (out == null) {
      return;
    }
    if (pending != null && truncateLast) {
      // Cut somewhere in the middle; no newline follows, the file just ends.
      int cut = Math.max(1, pending.length * 3 / 5);
      out.write(pending, 0, cut);
      tally.commit(pendingTally, true);
      pending = null;
    } else {
      flushPending();
    }
    out.close();
    tally.bytes += Files.size(path);
  }
}
