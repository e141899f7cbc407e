package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.QualityCounters;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;
import org.tukaani.xz.XZInputStream;

/**
 * Reads one landing file as a stream into {@link RawRecord}s. The channel is opened uncompressed
 * and decompressed here, so that a corrupt or truncated archive surfaces as an exception we can
 * turn into an {@code unreadable:file} dead letter (keeping the lines read before it) instead of
 * failing the run.
 */
class ReadLandingFileFn extends DoFn<MatchResult.Metadata, RawRecord> {

  private final String landingDir;
  private final String runId;
  private final TupleTag<RejectedItem> rejectedTag;
  private final TupleTag<QualityCount> qualityTag;
  private final QualityCounters counters = new QualityCounters();

  private transient String landingPrefix;

  ReadLandingFileFn(
      String landingDir,
      String runId,
      TupleTag<RejectedItem> rejectedTag,
      TupleTag<QualityCount> qualityTag) {
    this.landingDir = landingDir;
    this.runId = runId;
    this.rejectedTag = rejectedTag;
    this.qualityTag = qualityTag;
  }

  @Setup
  public void setup() {
    landingPrefix = slashes(FileSystems.matchNewResource(landingDir, true).toString());
    if (!landingPrefix.endsWith("/")) {
      landingPrefix += "/";
    }
  }

  @ProcessElement
  public void processElement(@Element MatchResult.Metadata file, MultiOutputReceiver out) {
    String relative = relativize(file.resourceId().toString());
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

  private static InputStream open(MatchResult.Metadata file, LandingFiles.Kind kind)
      throws IOException {
    InputStream raw =
        new BufferedInputStream(Channels.newInputStream(FileSystems.open(file.resourceId())));
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

  /** The file's path relative to the landing directory, with {@code /}. */
  String relativize(String resource) {
    String path = slashes(resource);
    if (path.startsWith(landingPrefix)) {
      return path.substring(landingPrefix.length());
    }
    // Should not happen (matches are under the landing directory); keep the full path rather
    // than guess.
    return path;
  }

  private static String slashes(String path) {
    return path.replace('\\', '/');
  }
}
