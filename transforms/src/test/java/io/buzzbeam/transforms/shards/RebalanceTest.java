package io.buzzbeam.transforms.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.CrashingRunner;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.Keys;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
public class RebalanceTest {

  final transient TestPipeline p = TestPipeline.create();

  private static List<Integer> numbers(int n) {
    List<Integer> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(i);
    }
    return list;
  }

  /** One record per key of a grouping, as after de-duplication: one bundle per key here. */
  private PCollection<Integer> onePerKey(int n) {
    return p.apply("Numbers", Create.of(numbers(n)))
        .apply("ByItself", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptors.integers())).via((Integer i) -> KV.of(i, i)))
        .apply("GroupByNumber", GroupByKey.create())
        .apply("Number", Keys.create());
  }

  @Test
  public void everyRecordComesOutOnceAndBundlesAreAtMostTheShards() {
    PCollection<Integer> out =
        onePerKey(500).apply(Rebalance.<Integer>acrossShards(4)).apply("CountBundles", ParDo.of(new ShardsTestSupport.CountBundlesFn<Integer>()));
    PAssert.that(out).containsInAnyOrder(numbers(500));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    long bundles = ShardsTestSupport.counter(result, "bundles");
    // 500 keys were 500 bundles; gathered into 4 shards they are at most 4 (round-robin fills all 4).
    assertTrue(bundles >= 1 && bundles <= 4, "bundles after Rebalance: " + bundles);
    assertEquals(500L, ShardsTestSupport.counter(result, "records"));
  }

  @Test
  public void theShardCountComesFromTheOptions() {
    ShardingOptions options = PipelineOptionsFactory.fromArgs("--shards=7").as(ShardingOptions.class);
    assertEquals(7, Rebalance.shardsOf(options));
    PipelineOptions elsewhere = PipelineOptionsFactory.create();
    elsewhere.setRunner(CrashingRunner.class);
    assertEquals(Rebalance.DEFAULT_SHARDS, Rebalance.shardsOf(elsewhere));
    // On the DirectRunner: 4 per core, at least 8 (8 on the 2-core machines CI and the benchmark use).
    PipelineOptions direct = PipelineOptionsFactory.create();
    direct.setRunner(DirectRunner.class);
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(Math.max(8, 4 * cores), Rebalance.shardsOf(direct));
    // An explicit --shards wins on the DirectRunner too.
    ShardingOptions chosen = PipelineOptionsFactory.fromArgs("--shards=32").as(ShardingOptions.class);
    chosen.setRunner(DirectRunner.class);
    assertEquals(32, Rebalance.shardsOf(chosen));
  }

  @Test
  public void zeroShardsIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Rebalance.acrossShards(0));
  }

  @Test
  public void afterGroupsTheRecordsTogetherWithTheSignalsCompletion() {
    // The grouping that gathers the shards also takes the signal (with no elements) as an input,
    // so it cannot fire before the signal is complete. Checked on the graph: on the DirectRunner
    // the timing alone does not show it, as a grouping there often fires late anyway.
    PCollection<String> signal = p.apply("Signal", Create.of("s1", "s2"));
    PCollection<Integer> out =
        onePerKey(50).apply("Gather", Rebalance.<Integer>acrossShards(3).after(signal));
    PAssert.that(out).containsInAnyOrder(numbers(50));

    Map<String, TransformHierarchy.Node> nodes = new HashMap<>();
    p.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            nodes.put(node.getFullName(), node);
          }
        });
    TransformHierarchy.Node completion = nodes.get("Gather/CompletionOf0/ParMultiDo(Nothing)");
    TransformHierarchy.Node flatten = nodes.get("Gather/WithSignals");
    TransformHierarchy.Node group = nodes.get("Gather/GroupByShard");
    assertTrue(completion != null && flatten != null && group != null, nodes.keySet().toString());
    assertTrue(completion.getInputs().containsValue(signal));
    assertTrue(
        flatten.getInputs().values().containsAll(completion.getOutputs().values()));
    assertTrue(group.getInputs().values().containsAll(flatten.getOutputs().values()));
    p.run().waitUntilFinish();
  }
}
