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

/** Runs {@link LandingRecordParser} on each raw record, routing its findings to tagged outputs. */
class ParseRecordsFn extends DoFn<RawRecord, Media> {

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
    new LandingRecordParser(
            zone,
            new ParseSink() {
              @Override
              public void media(Media media) {
                out.get(mediaTag).output(media);
              }

              @Override
              public void profile(ProfileSnapshot profile) {
                out.get(profileTag).output(profile);
              }

              @Override
              public void rejected(
                  String model, String sourceFile, String position, List<String> reasons, String raw) {
                out.get(rejectedTag)
                    .output(DeadLetters.of(runId, model, sourceFile, position, reasons, raw));
              }

              @Override
              public void count(String model, String metric, String field) {
                out.get(qualityTag).output(counters.increment(model, metric, field, 1));
              }
            })
        .parse(record);
  }
}
