package io.buzzbeam.transforms.shards;

import org.apache.beam.sdk.options.Default;
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
          + "parallelism; more evens out the load, fewer means bigger bundles on the DirectRunner.")
  @Default.Integer(Rebalance.DEFAULT_SHARDS)
  Integer getShards();

  void setShards(Integer value);

  @Description(
      "Where records are gathered into shards: auto (only on the DirectRunner, which needs it to "
          + "run at real volumes), always, never.")
  @Default.String(Rebalance.AUTO)
  String getGatherShards();

  void setGatherShards(String value);
}
