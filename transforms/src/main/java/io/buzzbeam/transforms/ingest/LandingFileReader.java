package io.buzzbeam.transforms.ingest;

import io.buzzbeam.transforms.quality.QualityCount;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Reads the bytes of one landing file into {@link RawRecord}s, within {@link LandingLimits}
 * (SPEC §2 Limits): decompression, {@link CappedInputStream}, {@link LineReader}, and the
 * rejections and counts that go with them. Plain Java so that the reading path can be tested —
 * and fuzzed — apart from the pipeline; {@link ReadLandingFileFn} runs it for each file.
 *
 * <p>Decompression happens here, not in the channel, so that a corrupt or truncated archive
 * surfaces as an exception we can turn into an {@code unreadable:file} dead letter (keeping the
 * records read before it) instead of failing the run. A record longer than {@code maxLineBytes}
 * is {@code oversized:line} and the reader goes on after it; a file past {@code maxFileBytes}
 * decompressed is {@code oversized:file} for the rest of it; an xz file needing more memory than
 * allowed is {@code unreadable:file}. A record that is not UTF-8 is {@code malformed:json}; a
 * blank envelope line is {@code skipped} ({@code blank_line}). Such records are rejected here, as
 * items of the model their parse would have given: {@code envelope}, or {@code media} for an
 * Instaloader post.
 */
final class LandingFileReader {

  /** Where the reader puts what it finds. */
  interface Output {
    void record(RawRecord record);

    void rejected(String model, String sourceFile, String position, List<String> reasons, String raw);

    /** Adds one to the quality count (model, metric, field). */
    void count(String model, String metric, String field);
  }

  /** Opens the file's bytes as stored (compressed or not). */
  interface Opener {
    InputStream open() throws IOException;
  }

  private LandingFileReader() {}

  /** Reads the listed landing file {@code file} from disk: how every pipeline step opens one. */
  static void read(LandingFile file, LandingLimits limits, Output out) {
    read(
        file.path,
        LandingFiles.kindOf(file.path),
        // The real path checked when listing; should it have been swapped for a link since, the
        // open fails (unreadable:file) rather than read what the link points to.
        () ->
            new BufferedInputStream(
                Files.newInputStream(Paths.get(file.realPath), LinkOption.NOFOLLOW_LINKS)),
        limits,
        out);
  }

  /** Reads the file {@code relative} (of {@code kind}) whose stored bytes {@code opener} opens. */
  static void read(
      String relative, LandingFiles.Kind kind, Opener opener, LandingLimits limits, Output out) {
    out.count(QualityCount.MODEL_FILE, QualityCount.READ, "");
    boolean envelopes = kind.format.equals(RawRecord.FORMAT_ENVELOPE);
    // A record the reader already rejects is an item of the model its parse would have given.
    String recordModel = envelopes ? QualityCount.MODEL_ENVELOPE : QualityCount.MODEL_MEDIA;
    LineReader.RecordConsumer records =
        new LineReader.RecordConsumer() {
          @Override
          public void record(long number, String text) {
            if (envelopes && text.isBlank()) {
              // A blank line (e.g. a trailing empty line) carries no envelope: skipped, counted.
              out.count(QualityCount.MODEL_ENVELOPE, QualityCount.SKIPPED, QualityCount.FIELD_BLANK_LINE);
              return;
            }
            out.record(new RawRecord(relative, number, kind.format, text));
          }

          @Override
          public void oversized(long number, String prefix) {
            rejectRecord(out, recordModel, relative, number, ReasonCodes.OVERSIZED_LINE, prefix);
          }

          @Override
          public void notUtf8(long number, String replaced) {
            rejectRecord(out, recordModel, relative, number, ReasonCodes.MALFORMED_JSON, replaced);
          }
        };

    Exception failure = null;
    try (InputStream in = open(opener, kind, limits)) {
      if (envelopes) {
        LineReader.forEachLine(in, limits.maxLineBytes, records);
      } else {
        // An Instaloader file holds one post: the whole file is one record.
        LineReader.whole(in, limits.maxLineBytes, records);
      }
    } catch (IOException | RuntimeException e) {
      failure = e;
    }

    if (failure == null) {
      out.count(QualityCount.MODEL_FILE, QualityCount.VALID, "");
      return;
    }
    String reason =
        failure instanceof CappedInputStream.LimitExceeded
            ? ReasonCodes.OVERSIZED_FILE
            : ReasonCodes.UNREADABLE_FILE;
    out.rejected(
        QualityCount.MODEL_FILE,
        relative,
        "0",
        List.of(reason),
        failure.getClass().getName() + ": " + failure.getMessage());
    out.count(QualityCount.MODEL_FILE, QualityCount.REJECTED, "");
    out.count(QualityCount.MODEL_FILE, QualityCount.REJECTED_BY_REASON, reason);
  }

  /** A record read but rejected before parsing: one item of {@code model}, read and rejected. */
  private static void rejectRecord(
      Output out, String model, String relative, long number, String reason, String raw) {
    out.rejected(model, relative, Long.toString(number), List.of(reason), raw);
    out.count(model, QualityCount.READ, "");
    out.count(model, QualityCount.REJECTED, "");
    out.count(model, QualityCount.REJECTED_BY_REASON, reason);
  }

  private static InputStream open(Opener opener, LandingFiles.Kind kind, LandingLimits limits)
      throws IOException {
    InputStream raw = opener.open();
    try {
      InputStream decompressed;
      switch (kind) {
        case JSONL_GZ:
          decompressed = new GZIPInputStream(raw, 64 * 1024);
          break;
        case JSON_XZ:
          // Without a limit, a header asking for a huge dictionary is an OutOfMemoryError; with
          // it, a MemoryLimitException (an IOException): unreadable:file.
          decompressed = new XZInputStream(raw, limits.xzMemoryLimitKiB);
          break;
        default:
          decompressed = raw;
      }
      return new CappedInputStream(decompressed, limits.maxFileBytes);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }
}
