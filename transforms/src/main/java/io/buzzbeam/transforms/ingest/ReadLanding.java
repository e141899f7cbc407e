package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.QualityCountCoder;
import java.util.Objects;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Landing directory → raw records (SPEC §1): matches {@code landingDir} recursively, keeps
 * {@code *.jsonl}, {@code *.jsonl.gz}, {@code *.json}, {@code *.json.xz} and reads each file as a
 * stream within {@link LandingLimits}. Unreadable files become {@code file} dead letters
 * ({@code unreadable:file}, or {@code oversized:file} past {@code maxFileBytes}; position
 * {@code "0"}); records past a limit or not UTF-8 become dead letters of their own; the run goes
 * on.
 *
 * <p>Outputs, by tag: {@link #RECORDS}, {@link #REJECTED}, {@link #QUALITY} (unsummed
 * increments of the {@code file} model, and of the records rejected while reading).
 */
public class ReadLanding extends PTransform<PBegin, PCollectionTuple> {

  public static final TupleTag<RawRecord> RECORDS = new TupleTag<RawRecord>() {};
  public static final TupleTag<RejectedItem> REJECTED = new TupleTag<RejectedItem>() {};
  public static final TupleTag<QualityCount> QUALITY = new TupleTag<QualityCount>() {};

  private final String landingDir;
  private final String runId;
  private final LandingLimits limits;

  private ReadLanding(String landingDir, String runId, LandingLimits limits) {
    this.landingDir = Objects.requireNonNull(landingDir, "landingDir");
    this.runId = runId;
    this.limits = limits;
  }

  public static ReadLanding from(String landingDir) {
    return new ReadLanding(landingDir, null, LandingLimits.defaults());
  }

  public ReadLanding withRunId(String runId) {
    return new ReadLanding(landingDir, Objects.requireNonNull(runId, "runId"), limits);
  }

  /** Line, file and xz memory limits (SPEC §2 Limits); {@link LandingLimits#defaults()} if not set. */
  public ReadLanding withLimits(LandingLimits limits) {
    return new ReadLanding(landingDir, runId, Objects.requireNonNull(limits, "limits"));
  }

  /** The recursive file pattern of a landing directory. */
  static String recursivePattern(String landingDir) {
    return landingDir.endsWith("/") ? landingDir + "**" : landingDir + "/**";
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    if (runId == null) {
      throw new IllegalStateException("ReadLanding needs withRunId(...)");
    }
    PCollectionTuple read =
        input
            .apply(
                "MatchLandingFiles",
                FileIO.match()
                    .filepattern(recursivePattern(landingDir))
                    .withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW))
            .apply(
                "KeepLandingFileTypes",
                Filter.by(
                    (MatchResult.Metadata m) ->
                        LandingFiles.kindOf(m.resourceId().toString().replace('\\', '/'))
                            != null))
            .apply(
                "ReadFilesAsRecords",
                ParDo.of(new ReadLandingFileFn(landingDir, runId, limits, REJECTED, QUALITY))
                    .withOutputTags(RECORDS, TupleTagList.of(REJECTED).and(QUALITY)));
    try {
      read.get(RECORDS)
          .setCoder(input.getPipeline().getSchemaRegistry().getSchemaCoder(RawRecord.class));
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException("RawRecord has no Beam schema", e);
    }
    read.get(REJECTED).setCoder(AvroCoder.specific(RejectedItem.class));
    read.get(QUALITY).setCoder(QualityCountCoder.of(input.getPipeline()));
    return read;
  }
}
