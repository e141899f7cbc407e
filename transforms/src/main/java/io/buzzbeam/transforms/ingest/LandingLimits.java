package io.buzzbeam.transforms.ingest;

import java.io.Serializable;

/**
 * How much of a landing file the reader holds or reads (SPEC §2 "Limits"), so that no input can
 * exhaust a worker's memory: past a limit the input becomes a dead letter, never an
 * {@link OutOfMemoryError}.
 *
 * <ul>
 *   <li>{@code maxLineBytes} ({@code --maxLineBytes}): the longest record, in bytes of UTF-8 without
 *       the line terminator — an envelope line, or a whole Instaloader post file. A longer one is
 *       an {@code oversized:line} dead letter; the reader never buffers more than this.
 *   <li>{@code maxFileBytes} ({@code --maxFileBytes}): the largest decompressed file. Past it, the
 *       file is an {@code oversized:file} dead letter (what came before stays): it also bounds
 *       gzip bombs.
 *   <li>{@code xzMemoryLimitKiB}: what the xz decoder may allocate (mostly its dictionary). A file
 *       that needs more is {@code unreadable:file}.
 * </ul>
 */
public final class LandingLimits implements Serializable {

  public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;
  public static final long DEFAULT_MAX_FILE_BYTES = 4L * 1024 * 1024 * 1024;
  /**
   * 128 MiB: more than any xz preset needs ({@code xz -9}: 65 MiB); what Instaloader writes (Python
   * lzma, preset 6) needs 9 MiB.
   */
  public static final int DEFAULT_XZ_MEMORY_LIMIT_KIB = 128 * 1024;
  /** A line is held whole in memory and travels as one record: 1 GiB is far beyond sane. */
  public static final int MAX_LINE_BYTES_CEILING = 1024 * 1024 * 1024;

  public final int maxLineBytes;
  public final long maxFileBytes;
  public final int xzMemoryLimitKiB;

  private LandingLimits(int maxLineBytes, long maxFileBytes, int xzMemoryLimitKiB) {
    if (maxLineBytes < 1 || maxLineBytes > MAX_LINE_BYTES_CEILING) {
      throw new IllegalArgumentException(
          "--maxLineBytes must be between 1 and " + MAX_LINE_BYTES_CEILING + ", got " + maxLineBytes);
    }
    if (maxFileBytes < 1) {
      throw new IllegalArgumentException("--maxFileBytes must be at least 1, got " + maxFileBytes);
    }
    if (xzMemoryLimitKiB < 1) {
      throw new IllegalArgumentException("xz memory limit must be at least 1 KiB, got " + xzMemoryLimitKiB);
    }
    this.maxLineBytes = maxLineBytes;
    this.maxFileBytes = maxFileBytes;
    this.xzMemoryLimitKiB = xzMemoryLimitKiB;
  }

  public static LandingLimits defaults() {
    return new LandingLimits(DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_FILE_BYTES, DEFAULT_XZ_MEMORY_LIMIT_KIB);
  }

  public LandingLimits withMaxLineBytes(int bytes) {
    return new LandingLimits(bytes, maxFileBytes, xzMemoryLimitKiB);
  }

  public LandingLimits withMaxFileBytes(long bytes) {
    return new LandingLimits(maxLineBytes, bytes, xzMemoryLimitKiB);
  }

  public LandingLimits withXzMemoryLimitKiB(int kib) {
    return new LandingLimits(maxLineBytes, maxFileBytes, kib);
  }
}
