package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.QualityCounters;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
 */
class ReadLandingFileFn extends DoFn<LandingFile, RawRecord> {

  private final String runId;
  private final TupleTag<RejectedItem> rejectedTag;
  private final TupleTag<QualityCount> qualityTag;
  private final QualityCounters counters = new QualityCounters();

  ReadLandingFileFn(
      String runId,
      TupleTag<RejectedItem> rejectedTag,
      TupleTag<QualityCount> qualityTag) {
    this.runId = runId;
    this.rejectedTag = rejectedTag;
    this.qualityTag = qualityTag;
  }

  @ProcessElement
  public void processElement(@Element LandingFile file, MultiOutputReceiver out) {
    String relative = file.path;
    LandingFiles.Kind kind = LandingFiles.kindOf(relative);
    out.get(qualityTag).output(count(QualityCount.READ, "", 1));

    Exception failure = null;
    try (InputStream in = open(file, kind)) {
      if (kind.format.equals(RawRecord.FORMAT_ENVELOPE)) {
        LineReader.forEachLine(
            in,
            (lineNumber, text) -> {
              // Blank lines (e.g. a trailing empty line) carry no envelope.
              if (!text.isBlank()) {
                out.get(ReadLanding.RECORDS)
                    .output(new RawRecord(relative, lineNumber, kind.format, text));
              }
            });
      } else {
        // An Instaloader file holds one small JSON object: reading it whole is fine.
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
          text = text.substring(1);
        }
        out.get(ReadLanding.RECORDS).output(new RawRecord(relative, 1, kind.format, text));
      }
    } catch (IOException | RuntimeException e) {
      failure = e;
    }

    if (failure == null) {
      out.get(qualityTag).output(count(QualityCount.VALID, "", 1));
    } else {
      out.get(rejectedTag)
          .output(
              DeadLetters.of(
                  runId,
                  QualityCount.MODEL_FILE,
                  relative,
                  "0",
                  List.of(ReasonCodes.UNREADABLE_FILE),
                  failure.getClass().getName() + ": " + failure.getMessage()));
      out.get(qualityTag).output(count(QualityCount.REJECTED, "", 1));
      out.get(qualityTag)
          .output(count(QualityCount.REJECTED_BY_REASON, ReasonCodes.UNREADABLE_FILE, 1));
    }
  }

  private QualityCount count(String metric, String field, long n) {
    return counters.increment(QualityCount.MODEL_FILE, metric, field, n);
  }

  private static InputStream open(LandingFile file, LandingFiles.Kind kind) throws IOException {
    // The real path checked when listing; should it have been swapped for a link since, the
    // open fails (unreadable:file) rather than read what the link points to.
    InputStream raw =
        new BufferedInputStream(
            Files.newInputStream(Paths.get(file.realPath), LinkOption.NOFOLLOW_LINKS));
    try {
      switch (kind) {
        case JSONL_GZ:
          return new GZIPInputStream(raw, 64 * 1024);
        case JSON_XZ:
          return new XZInputStream(raw);
        default:
          return raw;
      }
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }
}
