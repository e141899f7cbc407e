package io.buzzbeam.transforms.shards;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * Spreads records round-robin over a fixed number of shards ({@code --shards}, see {@link
 * ShardingOptions}): each record gets a shard number, records are grouped by shard and re-emitted.
 *
 * <p>Applied where a step must wait for other collections ({@link #after}), before the file reads
 * of the landing zone, and in every gated or replacing sink, which gathers its rows this way
 * anyway while it waits. Keyed steps over a large key space (de-duplication, tokenizing, the marts'
 * combines) do not need it after them: {@link CombinePerKeyInShards} and {@link
 * GroupByKeyInShards} already emit in shards where this would gather.
 *
 * <ul>
 *   <li>On Flink it evens out the load of the steps after it (a few hot keys do not pin them to
 *       one worker) at the cost of one sort of the already reduced data.
 *   <li>On the DirectRunner it is what makes the pipeline run at all at real volumes. The
 *       DirectRunner emits one bundle per key of a grouping, and every step after it pays per
 *       bundle: each ParDo is translated to its protobuf form twice per bundle (a Java
 *       serialization of the DoFn and of its coders), a step with side inputs re-runs every bundle
 *       that arrived before its side input was ready, and a JDBC writer commits once per bundle.
 *       25,000 de-duplicated media were 25,000 bundles through each of ~20 steps; grouped into 32
 *       shards they are 32 bundles.
 * </ul>
 *
 * <p>Why not {@code Reshuffle.viaRandomKey().withNumBuckets(n)}: a reshuffle fires its grouping
 * for every arriving bundle (that is its trigger), so on the DirectRunner 25,000 bundles in are
 * still 25,000 bundles out. A plain {@link GroupByKey} waits for its whole input and emits one
 * group per shard.
 *
 * <p>{@link #after} makes the grouping also wait until other collections are complete (they are
 * flattened in with no elements, so only their completion counts). A step that reads side inputs
 * derived from those collections then finds them ready: on the DirectRunner a step whose side
 * input is not ready yet re-runs each waiting bundle in a busy loop, which starves the steps that
 * would make the side input ready (a 5,700-media zone ran for 10 minutes instead of 50 s). On
 * Flink, side inputs are broadcast before the step starts; there the wait is just the grouping.
 *
 * <p>Results do not depend on the shard count: it only changes which worker sees which record.
 *
 * <p><b>Only where a runner needs it</b> ({@code --gatherShards}, default {@value #AUTO}): on
 * Flink the gathering bought nothing measurable and cost an encode, a sort and a decode of every
 * record per gathered step (see the README's "Performance"); Flink's batch side inputs are
 * complete before a step reads them, so {@link #after} is not needed there either. With
 * {@value #AUTO} the transform is the identity on every runner but the DirectRunner.
 */
public final class Rebalance<T> extends PTransform<PCollection<T>, PCollection<T>> {

  public static final int DEFAULT_SHARDS = 32;

  /** Records on their way to a grouping by shard: (shard, bytes), here and in {@link KeyedBatches}. */
  static final KvCoder<Integer, byte[]> SHARDED = KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of());

  /** The fewest shards the DirectRunner's default gives (see {@link ShardingOptions}). */
  public static final int MIN_DIRECT_SHARDS = 8;

  /** {@code --gatherShards} values. */
  public static final String AUTO = "auto";

  public static final String ALWAYS = "always";
  public static final String NEVER = "never";

  private final Integer shards;
  private final List<PCollection<?>> signals;

  private Rebalance(Integer shards, List<PCollection<?>> signals) {
    this.shards = shards;
    this.signals = signals;
  }

  /** Over {@code --shards} shards (see {@link ShardingOptions} for the default). */
  public static <T> Rebalance<T> acrossShards() {
    return new Rebalance<>(null, List.of());
  }

  /** Over exactly {@code shards} shards, whatever the options say. */
  public static <T> Rebalance<T> acrossShards(int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be >= 1, not " + shards);
    }
    return new Rebalance<>(shards, List.of());
  }

  /** Also waits until every one of {@code signals} is complete before emitting anything. */
  public Rebalance<T> after(PCollection<?>... signals) {
    List<PCollection<?>> all = new ArrayList<>(this.signals);
    all.addAll(Arrays.asList(signals));
    return new Rebalance<>(shards, List.copyOf(all));
  }

  /** The shard count used when applied to a pipeline with these options. */
  static int shardsOf(PipelineOptions options) {
    Integer configured = options.as(ShardingOptions.class).getShards();
    if (configured == null || configured < 1) {
      throw new IllegalArgumentException("--shards must be >= 1, not " + configured);
    }
    return configured;
  }

  /** Whether records are gathered on a pipeline with these options ({@code --gatherShards}). */
  static boolean gathers(PipelineOptions options) {
    String mode = options.as(ShardingOptions.class).getGatherShards();
    if (ALWAYS.equals(mode)) {
      return true;
    }
    if (NEVER.equals(mode)) {
      return false;
    }
    if (AUTO.equals(mode) || mode == null) {
      return "DirectRunner".equals(options.getRunner().getSimpleName());
    }
    throw new IllegalArgumentException("--gatherShards must be auto, always or never, not " + mode);
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    if (shards == null && !gathers(input.getPipeline().getOptions())) {
      return input;
    }
    int n = shards != null ? shards : shardsOf(input.getPipeline().getOptions());
    Coder<T> coder = input.getCoder();
    PCollection<KV<Integer, byte[]>> keyed =
        input.apply("AssignShard", ParDo.of(new AssignShardFn<T>(n, coder))).setCoder(SHARDED);
    PCollectionList<KV<Integer, byte[]>> parts = PCollectionList.of(keyed);
    for (int i = 0; i < signals.size(); i++) {
      parts = parts.and(completionOf(signals.get(i), "CompletionOf" + i, SHARDED));
    }
    PCollection<KV<Integer, byte[]>> all =
        parts.size() == 1 ? keyed : parts.apply("WithSignals", Flatten.pCollections());
    return all
        .apply("GroupByShard", GroupByKey.create())
        .apply("EmitEach", ParDo.of(new EmitEachFn<T>(coder)))
        .setCoder(coder);
  }

  private static <S, OutT> PCollection<OutT> completionOf(
      PCollection<S> signal, String name, Coder<OutT> coder) {
    return signal.apply(name, ParDo.of(new NothingFn<S, OutT>())).setCoder(coder);
  }

  /**
   * Round-robin from a random start, so that workers do not all begin with shard 0. Records travel
   * encoded: the DirectRunner copies a key's whole group (through its coder) each time another
   * bundle adds to it, and copying bytes is ~100 times cheaper than decoding Avro records.
   */
  static final class AssignShardFn<T> extends DoFn<T, KV<Integer, byte[]>> {
    private final int shards;
    private final Coder<T> coder;
    private transient int next;

    AssignShardFn(int shards, Coder<T> coder) {
      this.shards = shards;
      this.coder = coder;
    }

    @Setup
    public void setup() {
      next = ThreadLocalRandom.current().nextInt(shards);
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<KV<Integer, byte[]>> out)
        throws CoderException {
      out.output(KV.of(next, CoderUtils.encodeToByteArray(coder, element)));
      next = next + 1 == shards ? 0 : next + 1;
    }
  }

  /** Emits nothing: the signal's completion, not its content, is what the grouping waits for. */
  static final class NothingFn<InT, OutT> extends DoFn<InT, OutT> {
    @ProcessElement
    public void process() {}
  }

  static final class EmitEachFn<T> extends DoFn<KV<Integer, Iterable<byte[]>>, T> {
    private final Coder<T> coder;

    EmitEachFn(Coder<T> coder) {
      this.coder = coder;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<byte[]>> shard, OutputReceiver<T> out)
        throws CoderException {
      for (byte[] encoded : shard.getValue()) {
        out.output(CoderUtils.decodeFromByteArray(coder, encoded));
      }
    }
  }
}
