package io.buzzbeam.transforms.ingest;

import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.QualityCounters;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Of the paths that reach one file, keeps the lexicographically smallest (the same choice on every
 * runner, whatever order the paths arrive in) and counts the others as {@code skipped:link}.
 */
class ReadEachFileOnceFn extends DoFn<KV<String, Iterable<LandingFile>>, LandingFile> {

  private final TupleTag<QualityCount> qualityTag;
  private final QualityCounters counters = new QualityCounters();

  ReadEachFileOnceFn(TupleTag<QualityCount> qualityTag) {
    this.qualityTag = qualityTag;
  }

  @ProcessElement
  public void processElement(
      @Element KV<String, Iterable<LandingFile>> paths, MultiOutputReceiver out) {
    LandingFile first = null;
    long others = 0;
    for (LandingFile path : paths.getValue()) {
      if (first == null) {
        first = path;
      } else {
        others++;
        if (path.path.compareTo(first.path) < 0) {
          first = path;
        }
      }
    }
    out.get(ListLandingFiles.FILES).output(first);
    if (others > 0) {
      out.get(qualityTag)
          .output(
              counters.increment(
                  QualityCount.MODEL_FILE, QualityCount.SKIPPED, QualityCount.FIELD_LINK, others));
    }
  }
}
