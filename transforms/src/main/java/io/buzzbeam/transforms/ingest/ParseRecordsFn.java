package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.QualityTally;
import java.time.ZoneId;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import io.buzzbeam.transforms.dedup.PreferredMediaBuffer;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
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
  private final QualityTally quality = new QualityTally();
  /** Null unless the media are de-duplicated within bundles ({@link ParseLanding#preferringWithinBundles}). */
  private final PreferredMediaBuffer preferred;

  private transient ZoneId zone;

  ParseRecordsFn(
      String zoneId,
      String runId,
      boolean preferWithinBundles,
      TupleTag<Media> mediaTag,
      TupleTag<ProfileSnapshot> profileTag,
      TupleTag<RejectedItem> rejectedTag,
      TupleTag<QualityCount> qualityTag) {
    this.zoneId = zoneId;
    this.runId = runId;
    this.preferred = preferWithinBundles ? new PreferredMediaBuffer(PreferredMediaBuffer.DEFAULT_CAPACITY) : null;
    this.mediaTag = mediaTag;
    this.profileTag = profileTag;
    this.rejectedTag = rejectedTag;
    this.qualityTag = qualityTag;
  }

  /**
   * The parse step as {@link ParseLanding} applies it: valid media on the main output, profiles,
   * dead letters and quality counts on {@link LandingResult}'s side tags.
   */
  static ParDo.MultiOutput<RawRecord, Media> toLandingResultTags(
      String zoneId, String runId, boolean preferWithinBundles) {
    return ParDo.of(
            new ParseRecordsFn(
                zoneId,
                runId,
                preferWithinBundles,
                LandingResult.MEDIA,
                LandingResult.PROFILES,
                LandingResult.REJECTED,
                LandingResult.QUALITY))
        .withOutputTags(
            LandingResult.MEDIA,
            TupleTagList.of(LandingResult.PROFILES).and(LandingResult.REJECTED).and(LandingResult.QUALITY));
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
      if (preferred == null) {
        out.get(mediaTag).output(media);
      } else if (preferred.offer(media)) {
        preferred.drain().forEach(out.get(mediaTag)::output);
      }
    }
    for (ProfileSnapshot profile : findings.profiles) {
      out.get(profileTag).output(profile);
    }
    for (RejectedItem rejected : findings.rejected) {
      out.get(rejectedTag).output(rejected);
    }
    for (QualityCount count : findings.counts) {
      quality.add(count.model, count.metric, count.field, count.value);
    }
  }

  /**
   * The media kept and the quality counts summed since the last drain: the polled copies of a media
   * travel on as one, a bundle's counts as one element per (model, metric, field).
   */
  @FinishBundle
  public void finishBundle(FinishBundleContext c) {
    for (Media media : preferred == null ? List.<Media>of() : preferred.drain()) {
      c.output(mediaTag, media, BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
    }
    for (QualityCount count : quality.drain()) {
      c.output(qualityTag, count, BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
    }
  }
}
