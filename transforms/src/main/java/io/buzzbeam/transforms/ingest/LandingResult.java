package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The outputs of {@link ParseLanding}, in the manner of gcp-ingestion's {@code WithFailures.Result}:
 * the valid records, one dead-letter collection, and the summed quality counts.
 */
public final class LandingResult implements POutput {

  public static final TupleTag<Media> MEDIA = new TupleTag<Media>() {};
  public static final TupleTag<ProfileSnapshot> PROFILES = new TupleTag<ProfileSnapshot>() {};
  public static final TupleTag<RejectedItem> REJECTED = new TupleTag<RejectedItem>() {};
  public static final TupleTag<QualityCount> QUALITY = new TupleTag<QualityCount>() {};

  private final Pipeline pipeline;
  private final PCollection<Media> media;
  private final PCollection<ProfileSnapshot> profiles;
  private final PCollection<RejectedItem> rejected;
  private final PCollection<QualityCount> quality;

  private LandingResult(
      Pipeline pipeline,
      PCollection<Media> media,
      PCollection<ProfileSnapshot> profiles,
      PCollection<RejectedItem> rejected,
      PCollection<QualityCount> quality) {
    this.pipeline = pipeline;
    this.media = media;
    this.profiles = profiles;
    this.rejected = rejected;
    this.quality = quality;
  }

  public static LandingResult of(
      PCollection<Media> media,
      PCollection<ProfileSnapshot> profiles,
      PCollection<RejectedItem> rejected,
      PCollection<QualityCount> quality) {
    return new LandingResult(media.getPipeline(), media, profiles, rejected, quality);
  }

  /** Valid media, not de-duplicated; day/hour/weekday set; followers/engagement_rate null. */
  public PCollection<Media> media() {
    return media;
  }

  /** Valid business_discovery profile snapshots, not de-duplicated. */
  public PCollection<ProfileSnapshot> profiles() {
    return profiles;
  }

  /** Every dead letter: unreadable files, rejected envelopes, media and profiles. */
  public PCollection<RejectedItem> rejected() {
    return rejected;
  }

  /** Quality counts summed per (model, metric, field); read/valid/rejected always present. */
  public PCollection<QualityCount> quality() {
    return quality;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(MEDIA, media, PROFILES, profiles, REJECTED, rejected, QUALITY, quality);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
