package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.QualityCounters;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Reads one landing file as a stream into {@link RawRecord}s with {@link LandingFileReader},
 * routing its records, dead letters and quality counts to tagged outputs.
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
    LandingFileReader.read(
        file,
        limits,
        new LandingFileReader.Output() {
          @Override
          public void record(RawRecord record) {
            out.get(ReadLanding.RECORDS).output(record);
          }

          @Override
          public void rejected(
              String model, String sourceFile, String position, List<String> reasons, String raw) {
            out.get(rejectedTag).output(DeadLetters.of(runId, model, sourceFile, position, reasons, raw));
          }

          @Override
          public void count(String model, String metric, String field) {
            out.get(qualityTag).output(counters.increment(model, metric, field, 1));
          }
        });
  }
}
