package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.QualityCounters;
import java.time.ZoneId;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link LandingRecordParser} on each raw record, routing its findings to tagged outputs.
 *
 * <p>No exception may fail the bundle (SPEC §2 Limits: no input stops a run). The findings of a
 * record are held until its parse ends, so that a parse that throws leaves nothing half-counted:
 * the record becomes one {@code failed:parse} dead letter of the model it was read as (an envelope
 * line, or an Instaloader post as media), with its raw text; the cause goes to the log.
 */
class ParseRecordsFn extends DoFn<RawRecord, Media> {

  private static final Logger LOG = LoggerFactory.getLogger(ParseRecordsFn.class);

  private final String zoneId;
  private final String runId;
  private final TupleTag<Media> mediaTag;
  private final TupleTag<ProfileSnapshot> profileTag;
  private final TupleTag<RejectedItem> rejectedTag;
  private final TupleTag<QualityCount> qualityTag;
  private final QualityCounters counters = new QualityCounters();

  private transient ZoneId zone;

  ParseRecordsFn(
      String zoneId,
      String runId,
      TupleTag<Media> mediaTag,
      TupleTag<ProfileSnapshot> profileTag,
      TupleTag<RejectedItem> rejectedTag,
      TupleTag<QualityCount> qualityTag) {
    this.zoneId = zoneId;
    this.runId = runId;
    this.mediaTag = mediaTag;
    this.profileTag = profileTag;
    this.rejectedTag = rejectedTag;
    this.qualityTag = qualityTag;
  }

  @Setup
  public void setup() {
    zone = ZoneId.of(zoneId);
  }

  @ProcessElement
  public void processElement(@Element RawRecord record, MultiOutputReceiver out) {
    ParseFindings findings = new ParseFindings(runId);
    try {
      new LandingRecordParser(zone, findings).parse(record);
    } catch (RuntimeException e) {
      LOG.warn("Parsing {} line {} failed; it is a {} dead letter", record.sourceFile, record.line,
          ReasonCodes.FAILED_PARSE, e);
      findings = new ParseFindings(runId);
      String model =
          RawRecord.FORMAT_INSTALOADER.equals(record.format)
              ? QualityCount.MODEL_MEDIA
              : QualityCount.MODEL_ENVELOPE;
      findings.rejected(
          model, record.sourceFile, Long.toString(record.line), List.of(ReasonCodes.FAILED_PARSE), record.text);
      findings.count(model, QualityCount.READ, "");
      findings.count(model, QualityCount.REJECTED, "");
      findings.count(model, QualityCount.REJECTED_BY_REASON, ReasonCodes.FAILED_PARSE);
    }
    for (Media media : findings.media) {
      out.get(mediaTag).output(media);
    }
    for (ProfileSnapshot profile : findings.profiles) {
      out.get(profileTag).output(profile);
    }
    for (RejectedItem rejected : findings.rejected) {
      out.get(rejectedTag).output(rejected);
    }
    for (QualityCount count : findings.counts) {
      out.get(qualityTag).output(counters.increment(count.model, count.metric, count.field, count.value));
    }
  }
}
