package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the parse of one record found, held until the parse has ended, so that all of it can be
 * dropped should the parse throw ({@link #of}).
 */
final class ParseFindings implements ParseSink {

  private static final Logger LOG = LoggerFactory.getLogger(ParseFindings.class);

  private final String runId;
  final List<Media> media = new ArrayList<>();
  final List<ProfileSnapshot> profiles = new ArrayList<>();
  final List<RejectedItem> rejected = new ArrayList<>();
  final List<QualityCount> counts = new ArrayList<>();

  ParseFindings(String runId) {
    this.runId = runId;
  }

  /**
   * Runs {@link LandingRecordParser} on {@code record}. No exception may fail the bundle (SPEC §2
   * Limits: no input stops a run): a parse that throws leaves nothing half-counted, the record
   * becomes one {@code failed:parse} dead letter of the model it was read as (an envelope line, or
   * an Instaloader post as media), with its raw text; the cause goes to the log.
   */
  static ParseFindings of(ZoneId zone, String runId, RawRecord record) {
    ParseFindings findings = new ParseFindings(runId);
    try {
      new LandingRecordParser(zone, findings).parse(record);
      return findings;
    } catch (RuntimeException e) {
      LOG.warn("Parsing {} line {} failed; it is a {} dead letter", record.sourceFile, record.line,
          ReasonCodes.FAILED_PARSE, e);
      ParseFindings failed = new ParseFindings(runId);
      String model =
          RawRecord.FORMAT_INSTALOADER.equals(record.format)
              ? QualityCount.MODEL_MEDIA
              : QualityCount.MODEL_ENVELOPE;
      failed.rejected(
          model, record.sourceFile, Long.toString(record.line), List.of(ReasonCodes.FAILED_PARSE), record.text);
      failed.count(model, QualityCount.READ, "");
      failed.count(model, QualityCount.REJECTED, "");
      failed.count(model, QualityCount.REJECTED_BY_REASON, ReasonCodes.FAILED_PARSE);
      return failed;
    }
  }

  @Override
  public void media(Media item) {
    media.add(item);
  }

  @Override
  public void profile(ProfileSnapshot profile) {
    profiles.add(profile);
  }

  @Override
  public void rejected(
      String model, String sourceFile, String position, List<String> reasons, String raw) {
    rejected.add(DeadLetters.of(runId, model, sourceFile, position, reasons, raw));
  }

  @Override
  public void count(String model, String metric, String field) {
    counts.add(QualityCount.of(model, metric, field, 1));
  }
}
