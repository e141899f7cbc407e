package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.QualityCountCoder;
import io.buzzbeam.transforms.quality.SumQualityCounts;
import io.buzzbeam.transforms.shards.Rebalance;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import io.buzzbeam.transforms.coders.EncodedOutputs;
import io.buzzbeam.transforms.coders.ModelCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Landing zone → valid media and profile snapshots, dead letters and quality counts
 * (SPEC §1–§3).
 *
 * <pre>{@code
 * LandingResult landing = pipeline.apply("ParseLanding",
 *     ParseLanding.from(options.getLanding())
 *         .withTimezone("Asia/Seoul")
 *         .prunedBefore(LandingPrune.windowStart("2023-08-30", "Asia/Seoul"))
 *         .withLimits(LandingLimits.defaults().withMaxLineBytes(1 << 20))
 *         .withRunId(runId));
 * }</pre>
 *
 * <p>The files ({@link SelectLandingFiles}) are spread over the workers where the runner needs it
 * ({@link Rebalance}: the direct runner), and each is read and parsed record by record in one step
 * ({@link ReadAndParseFileFn}); a file is the unit of parallelism.
 */
public class ParseLanding extends PTransform<PBegin, LandingResult> {

  public static final String DEFAULT_TIMEZONE = "Asia/Seoul";

  private static final String[] MODELS = {
    QualityCount.MODEL_FILE, QualityCount.MODEL_ENVELOPE, QualityCount.MODEL_MEDIA,
    QualityCount.MODEL_PROFILE
  };

  private final String landingDir;
  private final String zoneId;
  private final String runId;
  private final Instant windowStart;
  private final LandingLimits limits;
  private final boolean preferWithinBundles;

  private ParseLanding(
      String landingDir, String zoneId, String runId, Instant windowStart, LandingLimits limits, boolean preferWithinBundles) {
    this.preferWithinBundles = preferWithinBundles;
    this.landingDir = landingDir;
    this.zoneId = zoneId;
    this.runId = runId;
    this.windowStart = windowStart;
    this.limits = limits;
  }

  public static ParseLanding from(String landingDir) {
    return new ParseLanding(
        Objects.requireNonNull(landingDir, "landingDir"), DEFAULT_TIMEZONE, null, null, LandingLimits.defaults(), false);
  }

  /** The zone of {@code day}, {@code hour}, {@code weekday}; an IANA id such as {@code Asia/Seoul}. */
  public ParseLanding withTimezone(String zoneId) {
    try {
      ZoneId.of(Objects.requireNonNull(zoneId, "timezone"));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("--timezone: unknown time zone '" + zoneId + "'", e);
    }
    return new ParseLanding(landingDir, zoneId, runId, windowStart, limits, preferWithinBundles);
  }

  /** The run id written on every dead letter. */
  public ParseLanding withRunId(String runId) {
    return new ParseLanding(
        landingDir, zoneId, Objects.requireNonNull(runId, "runId"), windowStart, limits, preferWithinBundles);
  }

  /**
   * The first instant of the window ({@code --from}, see {@link LandingPrune#windowStart}): landing
   * files whose path dates them before it are not opened, and are counted as {@code file/pruned}.
   * Null (the default): every file is read.
   */
  public ParseLanding prunedBefore(Instant windowStart) {
    return new ParseLanding(landingDir, zoneId, runId, windowStart, limits, preferWithinBundles);
  }

  /**
   * {@code --maxLineBytes}, {@code --maxFileBytes} and the xz memory limit (SPEC §2 Limits);
   * {@link LandingLimits#defaults()} if not set.
   */
  public ParseLanding withLimits(LandingLimits limits) {
    return new ParseLanding(landingDir, zoneId, runId, windowStart, Objects.requireNonNull(limits, "limits"), preferWithinBundles);
  }

  /**
   * Lets the parsing step keep only the preferred snapshot of each media within a bundle
   * ({@link io.buzzbeam.transforms.dedup.PreferredMediaBuffer}): {@link LandingResult#media} is then
   * partly de-duplicated already, by an amount that depends on the runner's bundles, so the caller
   * must apply {@link io.buzzbeam.transforms.dedup.DeduplicateMedia} after it (the pipeline does).
   * Off by default: then {@code media()} holds every valid polled item.
   */
  public ParseLanding preferringWithinBundles() {
    return new ParseLanding(landingDir, zoneId, runId, windowStart, limits, true);
  }

  @Override
  public LandingResult expand(PBegin input) {
    if (runId == null) {
      throw new IllegalStateException("ParseLanding needs withRunId(...)");
    }
    Coder<QualityCount> qualityCoder = QualityCountCoder.of(input.getPipeline());
    Coder<RejectedItem> rejectedCoder = ModelCoder.of(RejectedItem.class);

    PCollectionTuple selected =
        input.apply("SelectLandingFiles", SelectLandingFiles.in(landingDir, windowStart));
    ReadAndParseFileFn.Outputs outputs =
        new ReadAndParseFileFn.Outputs(
            ModelCoder.of(Media.class), ModelCoder.of(ProfileSnapshot.class), rejectedCoder, qualityCoder);
    PCollection<KV<Integer, byte[]>> parsed =
        selected
            .get(SelectLandingFiles.FILES)
            .apply("SpreadFilesOverWorkers", Rebalance.acrossShards())
            .apply(
                "ReadAndParseFiles",
                ParDo.of(new ReadAndParseFileFn(zoneId, runId, limits, preferWithinBundles, outputs)))
            .setCoder(EncodedOutputs.CODER);
    PCollection<Media> media = parsed.apply("Media", outputs.media.decoded());
    PCollection<ProfileSnapshot> profiles = parsed.apply("Profiles", outputs.profiles.decoded());
    PCollection<RejectedItem> rejected = parsed.apply("Rejected", outputs.rejected.decoded());

    // Zeros make read/valid/rejected of every model present even when nothing was read, so
    // that the quality report always shows read = valid + rejected.
    List<QualityCount> zeros = new ArrayList<>();
    for (String model : MODELS) {
      zeros.add(QualityCount.of(model, QualityCount.READ, 0));
      zeros.add(QualityCount.of(model, QualityCount.VALID, 0));
      zeros.add(QualityCount.of(model, QualityCount.REJECTED, 0));
    }
    PCollection<QualityCount> quality =
        PCollectionList.of(input.apply("ZeroQualityCounts", Create.of(zeros).withCoder(qualityCoder)))
            .and(selected.get(SelectLandingFiles.QUALITY))
            .and(parsed.apply("QualityCounts", outputs.quality.decoded()))
            .apply("CollectQualityCounts", Flatten.pCollections())
            .setCoder(qualityCoder)
            .apply("SumQualityCounts", SumQualityCounts.create());

    return LandingResult.of(media, profiles, rejected, quality);
  }
}
