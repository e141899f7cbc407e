package io.buzzbeam.transforms.marts;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.transforms.ingest.Sources;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The distinct (brand, local day) pairs on which a brand has activity in the window: the home of
 * SPEC §4's brand set B (the keys) and day set D (the values).
 *
 * <p>Activity is a valid brand-source media (its posting day), a hashtag-source media (its posting
 * day) or a profile snapshot (its collection day). Crawl posts are not about a brand and take no
 * part. The input media and snapshots are already restricted to the run's window upstream.
 */
public class BrandActivity extends PTransform<PCollection<Media>, PCollection<KV<String, String>>> {

  private final PCollection<ProfileSnapshot> profiles;

  private BrandActivity(PCollection<ProfileSnapshot> profiles) {
    this.profiles = profiles;
  }

  public static BrandActivity withProfiles(PCollection<ProfileSnapshot> profiles) {
    return new BrandActivity(profiles);
  }

  /** A media collected from the brand's own account (business discovery). */
  public static boolean isBrandMedia(Media m) {
    return Sources.BRAND.equals(m.getSource());
  }

  /** A media found through one of the brand's hashtag searches. */
  public static boolean isHashtagMedia(Media m) {
    return Sources.HASHTAG.equals(m.getSource());
  }

  /** The brand key of a brand- or hashtag-source media (its scope is the brand key too). */
  public static String brandOf(Media m) {
    return m.getBrand() != null ? m.getBrand() : m.getScope();
  }

  @Override
  public PCollection<KV<String, String>> expand(PCollection<Media> media) {
    PCollection<KV<String, String>> mediaDays =
        media
            .apply(
                "BrandAndHashtagMedia",
                Filter.by((Media m) -> isBrandMedia(m) || isHashtagMedia(m)))
            .apply(
                "BrandAndPostingDay",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via((Media m) -> KV.of(brandOf(m), m.getDay())));
    PCollection<KV<String, String>> snapshotDays =
        profiles.apply(
            "BrandAndCollectionDay",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                .via((ProfileSnapshot s) -> KV.of(s.getBrand(), s.getDay())));
    return PCollectionList.of(mediaDays)
        .and(snapshotDays)
        .apply("AllActivity", Flatten.pCollections())
        .setCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()))
        .apply("DistinctBrandDays", Distinct.create());
  }
}
