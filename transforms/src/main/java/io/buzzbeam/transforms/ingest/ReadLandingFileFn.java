package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.QualityCounters;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;
import org.tukaani.xz.XZInputStream;

/**
 * Reads one landing file as a stream into {@link RawRecord}s. The channel is opened uncompressed
 * and decompressed here, so that a corrupt or truncated archive surfaces as an exception we can
 * turn into an {@code unreadable:file} dead letter (keeping the lines read before it) instead of
 * failing the run.
 *
 * <p>{@link LandingLimits} bound what a file can cost (SPEC §2 Limits): a record longer than
 * {@code maxLineBytes} is an {@code oversized:line} dead letter and the reader goes on after it; a
 * file past {@code maxFileBytes} decompressed is an {@code oversized:file} dead letter for the rest
 * of it; an xz file needing more memory than allowed is {@code unreadable:file}. A record that is
 * not UTF-8 is {@code malformed:json}; a blank envelope line is {@code skipped} ({@code
 * blank_line}). Such records are rejected here, as items of the model their parse would have
 * given: {@code envelope}, or {@code media} for an Instaloader post.
 */
class ReadLandingFileFn extends DoFn<LandingFile, RawRecord> {

  private final String runId;
  private final LandingLimits limits;
  private final TupleTag<RejectedItem> rejectedTag;
  private final TupleTag<QualityCount> qualityTag;
  private final QualityCounters counters = new QualityCounters();

  ReadLandingFileFn(
      String runId,
      LandingLimits limits,
      TupleTag<RejectedItem> rejectedTag,
      TupleTag<QualityCount> qualityTag) {
    this.runId = runId;
    this.limits = limits;
    this.rejectedTag = rejectedTag;
    this.qualityTag = qualityTag;
  }

  @ProcessElement
  public void processElement(@Element LandingFile file, MultiOutputReceiver out) {
    String relative = file.path;
    LandingFiles.Kind kind = LandingFiles.kindOf(relative);
    out.get(qualityTag).output(count(QualityCount.MODEL_FILE, QualityCount.READ, ""));

    boolean envelopes = kind.format.equals(RawRecord.FORMAT_ENVELOPE);
    // A record the reader already rejects is an item of the model its parse would have given.
    String recordModel = envelopes ? QualityCount.MODEL_ENVELOPE : QualityCount.MODEL_MEDIA;
    LineReader.RecordConsumer records =
        new LineReader.RecordConsumer() {
          @Override
          public void record(long number, String text) {
            if (envelopes && text.isBlank()) {
              // A blank line (e.g. a trailing empty line) carries no envelope: skipped, counted.
              out.get(qualityTag)
                  .output(
                      count(QualityCount.MODEL_ENVELOPE, QualityCount.SKIPPED, QualityCount.FIELD_BLANK_LINE));
              return;
            }
            out.get(ReadLanding.RECORDS).output(new RawRecord(relative, number, kind.format, text));
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
    try (InputStream in = open(file, kind)) {
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
      out.get(qualityTag).output(count(QualityCount.MODEL_FILE, QualityCount.VALID, ""));
    } else {
      String reason =
          failure instanceof CappedInputStream.LimitExceeded
              ? ReasonCodes.OVERSIZED_FILE
              : ReasonCodes.UNREADABLE_FILE;
      out.get(rejectedTag)
          .output(
              DeadLetters.of(
                  runId,
                  QualityCount.MODEL_FILE,
                  relative,
                  "0",
                  List.of(reason),
                  failure.getClass().getName() + ": " + failure.getMessage()));
      out.get(qualityTag).output(count(QualityCount.MODEL_FILE, QualityCount.REJECTED, ""));
      out.get(qualityTag).output(count(QualityCount.MODEL_FILE, QualityCount.REJECTED_BY_REASON, reason));
    }
  }

  /** A record read but rejected before parsing: one item of {@code model}, read and rejected. */
  private void rejectRecord(
      MultiOutputReceiver out, String model, String relative, long number, String reason, String raw) {
    out.get(rejectedTag)
        .output(DeadLetters.of(runId, model, relative, Long.toString(number), List.of(reason), raw));
    out.get(qualityTag).output(count(model, QualityCount.READ, ""));
    out.get(qualityTag).output(count(model, QualityCount.REJECTED, ""));
    out.get(qualityTag).output(count(model, QualityCount.REJECTED_BY_REASON, reason));
  }

  private QualityCount count(String model, String metric, String field) {
    return counters.increment(model, metric, field, 1);
  }

  private InputStream open(LandingFile file, LandingFiles.Kind kind) throws IOException {
    // The real path checked when listing; should it have been swapped for a link since, the
    // open fails (unreadable:file) rather than read what the link points to.
    InputStream raw =
        new BufferedInputStream(
            Files.newInputStream(Paths.get(file.realPath), LinkOption.NOFOLLOW_LINKS));
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
