package io.buzzbeam.transforms.shards;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * A {@link GroupByKey}, which on runners that gather ({@link Rebalance#gathers}: the DirectRunner)
 * groups in {@code --shards} shards and then per key in memory, so that the steps after it see at
 * most {@code --shards} bundles instead of one per key (see {@link CombinePerKeyInShards} for why
 * that matters there). Each key still comes out once with all its values; elsewhere (Flink,
 * windowed input) it is the {@link GroupByKey} unchanged.
 */
public final class GroupByKeyInShards<K, V>
    extends PTransform<PCollection<KV<K, V>>, PCollection<KV<K, Iterable<V>>>> {

  private GroupByKeyInShards() {}

  public static <K, V> GroupByKeyInShards<K, V> create() {
    return new GroupByKeyInShards<>();
  }

  /** Whether {@code input} is grouped in shards (else by {@link GroupByKey} itself). */
  static boolean inShards(PCollection<?> input) {
    return Rebalance.gathers(input.getPipeline().getOptions())
        && input.getWindowingStrategy().getWindowFn() instanceof GlobalWindows;
  }

  @Override
  @SuppressWarnings("unchecked")
  public PCollection<KV<K, Iterable<V>>> expand(PCollection<KV<K, V>> input) {
    if (!inShards(input)) {
      return input.apply("PerKey", GroupByKey.create());
    }
    KvCoder<K, V> coder = (KvCoder<K, V>) input.getCoder();
    KeyedBatches<K, V> batches =
        new KeyedBatches<>(
            Rebalance.shardsOf(input.getPipeline().getOptions()),
            coder.getKeyCoder(),
            coder.getValueCoder());
    return input
        .apply("BatchEachBundle", ParDo.of(new BatchEachBundleFn<>(batches)))
        .setCoder(Rebalance.SHARDED)
        .apply("GroupByShard", GroupByKey.create())
        .apply("GroupEachKey", ParDo.of(new GroupEachKeyFn<>(batches)))
        .setCoder(KvCoder.of(coder.getKeyCoder(), IterableCoder.of(coder.getValueCoder())));
  }

  /** Packs a bundle's pairs into one batch per shard. */
  static final class BatchEachBundleFn<K, V> extends DoFn<KV<K, V>, KV<Integer, byte[]>> {
    private final KeyedBatches<K, V> batches;
    private transient KeyedBatches<K, V>.Packer packer;

    BatchEachBundleFn(KeyedBatches<K, V> batches) {
      this.batches = batches;
    }

    @StartBundle
    public void startBundle() {
      packer = batches.packer();
    }

    @ProcessElement
    public void process(@Element KV<K, V> element) throws IOException {
      packer.add(element.getKey(), element.getValue());
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      packer.emit(context);
    }
  }

  /** Groups one shard's pairs by key and emits each key with its values. */
  static final class GroupEachKeyFn<K, V>
      extends DoFn<KV<Integer, Iterable<byte[]>>, KV<K, Iterable<V>>> {
    private final KeyedBatches<K, V> batches;

    GroupEachKeyFn(KeyedBatches<K, V> batches) {
      this.batches = batches;
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<byte[]>> shard, OutputReceiver<KV<K, Iterable<V>>> out)
        throws IOException {
      Map<Object, KV<K, List<V>>> groups = new HashMap<>();
      for (byte[] batch : shard.getValue()) {
        batches.unpack(
            batch,
            (key, value) ->
                groups
                    .computeIfAbsent(
                        batches.keyCoder().structuralValue(key),
                        id -> KV.of(key, new ArrayList<>()))
                    .getValue()
                    .add(value));
      }
      for (KV<K, List<V>> group : groups.values()) {
        out.output(KV.of(group.getKey(), group.getValue()));
      }
    }
  }
}
