package io.buzzbeam.transforms.shards;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.function.BiConsumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;

/**
 * Keyed pairs packed into one byte array per shard, the shard chosen by a hash of the key's
 * encoding (so every pair of a key meets in one shard, on any worker). Shared by {@link
 * CombinePerKeyInShards} and {@link GroupByKeyInShards}: a bundle's pairs leave as at most one
 * batch per shard, because the DirectRunner copies a key's whole group through its coder each
 * time another bundle adds to it; a few large byte arrays copy far cheaper than many records.
 */
final class KeyedBatches<K, V> implements Serializable {

  private final int shards;
  private final Coder<K> keyCoder;
  private final Coder<V> valueCoder;

  KeyedBatches(int shards, Coder<K> keyCoder, Coder<V> valueCoder) {
    this.shards = shards;
    this.keyCoder = keyCoder;
    this.valueCoder = valueCoder;
  }

  Coder<K> keyCoder() {
    return keyCoder;
  }

  /** The shard of {@code key}: the same on every worker and in every run. */
  int shardOf(K key) throws IOException {
    return shardOf(encoded(key));
  }

  /** The shard of a key from its encoding, as packed into a batch. */
  private int shardOf(byte[] encodedKey) {
    return Math.floorMod(Arrays.hashCode(encodedKey), shards);
  }

  /** {@code key} as it is written into a batch (the key coder's nested encoding). */
  private byte[] encoded(K key) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    keyCoder.encode(key, out);
    return out.toByteArray();
  }

  /** A bundle's worth of pairs being packed. */
  Packer packer() {
    return new Packer();
  }

  /** Calls {@code each} for every pair packed in {@code batch}, in packing order. */
  void unpack(byte[] batch, BiConsumer<K, V> each) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(batch);
    while (in.available() > 0) {
      K key = keyCoder.decode(in);
      each.accept(key, valueCoder.decode(in));
    }
  }

  final class Packer {
    private final ByteArrayOutputStream[] batches = new ByteArrayOutputStream[shards];

    void add(K key, V value) throws IOException {
      // The key is encoded once: its bytes choose the shard and go into the batch as they are.
      byte[] encodedKey = encoded(key);
      int shard = shardOf(encodedKey);
      ByteArrayOutputStream batch = batches[shard];
      if (batch == null) {
        batch = batches[shard] = new ByteArrayOutputStream(8192);
      }
      batch.write(encodedKey);
      valueCoder.encode(value, batch);
    }

    /**
     * Emits the batches from a step's {@code @FinishBundle}, timestamped at the end of the global
     * window: where a grouping puts its output, so the grouping by shard after it changes nothing.
     */
    void emit(DoFn<?, KV<Integer, byte[]>>.FinishBundleContext context) {
      drain(batch -> context.output(batch, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE));
    }

    /** Calls {@code each} with (shard, packed pairs) for every shard that got a pair. */
    void drain(java.util.function.Consumer<KV<Integer, byte[]>> each) {
      for (int shard = 0; shard < batches.length; shard++) {
        if (batches[shard] != null) {
          each.accept(KV.of(shard, batches[shard].toByteArray()));
          batches[shard] = null;
        }
      }
    }
  }
}
