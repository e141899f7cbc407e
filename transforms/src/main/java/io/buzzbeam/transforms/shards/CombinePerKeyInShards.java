package io.buzzbeam.transforms.shards;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * A {@link Combine.PerKey}, which on runners that gather ({@link Rebalance#gathers}: the
 * DirectRunner) runs as a combine in {@code --shards} shards instead of one group per key.
 *
 * <p>Why: the DirectRunner emits one bundle per key of a grouping, and every step after it pays a
 * fixed cost per bundle (each ParDo is translated to its protobuf form, a Java serialization of
 * the DoFn and its coders, twice per bundle; the watermark bookkeeping runs per bundle). A
 * combine over 26,000 media or 9,500 (keyword, day) keys fed ~25 steps with one bundle each, and
 * those per-bundle costs were most of a DirectRunner run. Here each bundle's inputs are combined
 * per key in memory, leave as one batch per shard ({@link KeyedBatches}), are grouped by shard
 * and merged per key in memory: the steps after it see at most {@code --shards} bundles.
 *
 * <p>Same results as {@link Combine.PerKey}: same keys, same combined values (accumulators are
 * merged with the combine's own {@code mergeAccumulators}), output timestamped at the end of the
 * global window as a grouping's. Elsewhere (Flink, which lifts the combine itself; windowed
 * input; a combine with context or side inputs) it is the {@link Combine.PerKey} unchanged.
 */
public final class CombinePerKeyInShards<K, InputT, OutputT>
    extends PTransform<PCollection<KV<K, InputT>>, PCollection<KV<K, OutputT>>> {

  private final Combine.PerKey<K, InputT, OutputT> combine;

  private CombinePerKeyInShards(Combine.PerKey<K, InputT, OutputT> combine) {
    this.combine = combine;
  }

  public static <K, InputT, OutputT> CombinePerKeyInShards<K, InputT, OutputT> of(
      Combine.PerKey<K, InputT, OutputT> combine) {
    return new CombinePerKeyInShards<>(combine);
  }

  /** Whether {@code input} is combined in shards (else by {@link Combine.PerKey} itself). */
  boolean inShards(PCollection<KV<K, InputT>> input) {
    return GroupByKeyInShards.inShards(input)
        && combine.getFn() instanceof CombineFn
        && combine.getSideInputs().isEmpty();
  }

  @Override
  @SuppressWarnings("unchecked")
  public PCollection<KV<K, OutputT>> expand(PCollection<KV<K, InputT>> input) {
    if (!inShards(input)) {
      return input.apply("PerKey", combine);
    }
    CombineFn<InputT, Object, OutputT> fn = (CombineFn<InputT, Object, OutputT>) combine.getFn();
    KvCoder<K, InputT> inputCoder = (KvCoder<K, InputT>) input.getCoder();
    CoderRegistry registry = input.getPipeline().getCoderRegistry();
    Coder<Object> accumulatorCoder;
    try {
      accumulatorCoder = fn.getAccumulatorCoder(registry, inputCoder.getValueCoder());
    } catch (CannotProvideCoderException e) {
      throw new IllegalStateException("no accumulator coder for " + fn.getClass().getName(), e);
    }
    KeyedBatches<K, Object> batches =
        new KeyedBatches<>(
            Rebalance.shardsOf(input.getPipeline().getOptions()),
            inputCoder.getKeyCoder(),
            accumulatorCoder);
    PCollection<KV<K, OutputT>> combined =
        input
            .apply("CombineEachBundle", ParDo.of(new CombineEachBundleFn<>(fn, batches)))
            .setCoder(Rebalance.SHARDED)
            .apply("GroupByShard", GroupByKey.create())
            .apply("MergeEachKey", ParDo.of(new MergeEachKeyFn<>(fn, batches)));
    try {
      combined.setCoder(
          KvCoder.of(
              inputCoder.getKeyCoder(),
              fn.getDefaultOutputCoder(registry, inputCoder.getValueCoder())));
    } catch (CannotProvideCoderException e) {
      // Left to the caller's setCoder, as with Combine.perKey.
    }
    return combined;
  }

  /** A key's accumulator, with the key it stands for. */
  private static final class Keyed<K, A> {
    final K key;
    A accumulator;

    Keyed(K key, A accumulator) {
      this.key = key;
      this.accumulator = accumulator;
    }
  }

  /** Combines a bundle's inputs per key; emits one batch of (key, accumulator) per shard. */
  static final class CombineEachBundleFn<K, InputT, OutputT>
      extends DoFn<KV<K, InputT>, KV<Integer, byte[]>> {
    private final CombineFn<InputT, Object, OutputT> fn;
    private final KeyedBatches<K, Object> batches;
    private transient Map<Object, Keyed<K, Object>> partial;

    CombineEachBundleFn(CombineFn<InputT, Object, OutputT> fn, KeyedBatches<K, Object> batches) {
      this.fn = fn;
      this.batches = batches;
    }

    @StartBundle
    public void startBundle() {
      partial = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element KV<K, InputT> element) {
      K key = element.getKey();
      Keyed<K, Object> keyed =
          partial.computeIfAbsent(
              batches.keyCoder().structuralValue(key),
              k -> new Keyed<>(key, fn.createAccumulator()));
      keyed.accumulator = fn.addInput(keyed.accumulator, element.getValue());
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) throws IOException {
      KeyedBatches<K, Object>.Packer packer = batches.packer();
      for (Keyed<K, Object> keyed : partial.values()) {
        packer.add(keyed.key, fn.compact(keyed.accumulator));
      }
      partial = null;
      packer.emit(context);
    }
  }

  /** Merges one shard's accumulators per key and emits each key's combined value. */
  static final class MergeEachKeyFn<K, InputT, OutputT>
      extends DoFn<KV<Integer, Iterable<byte[]>>, KV<K, OutputT>> {
    private final CombineFn<InputT, Object, OutputT> fn;
    private final KeyedBatches<K, Object> batches;

    MergeEachKeyFn(CombineFn<InputT, Object, OutputT> fn, KeyedBatches<K, Object> batches) {
      this.fn = fn;
      this.batches = batches;
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<byte[]>> shard, OutputReceiver<KV<K, OutputT>> out)
        throws IOException {
      Map<Object, Keyed<K, Object>> merged = new HashMap<>();
      for (byte[] batch : shard.getValue()) {
        batches.unpack(
            batch,
            (key, accumulator) -> {
              Object id = batches.keyCoder().structuralValue(key);
              Keyed<K, Object> keyed = merged.get(id);
              if (keyed == null) {
                merged.put(id, new Keyed<>(key, accumulator));
              } else {
                keyed.accumulator =
                    fn.mergeAccumulators(Arrays.asList(keyed.accumulator, accumulator));
              }
            });
      }
      for (Keyed<K, Object> keyed : merged.values()) {
        out.output(KV.of(keyed.key, fn.extractOutput(keyed.accumulator)));
      }
    }
  }
}
