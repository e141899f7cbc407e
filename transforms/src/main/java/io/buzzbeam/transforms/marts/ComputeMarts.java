package io.buzzbeam.transforms.marts;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.MediaMorphs;
import io.buzzbeam.model.ProfileSnapshot;
import org.checkerframework.checker.nullness.qual.Nullable;
import io.buzzbeam.transforms.coders.ModelCoder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * All six marts from the run's media (validated, de-duplicated, windowed, followers attached by
 * {@link AttachFollowers}), profile snapshots and tokenized captions.
 *
 * <p>The day-keyed marts (hashtags, keywords) describe the run's window. The brand marts (daily,
 * summary, post types, heatmap) describe every published day (SPEC §5 rev. 2): they also take the
 * media that earlier runs published for days outside the window ({@link #withPublishedMedia}), and
 * {@code profiles} then holds the published snapshots outside the window too. Follower histories
 * are built once by the caller and shared; B, D and the split into brand and hashtag media are
 * built once here ({@link BrandInputs}) for the four brand marts.
 */
public class ComputeMarts extends PTransform<PCollection<Media>, Marts> {

  private final PCollection<ProfileSnapshot> profiles;
  private final PCollection<KV<String, FollowerHistory>> histories;
  private final PCollection<MediaMorphs> morphs;
  private final @Nullable PCollection<Media> publishedMedia;
  // Issue #14's marts (AnalyticsMarts); null: the six SPEC §5 marts only.
  private @Nullable AnalyticsMarts analytics;

  private ComputeMarts(
      PCollection<ProfileSnapshot> profiles,
      PCollection<KV<String, FollowerHistory>> histories,
      PCollection<MediaMorphs> morphs,
      @Nullable PCollection<Media> publishedMedia) {
    this.profiles = profiles;
    this.histories = histories;
    this.morphs = morphs;
    this.publishedMedia = publishedMedia;
  }

  /** Marts of the window alone, followers from {@code profiles}. */
  public static ComputeMarts of(PCollection<ProfileSnapshot> profiles, PCollection<MediaMorphs> morphs) {
    return new ComputeMarts(
        profiles, profiles.apply("FollowerHistories", FollowerHistoriesByBrand.create()), morphs, null);
  }

  /** B and D from {@code profiles}; followers from {@code histories}. */
  public static ComputeMarts of(
      PCollection<ProfileSnapshot> profiles,
      PCollection<KV<String, FollowerHistory>> histories,
      PCollection<MediaMorphs> morphs) {
    return new ComputeMarts(profiles, histories, morphs, null);
  }

  /** The brand marts also cover {@code published}: brand and hashtag media of days outside the window. */
  public ComputeMarts withPublishedMedia(PCollection<Media> published) {
    ComputeMarts withPublished = new ComputeMarts(profiles, histories, morphs, published);
    withPublished.analytics = analytics;
    return withPublished;
  }

  /** Also issue #14's marts ({@link AnalyticsMarts}). */
  public ComputeMarts withAnalytics(AnalyticsMarts analytics) {
    ComputeMarts withAnalytics = new ComputeMarts(profiles, histories, morphs, publishedMedia);
    withAnalytics.analytics = analytics;
    return withAnalytics;
  }

  @Override
  public Marts expand(PCollection<Media> media) {
    PCollection<Media> brandMartMedia =
        publishedMedia == null
            ? media
            : PCollectionList.of(media)
                .and(publishedMedia)
                .apply("WindowAndPublishedMedia", Flatten.pCollections())
                .setCoder(ModelCoder.of(Media.class));
    // B, D, the histories' side input and the brand / hashtag split: once, for every brand mart.
    BrandInputs brand = BrandInputs.of(brandMartMedia, profiles, histories);
    Marts marts = new Marts(
        media.getPipeline(),
        brand.apply("BrandDaily", BrandMart.daily()),
        brand.apply("BrandSummary", BrandMart.summary()),
        brand.apply("PostType", PostTypeMart.create()),
        brand.apply("UploadHeatmap", UploadHeatmapMart.create()),
        media.apply("HashtagDaily", HashtagDailyMart.create()),
        morphs.apply("KeywordDaily", KeywordDailyMart.create()));
    return analytics == null ? marts : marts.and(analytics.compute(brandMartMedia, marts));
  }
}
