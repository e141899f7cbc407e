package io.buzzbeam.transforms.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.Top;
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
public class CombinePerKeyInShardsTest {

  final transient TestPipeline p = TestPipeline.create();

  private PCollection<KV<String, Integer>> inManyBundles(String name, List<KV<String, Integer>> pairs) {
    return ShardsTestSupport.inManyBundles(p, name, pairs);
  }

  private static List<KV<String, Integer>> pairs(Object... keysAndValues) {
    List<KV<String, Integer>> list = new ArrayList<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      list.add(KV.of((String) keysAndValues[i], (Integer) keysAndValues[i + 1]));
    }
    return list;
  }

  @Test
  public void sumsPerKeyAcrossBundlesAsCombinePerKeyDoes() {
    p.getOptions().as(ShardingOptions.class).setShards(3);
    List<KV<String, Integer>> in = pairs("a", 1, "b", 10, "a", 2, "c", 100, "b", 20, "a", 3, "d", 0);
    PCollection<KV<String, Integer>> sharded =
        inManyBundles("In", in).apply("Sharded", CombinePerKeyInShards.of(Sum.integersPerKey()));
    // a = 1 + 2 + 3, b = 10 + 20, c = 100, d = 0 (a key whose only value is 0 still comes out).
    List<KV<String, Integer>> expected = pairs("a", 6, "b", 30, "c", 100, "d", 0);
    PAssert.that(sharded).containsInAnyOrder(expected);
    PAssert.that(inManyBundles("Again", in).apply("Plain", Sum.integersPerKey()))
        .containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  /** Longest string, ties to the alphabetically first: a binary combine's winner, as Max picks. */
  static final class Longest implements Comparator<String>, Serializable {
    @Override
    public int compare(String x, String y) {
      return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : y.compareTo(x);
    }
  }

  @Test
  public void keepsTheSameSnapshotAsMaxPerKey() {
    List<KV<String, String>> in =
        List.of(
            KV.of("m1", "ab"), KV.of("m2", "x"), KV.of("m1", "abc"), KV.of("m1", "abd"),
            KV.of("m2", "yy"), KV.of("m2", "xx"), KV.of("m3", "solo"));
    PCollection<KV<String, String>> kept =
        p.apply(Create.of(in).withCoder(KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())))
            .apply(CombinePerKeyInShards.of(Max.perKey(new Longest())));
    // m1: abc and abd are longest, abc sorts first; m2: xx and yy, xx first; m3: its only value.
    PAssert.that(kept).containsInAnyOrder(KV.of("m1", "abc"), KV.of("m2", "xx"), KV.of("m3", "solo"));
    p.run().waitUntilFinish();
  }

  @Test
  public void mergesListAccumulatorsAcrossBundles() {
    p.getOptions().as(ShardingOptions.class).setShards(2);
    List<KV<String, Integer>> in =
        pairs("k", 5, "k", 9, "j", 4, "k", 1, "k", 7, "j", 8, "j", 6, "k", 9);
    PCollection<KV<String, List<Integer>>> top =
        inManyBundles("In", in).apply(CombinePerKeyInShards.of(Top.<String, Integer>largestPerKey(2)));
    // k's values 5, 9, 1, 7, 9 -> the two largest are 9, 9; j's 4, 8, 6 -> 8, 6.
    PAssert.that(top).containsInAnyOrder(KV.of("k", List.of(9, 9)), KV.of("j", List.of(8, 6)));
    p.run().waitUntilFinish();
  }

  @Test
  public void manyKeysComeOutOnceEachInAtMostTheShardsBundles() {
    p.getOptions().as(ShardingOptions.class).setShards(4);
    List<KV<String, Integer>> in = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      in.add(KV.of("key" + (i % 150), 1));
    }
    PCollection<KV<String, Integer>> counted =
        inManyBundles("In", in)
            .apply(CombinePerKeyInShards.of(Sum.integersPerKey()))
            .apply("CountBundles", ParDo.of(new ShardsTestSupport.CountBundlesFn<KV<String, Integer>>()));
    List<KV<String, Integer>> expected = new ArrayList<>();
    for (int k = 0; k < 150; k++) {
      expected.add(KV.of("key" + k, 4)); // 600 inputs, keys round-robin over 150: 4 each
    }
    PAssert.that(counted).containsInAnyOrder(expected);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    long bundles = ShardsTestSupport.counter(result, "bundles");
    // Combine.perKey here gives one bundle per key (150); in 4 shards it is at most 4.
    assertTrue(bundles >= 1 && bundles <= 4, "bundles after the combine: " + bundles);
    assertEquals(150L, ShardsTestSupport.counter(result, "records"));
  }

  @Test
  public void outputIsTimestampedAtTheEndOfTheGlobalWindowAsAGroupingIs() {
    List<KV<String, Integer>> in = pairs("a", 1, "b", 2, "a", 3);
    PCollection<Instant> sharded =
        inManyBundles("In", in)
            .apply("Sharded", CombinePerKeyInShards.of(Sum.integersPerKey()))
            .apply("ShardedTimestamps", ParDo.of(new ShardsTestSupport.TimestampFn<KV<String, Integer>>()));
    PCollection<Instant> plain =
        inManyBundles("Again", in)
            .apply("Plain", Sum.integersPerKey())
            .apply("PlainTimestamps", ParDo.of(new ShardsTestSupport.TimestampFn<KV<String, Integer>>()));
    Instant end = GlobalWindow.INSTANCE.maxTimestamp();
    PAssert.that(sharded).containsInAnyOrder(end, end);
    PAssert.that(plain).containsInAnyOrder(end, end);
    p.run().waitUntilFinish();
  }

  @Test
  public void emptyInputGivesNothing() {
    PCollection<KV<String, Integer>> none =
        p.apply(Create.empty(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())))
            .apply(CombinePerKeyInShards.of(Sum.integersPerKey()));
    PAssert.that(none).empty();
    p.run().waitUntilFinish();
  }

  @Test
  public void windowedInputIsCombinedPerWindowByCombinePerKeyItself() {
    PCollection<KV<String, Integer>> windowed =
        p.apply(
                Create.timestamped(
                        TimestampedValue.of(KV.of("a", 1), new Instant(0)),
                        TimestampedValue.of(KV.of("a", 2), new Instant(1_000)),
                        TimestampedValue.of(KV.of("a", 4), new Instant(60_000)))
                    .withCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())))
            .apply(Window.into(FixedWindows.of(Duration.standardMinutes(1))));
    PCollection<KV<String, Integer>> sums =
        windowed.apply("SumPerMinute", CombinePerKeyInShards.of(Sum.integersPerKey()));
    IntervalWindow first = new IntervalWindow(new Instant(0), Duration.standardMinutes(1));
    IntervalWindow second = new IntervalWindow(new Instant(60_000), Duration.standardMinutes(1));
    PAssert.that(sums).inWindow(first).containsInAnyOrder(KV.of("a", 3));
    PAssert.that(sums).inWindow(second).containsInAnyOrder(KV.of("a", 4));
    Set<String> names = ShardsTestSupport.primitiveNames(p);
    assertFalse(names.stream().anyMatch(n -> n.startsWith("SumPerMinute/GroupByShard")), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("SumPerMinute/PerKey/")), names.toString());
    p.run().waitUntilFinish();
  }

  @Test
  public void combinesInShardsOnlyWhereRecordsAreGathered() {
    p.getOptions().as(ShardingOptions.class).setGatherShards(Rebalance.NEVER);
    PCollection<KV<String, Integer>> sums =
        p.apply(Create.of(pairs("a", 1, "a", 2)).withCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())))
            .apply("Sum", CombinePerKeyInShards.of(Sum.integersPerKey()));
    PAssert.that(sums).containsInAnyOrder(KV.of("a", 3));
    Set<String> names = ShardsTestSupport.primitiveNames(p);
    assertFalse(names.stream().anyMatch(n -> n.contains("GroupByShard")), names.toString());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("Sum/PerKey/")), names.toString());
    p.run().waitUntilFinish();
  }

  @Test
  public void onTheDirectRunnerTheCombineRunsInShards() {
    PCollection<KV<String, Integer>> sums =
        p.apply(Create.of(pairs("a", 1, "a", 2)).withCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())))
            .apply("Sum", CombinePerKeyInShards.of(Sum.integersPerKey()));
    PAssert.that(sums).containsInAnyOrder(KV.of("a", 3));
    Set<String> names = ShardsTestSupport.primitiveNames(p);
    assertTrue(names.contains("Sum/GroupByShard"), names.toString());
    assertTrue(names.contains("Sum/CombineEachBundle/ParMultiDo(CombineEachBundle)"), names.toString());
    assertTrue(names.contains("Sum/MergeEachKey/ParMultiDo(MergeEachKey)"), names.toString());
    p.run().waitUntilFinish();
  }
}
