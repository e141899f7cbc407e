package io.buzzbeam.transforms.marts;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.MediaMorphs;
import io.buzzbeam.model.ProfileSnapshot;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/**
 * All SPEC §5 marts from the run's media (validated, de-duplicated, windowed, followers attached by
 * {@link AttachFollowers}), profile snapshots (windowed) and tokenized captions.
 */
public class ComputeMarts extends PTransform<PCollection<Media>, Marts> {

  private final PCollection<ProfileSnapshot> profiles;
  private final PCollection<MediaMorphs> morphs;

  private ComputeMarts(PCollection<ProfileSnapshot> profiles, PCollection<MediaMorphs> morphs) {
    this.profiles = profiles;
    this.morphs = morphs;
  }

  public static ComputeMarts of(PCollection<ProfileSnapshot> profiles, PCollection<MediaMorphs> morphs) {
    return new ComputeMarts(profiles, morphs);
  }

  @Override
  public Marts expand(PCollection<Media> media) {
    return new Marts(
        media.getPipeline(),
        media.apply("BrandDaily", BrandDailyMart.withProfiles(profiles)),
        media.apply("BrandSummary", BrandSummaryMart.withProfiles(profiles)),
        media.apply("PostType", PostTypeMart.create()),
        media.apply("UploadHeatmap", UploadHeatmapMart.withProfiles(profiles)),
        media.apply("HashtagDaily", HashtagDailyMart.create()),
        morphs.apply("KeywordDaily", KeywordDailyMart.create()));
  }
}
