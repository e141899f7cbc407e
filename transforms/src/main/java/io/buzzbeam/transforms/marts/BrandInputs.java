package io.buzzbeam.transforms.marts;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.transforms.coders.ModelCoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Keys;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * What every brand mart starts from, built once per run: SPEC §4's brand set B and day set D
 * ({@link BrandActivity}), each brand's follower history as a side input, and the media split into
 * the brands' own media and the hashtag-source media. The brand marts ({@link BrandMart},
 * {@link PostTypeMart}, {@link UploadHeatmapMart}) are applied to it: {@code inputs.apply(...)}.
 */
public final class BrandInputs implements PInput {

  private final Pipeline pipeline;
  private final PCollection<String> brands;
  private final PCollection<String> days;
  private final PCollectionView<List<String>> dayList;
  private final PCollection<KV<String, FollowerHistory>> histories;
  private final PCollectionView<Map<String, FollowerHistory>> historyMap;
  private final PCollection<Media> brandMedia;
  private final PCollection<Media> hashtagMedia;

  private BrandInputs(
      PCollection<String> brands,
      PCollection<String> days,
      PCollection<KV<String, FollowerHistory>> histories,
      PCollection<Media> brandMedia,
      PCollection<Media> hashtagMedia) {
    this.pipeline = brands.getPipeline();
    this.brands = brands;
    this.days = days;
    this.dayList = days.apply("DaysAsSideInput", View.asList());
    this.histories = histories;
    this.historyMap = FollowerHistoriesByBrand.asMap(histories);
    this.brandMedia = brandMedia;
    this.hashtagMedia = hashtagMedia;
  }

  /**
   * @param media the window's media (followers attached), plus the published days' for scheduled runs
   * @param profiles the snapshots that put brands and days into B and D (window and published days)
   * @param histories follower histories of every snapshot read (SPEC §3 rev. 2), built once upstream
   */
  public static BrandInputs of(
      PCollection<Media> media,
      PCollection<ProfileSnapshot> profiles,
      PCollection<KV<String, FollowerHistory>> histories) {
    PCollection<KV<String, String>> activity = media.apply("BrandActivity", BrandActivity.withProfiles(profiles));
    PCollection<String> brands = activity.apply("ActiveBrands", Keys.create()).apply("BrandSetB", Distinct.create());
    PCollection<String> days = activity.apply("ActiveDays", Values.create()).apply("DaySetD", Distinct.create());
    PCollection<Media> own =
        media.apply("BrandMedia", Filter.by(BrandActivity::isBrandMedia)).setCoder(ModelCoder.of(Media.class));
    PCollection<Media> tagged =
        media.apply("HashtagMedia", Filter.by(BrandActivity::isHashtagMedia)).setCoder(ModelCoder.of(Media.class));
    return new BrandInputs(brands, days, histories, own, tagged);
  }

  /** For marts computed alone (tests): histories from {@code profiles} themselves. */
  public static BrandInputs of(PCollection<Media> media, PCollection<ProfileSnapshot> profiles) {
    return of(media, profiles, profiles.apply("FollowerHistories", FollowerHistoriesByBrand.create()));
  }

  /** B: every brand with activity. */
  public PCollection<String> brands() {
    return brands;
  }

  /** D, as a collection (for {@code Rebalance.after}) and as a side input. */
  public PCollection<String> days() {
    return days;
  }

  public PCollectionView<List<String>> dayList() {
    return dayList;
  }

  /** Follower histories, as a collection (for {@code Rebalance.after}) and as a map side input. */
  public PCollection<KV<String, FollowerHistory>> histories() {
    return histories;
  }

  public PCollectionView<Map<String, FollowerHistory>> historyMap() {
    return historyMap;
  }

  /** The brands' own media (brand source). */
  public PCollection<Media> brandMedia() {
    return brandMedia;
  }

  /** Media found through a brand's hashtag searches (hashtag source). */
  public PCollection<Media> hashtagMedia() {
    return hashtagMedia;
  }

  /** Applies a brand mart, as {@code PCollection.apply} does. */
  public <OutputT extends POutput> OutputT apply(String name, PTransform<BrandInputs, OutputT> mart) {
    return Pipeline.applyTransform(name, this, mart);
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> expanded = new LinkedHashMap<>();
    expanded.put(new TupleTag<String>("brands"), brands);
    expanded.put(new TupleTag<String>("days"), days);
    expanded.put(new TupleTag<KV<String, FollowerHistory>>("histories"), histories);
    expanded.put(new TupleTag<Media>("brandMedia"), brandMedia);
    expanded.put(new TupleTag<Media>("hashtagMedia"), hashtagMedia);
    return expanded;
  }
}
