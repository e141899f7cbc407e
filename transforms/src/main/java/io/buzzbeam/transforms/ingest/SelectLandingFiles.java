package io.buzzbeam.transforms.ingest;

import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.QualityCountCoder;
import java.time.Instant;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
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
 * Landing directory → the files to open (SPEC §1): every landing file once ({@link
 * ListLandingFiles}), less those that cannot hold an item of the window when a window start is
 * given ({@link PruneBeforeWindowFn}, counted as {@code file/pruned}). The one selection that both
 * {@link ReadLanding} (raw records) and {@link ParseLanding} (parsed records) read from.
 *
 * <p>Outputs, by tag: {@link #FILES}, and {@link #QUALITY} (unsummed {@code file} increments).
 */
public class SelectLandingFiles extends PTransform<PBegin, PCollectionTuple> {

  public static final TupleTag<LandingFile> FILES = new TupleTag<LandingFile>() {};
  public static final TupleTag<QualityCount> QUALITY = new TupleTag<QualityCount>() {};

  private static final TupleTag<LandingFile> KEPT = new TupleTag<LandingFile>() {};

  private final String landingDir;
  private final Instant windowStart;

  private SelectLandingFiles(String landingDir, Instant windowStart) {
    this.landingDir = Objects.requireNonNull(landingDir, "landingDir");
    this.windowStart = windowStart;
  }

  /** Every landing file of {@code landingDir} ({@code windowStart} null), or those of the window. */
  public static SelectLandingFiles in(String landingDir, Instant windowStart) {
    return new SelectLandingFiles(landingDir, windowStart);
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    Coder<QualityCount> qualityCoder = QualityCountCoder.of(input.getPipeline());
    PCollectionTuple listed = input.apply("ListLandingFiles", ListLandingFiles.in(landingDir));
    PCollection<LandingFile> files = listed.get(ListLandingFiles.FILES);
    PCollectionList<QualityCount> quality = PCollectionList.of(listed.get(ListLandingFiles.QUALITY));
    if (windowStart != null) {
      PCollectionTuple kept =
          files.apply(
              "SkipFilesBeforeWindow",
              ParDo.of(new PruneBeforeWindowFn(windowStart, KEPT, QUALITY))
                  .withOutputTags(KEPT, TupleTagList.of(QUALITY)));
      files = kept.get(KEPT).setCoder(files.getCoder());
      quality = quality.and(kept.get(QUALITY).setCoder(qualityCoder));
    }
    return PCollectionTuple.of(FILES, files)
        .and(QUALITY, quality.apply("CollectSelectionCounts", Flatten.pCollections()).setCoder(qualityCoder));
  }
}
