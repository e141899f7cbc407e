package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.QualityCountCoder;
import java.time.Instant;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import io.buzzbeam.transforms.coders.ModelCoder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Landing directory → raw records (SPEC §1): lists {@code landingDir} recursively, each file once
 * ({@link ListLandingFiles}: {@code *.jsonl}, {@code *.jsonl.gz}, {@code *.json}, {@code *.json.xz};
 * links out of the directory and second paths are {@code skipped:link}), leaves out the files that
 * cannot hold an item of the window when {@link #prunedBefore} is set ({@code file/pruned}), and
 * reads each file as a stream within {@link LandingLimits}. Unreadable files become {@code file}
 * dead letters ({@code unreadable:file}, or {@code oversized:file} past {@code maxFileBytes};
 * position {@code "0"}); records past a limit or not UTF-8 become dead letters of their own; the
 * run goes on.
 *
 * <p>Outputs, by tag: {@link #RECORDS}, {@link #REJECTED}, {@link #QUALITY} (unsummed
 * increments of the {@code file} model, and of the records rejected while reading).
 *
 * <p>The files are chosen by {@link SelectLandingFiles} and read by {@link LandingFileReader}: the
 * same two parts as {@link ParseLanding}, which parses each record as it is read rather than
 * passing it on (see {@link ReadAndParseFileFn}).
 */
public class ReadLanding extends PTransform<PBegin, PCollectionTuple> {

  public static final TupleTag<RawRecord> RECORDS = new TupleTag<RawRecord>() {};
  public static final TupleTag<RejectedItem> REJECTED = new TupleTag<RejectedItem>() {};
  public static final TupleTag<QualityCount> QUALITY = new TupleTag<QualityCount>() {};

  private final String landingDir;
  private final String runId;
  private final Instant windowStart;
  private final LandingLimits limits;

  private ReadLanding(String landingDir, String runId, Instant windowStart, LandingLimits limits) {
    this.landingDir = Objects.requireNonNull(landingDir, "landingDir");
    this.runId = runId;
    this.windowStart = windowStart;
    this.limits = limits;
  }

  public static ReadLanding from(String landingDir) {
    return new ReadLanding(landingDir, null, null, LandingLimits.defaults());
  }

  public ReadLanding withRunId(String runId) {
    return new ReadLanding(landingDir, Objects.requireNonNull(runId, "runId"), windowStart, limits);
  }

  /** Line, file and xz memory limits (SPEC §2 Limits); {@link LandingLimits#defaults()} if not set. */
  public ReadLanding withLimits(LandingLimits limits) {
    return new ReadLanding(landingDir, runId, windowStart, Objects.requireNonNull(limits, "limits"));
  }

  /**
   * Does not open the files that {@link LandingPrune#canHoldFrom} rules out for a window starting
   * at {@code windowStart}; null (the default) opens every file.
   */
  public ReadLanding prunedBefore(Instant windowStart) {
    return new ReadLanding(landingDir, runId, windowStart, limits);
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    if (runId == null) {
      throw new IllegalStateException("ReadLanding needs withRunId(...)");
    }
    Coder<QualityCount> qualityCoder = QualityCountCoder.of(input.getPipeline());

    PCollectionTuple selected = input.apply("SelectLandingFiles", SelectLandingFiles.in(landingDir, windowStart));
    PCollection<LandingFile> files = selected.get(SelectLandingFiles.FILES);
    PCollectionList<QualityCount> quality = PCollectionList.of(selected.get(SelectLandingFiles.QUALITY));

    PCollectionTuple read =
        files.apply(
            "ReadFilesAsRecords",
            ParDo.of(new ReadLandingFileFn(runId, limits, REJECTED, QUALITY))
                .withOutputTags(RECORDS, TupleTagList.of(REJECTED).and(QUALITY)));
    read.get(RECORDS).setCoder(RawRecordCoder.of());
    read.get(REJECTED).setCoder(ModelCoder.of(RejectedItem.class));
    read.get(QUALITY).setCoder(qualityCoder);

    PCollection<QualityCount> fileCounts =
        quality
            .and(read.get(QUALITY))
            .apply("CollectFileCounts", Flatten.pCollections())
            .setCoder(qualityCoder);
    return PCollectionTuple.of(RECORDS, read.get(RECORDS))
        .and(REJECTED, read.get(REJECTED))
        .and(QUALITY, fileCounts);
  }
}
