package io.buzzbeam.transforms.dedup;

import io.buzzbeam.model.Media;
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
 * Keeps one snapshot per (source, scope, media id) — SPEC §3. Polling sees the same media many
 * times; the snapshot kept is chosen by {@link MediaPreference} (latest {@code collected_at};
 * for crawl posts the highest like, then comment count; then a deterministic tie-break).
 *
 * <p>A binary combiner rather than GroupByKey + iterate: runners merge snapshots before the
 * shuffle, so a much-polled media costs one record on the wire per worker.
 */
public class DeduplicateMedia extends PTransform<PCollection<Media>, PCollection<Media>> {

  public static DeduplicateMedia create() {
    return new DeduplicateMedia();
  }

  /** The de-duplication key; the NUL separator cannot occur in keys or ids. */
  public static String keyOf(Media media) {
    return media.getSource() + '\u0000' + media.getScope() + '\u0000' + media.getMediaId();
  }

  @Override
  public PCollection<Media> expand(PCollection<Media> media) {
    ModelCoder<Media> coder = ModelCoder.of(Media.class);
    return media
        .apply(
            "KeyBySourceScopeMediaId",
            WithKeys.of((Media m) -> keyOf(m)).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), coder))
        .apply("KeepPreferredSnapshot", CombinePerKeyInShards.of(Max.perKey(new MediaPreference())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), coder))
        .apply("DropKeys", Values.create())
        .setCoder(coder);
  }
}
