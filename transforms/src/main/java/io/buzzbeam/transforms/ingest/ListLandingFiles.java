package io.buzzbeam.transforms.ingest;

import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.QualityCountCoder;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Landing directory → the landing files to read, each file once (SPEC §1, §2 rev. 2 "Files are
 * read once each"): walks the directory without following links ({@link WalkLandingDirFn}), groups
 * the paths by the file they reach and keeps one path per file ({@link ReadEachFileOnceFn}).
 *
 * <p>Outputs, by tag: {@link #FILES}; {@link #QUALITY} (unsummed {@code file/skipped/link}
 * increments). The grouping also spreads the files over the workers that read them.
 */
public class ListLandingFiles extends PTransform<PBegin, PCollectionTuple> {

  public static final TupleTag<LandingFile> FILES = new TupleTag<LandingFile>() {};
  public static final TupleTag<QualityCount> QUALITY = new TupleTag<QualityCount>() {};

  private static final TupleTag<KV<String, LandingFile>> PATHS =
      new TupleTag<KV<String, LandingFile>>() {};

  private final String landingDir;

  private ListLandingFiles(String landingDir) {
    this.landingDir = landingDir;
  }

  public static ListLandingFiles in(String landingDir) {
    return new ListLandingFiles(Objects.requireNonNull(landingDir, "landingDir"));
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    Coder<LandingFile> fileCoder;
    try {
      fileCoder = input.getPipeline().getSchemaRegistry().getSchemaCoder(LandingFile.class);
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException("LandingFile has no Beam schema", e);
    }
    Coder<QualityCount> qualityCoder = QualityCountCoder.of(input.getPipeline());

    PCollectionTuple walked =
        input
            .apply("LandingDir", Create.of(landingDir))
            .apply(
                "WalkLandingDir",
                ParDo.of(new WalkLandingDirFn(PATHS, QUALITY))
                    .withOutputTags(PATHS, TupleTagList.of(QUALITY)));
    walked.get(QUALITY).setCoder(qualityCoder);

    PCollectionTuple once =
        walked
            .get(PATHS)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), fileCoder))
            .apply("GroupPathsByFile", GroupByKey.create())
            .apply(
                "ReadEachFileOnce",
                ParDo.of(new ReadEachFileOnceFn(QUALITY))
                    .withOutputTags(FILES, TupleTagList.of(QUALITY)));
    once.get(QUALITY).setCoder(qualityCoder);

    PCollection<QualityCount> quality =
        PCollectionList.of(walked.get(QUALITY))
            .and(once.get(QUALITY))
            .apply("CollectLinkCounts", Flatten.pCollections())
            .setCoder(qualityCoder);
    return PCollectionTuple.of(FILES, once.get(FILES).setCoder(fileCoder)).and(QUALITY, quality);
  }
}
