package io.buzzbeam.transforms.ingest;

import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.QualityCounters;
import java.time.Instant;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Passes on the landing files that can hold an item of the window ({@link LandingPrune}) and
 * counts the others as {@code file/pruned}; those are never opened.
 */
class PruneBeforeWindowFn extends DoFn<LandingFile, LandingFile> {

  private final Instant windowStart;
  private final TupleTag<LandingFile> keptTag;
  private final TupleTag<QualityCount> qualityTag;
  private final QualityCounters counters = new QualityCounters();

  PruneBeforeWindowFn(
      Instant windowStart, TupleTag<LandingFile> keptTag, TupleTag<QualityCount> qualityTag) {
    this.windowStart = windowStart;
    this.keptTag = keptTag;
    this.qualityTag = qualityTag;
  }

  @ProcessElement
  public void processElement(@Element LandingFile file, MultiOutputReceiver out) {
    if (LandingPrune.canHoldFrom(file.path, windowStart)) {
      out.get(keptTag).output(file);
    } else {
      out.get(qualityTag)
          .output(counters.increment(QualityCount.MODEL_FILE, QualityCount.PRUNED, "", 1));
    }
  }
}
