package io.buzzbeam.transforms.dedup;

import io.buzzbeam.model.ProfileSnapshot;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import io.buzzbeam.transforms.coders.ModelCoder;
import io.buzzbeam.transforms.shards.CombinePerKeyInShards;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Keeps one profile snapshot per (brand, collected_at): the same observation read twice (e.g.
 * a re-delivered landing file) must not count twice. Snapshots at different times are all kept:
 * they are the follower history that SPEC §4 looks up.
 */
public class DeduplicateProfiles
    extends PTransform<PCollection<ProfileSnapshot>, PCollection<ProfileSnapshot>> {

  public static DeduplicateProfiles create() {
    return new DeduplicateProfiles();
  }

  /** The de-duplication key: brand and collection instant (epoch millis). */
  public static String keyOf(ProfileSnapshot profile) {
    return profile.getBrand() + '\u0000' + profile.getCollectedAt().toEpochMilli();
  }

  @Override
  public PCollection<ProfileSnapshot> expand(PCollection<ProfileSnapshot> profiles) {
    ModelCoder<ProfileSnapshot> coder = ModelCoder.of(ProfileSnapshot.class);
    return profiles
        .apply(
            "KeyByBrandCollectedAt",
            WithKeys.of((ProfileSnapshot p) -> keyOf(p)).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), coder))
        .apply(
            "KeepPreferredSnapshot", CombinePerKeyInShards.of(Max.perKey(new ProfilePreference())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), coder))
        .apply("DropKeys", Values.create())
        .setCoder(coder);
  }
}
