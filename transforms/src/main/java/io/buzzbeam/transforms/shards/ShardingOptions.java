package io.buzzbeam.transforms.shards;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How many shards {@link Rebalance}, {@link CombinePerKeyInShards} and {@link GroupByKeyInShards}
 * use, and where they gather.
 */
public interface ShardingOptions extends PipelineOptions {

  @Description(
      "Shards that records are gathered into where a runner needs it (keyed steps: "
          + "de-duplication, tokenizing, the marts' combines; sinks). At least the runner's "
          + "parallelism; more evens out the load, fewer means bigger bundles on the DirectRunner. "
          + "Default: 32; on the DirectRunner 4 per core, at least 8.")
  @Default.InstanceFactory(DefaultShards.class)
  Integer getShards();

  void setShards(Integer value);

  @Description(
      "Where records are gathered into shards: auto (only on the DirectRunner, which needs it to "
          + "run at real volumes), always, never.")
  @Default.String(Rebalance.AUTO)
  String getGatherShards();

  void setGatherShards(String value);

  /**
   * {@value Rebalance#DEFAULT_SHARDS}, but on the DirectRunner 4 per core (at least
   * {@value Rebalance#MIN_DIRECT_SHARDS}). There every step after a gathering pays per bundle and
   * every grouping copies its values once per bundle added (see {@link CombinePerKeyInShards}), so
   * fewer shards cost less as long as each thread has a few: zone A on 2 cores, interleaved, ran
   * 25.1/26.8 s with 8 shards against 38.0/33.7 s with 32 (README "Performance").
   */
  final class DefaultShards implements DefaultValueFactory<Integer> {
    @Override
    public Integer create(PipelineOptions options) {
      if ("DirectRunner".equals(options.getRunner().getSimpleName())) {
        return Math.max(Rebalance.MIN_DIRECT_SHARDS, 4 * Runtime.getRuntime().availableProcessors());
      }
      return Rebalance.DEFAULT_SHARDS;
    }
  }
}
