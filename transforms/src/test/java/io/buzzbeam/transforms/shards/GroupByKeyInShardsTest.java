package io.buzzbeam.transforms.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
public class GroupByKeyInShardsTest {

  final transient TestPipeline p = TestPipeline.create();

  private static final KvCoder<String, Integer> PAIR =
      KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of());

  private PCollection<KV<String, Integer>> inManyBundles(List<KV<String, Integer>> pairs) {
    return ShardsTestSupport.inManyBundles(p, "In", pairs);
  }

  /** A group as "key=v1,v2,..." with its values sorted: groups carry no order. */
  private static PCollection<String> described(String name, PCollection<KV<String, Iterable<Integer>>> groups) {
    return groups.apply(
        name,
        MapElements.into(TypeDescriptors.strings())
            .via(
                (KV<String, Iterable<Integer>> g) -> {
                  List<Integer> values = new ArrayList<>();
                  g.getValue().forEach(values::add);
                  values.sort(null);
                  return g.getKey() + "=" + values.toString().replace(" ", "");
                }));
  }

  @Test
  public void eachKeyComesOutOnceWithAllItsValues() {
    p.getOptions().as(ShardingOptions.class).setShards(3);
    List<KV<String, Integer>> in =
        List.of(
            KV.of("caption one", 3), KV.of("캡션 둘", 1), KV.of("caption one", 1),
            KV.of("", 7), KV.of("caption one", 3), KV.of("캡션 둘", 2));
    PCollection<KV<String, Iterable<Integer>>> groups =
        inManyBundles(in).apply(GroupByKeyInShards.create());
    // Duplicated values stay (3 twice), the empty key is a key like any other.
    PAssert.that(described("Describe", groups))
        .containsInAnyOrder("caption one=[1,3,3]", "캡션 둘=[1,2]", "=[7]");
    p.run().waitUntilFinish();
  }

  @Test
  public void manyKeysComeOutInAtMostTheShardsBundles() {
    p.getOptions().as(ShardingOptions.class).setShards(4);
    List<KV<String, Integer>> in = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int k = 0; k < 200; k++) {
      in.add(KV.of("c" + k, k));
      in.add(KV.of("c" + k, k + 1000));
      expected.add("c" + k + "=[" + k + "," + (k + 1000) + "]");
    }
    PCollection<KV<String, Iterable<Integer>>> groups =
        inManyBundles(in)
            .apply(GroupByKeyInShards.create())
            .apply("CountBundles", ParDo.of(new ShardsTestSupport.CountBundlesFn<KV<String, Iterable<Integer>>>()));
    PAssert.that(described("Describe", groups)).containsInAnyOrder(expected);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    long bundles = ShardsTestSupport.counter(result, "bundles");
    assertTrue(bundles >= 1 && bundles <= 4, "bundles after the grouping: " + bundles);
    assertEquals(200L, ShardsTestSupport.counter(result, "records"));
  }

  @Test
  public void groupsAreTimestampedAtTheEndOfTheGlobalWindow() {
    PCollection<Instant> times =
        inManyBundles(List.of(KV.of("a", 1), KV.of("b", 2), KV.of("a", 3)))
            .apply(GroupByKeyInShards.create())
            .apply(ParDo.of(new ShardsTestSupport.TimestampFn<KV<String, Iterable<Integer>>>()));
    Instant end = GlobalWindow.INSTANCE.maxTimestamp();
    PAssert.that(times).containsInAnyOrder(end, end);
    p.run().waitUntilFinish();
  }

  @Test
  public void windowedInputIsGroupedPerWindowByGroupByKeyItself() {
    PCollection<KV<String, Iterable<Integer>>> groups =
        p.apply(
                Create.timestamped(
                        TimestampedValue.of(KV.of("a", 1), new Instant(0)),
                        TimestampedValue.of(KV.of("a", 2), new Instant(60_000)))
                    .withCoder(PAIR))
            .apply(Window.into(FixedWindows.of(Duration.standardMinutes(1))))
            .apply("Group", GroupByKeyInShards.create());
    PCollection<String> described = described("Describe", groups);
    PAssert.that(described)
        .inWindow(new IntervalWindow(new Instant(0), Duration.standardMinutes(1)))
        .containsInAnyOrder("a=[1]");
    PAssert.that(described)
        .inWindow(new IntervalWindow(new Instant(60_000), Duration.standardMinutes(1)))
        .containsInAnyOrder("a=[2]");
    Set<String> names = ShardsTestSupport.primitiveNames(p);
    assertTrue(names.contains("Group/PerKey"), names.toString());
    assertFalse(names.contains("Group/GroupByShard"), names.toString());
    p.run().waitUntilFinish();
  }

  @Test
  public void groupsInShardsOnlyWhereRecordsAreGathered() {
    p.getOptions().as(ShardingOptions.class).setGatherShards(Rebalance.NEVER);
    PCollection<KV<String, Iterable<Integer>>> groups =
        p.apply(Create.of(KV.of("a", 1), KV.of("a", 2)).withCoder(PAIR))
            .apply("Group", GroupByKeyInShards.create());
    PAssert.that(described("Describe", groups)).containsInAnyOrder("a=[1,2]");
    Set<String> names = ShardsTestSupport.primitiveNames(p);
    assertTrue(names.contains("Group/PerKey"), names.toString());
    assertFalse(names.contains("Group/GroupByShard"), names.toString());
    p.run().waitUntilFinish();
  }
}
