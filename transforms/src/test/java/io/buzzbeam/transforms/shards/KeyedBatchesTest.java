package io.buzzbeam.transforms.shards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

public class KeyedBatchesTest {

  private final KeyedBatches<String, Long> batches =
      new KeyedBatches<>(5, StringUtf8Coder.of(), VarLongCoder.of());

  @Test
  public void aKeysShardIsFixedAndWithinTheShardCount() throws Exception {
    Map<Integer, Integer> perShard = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      String key = "media-" + i;
      int shard = batches.shardOf(key);
      assertTrue(shard >= 0 && shard < 5, key + " -> " + shard);
      // A fresh copy of the key, through a fresh instance: the same shard (no identity hash).
      assertEquals(shard, new KeyedBatches<>(5, StringUtf8Coder.of(), VarLongCoder.of()).shardOf(new String(key)));
      perShard.merge(shard, 1, Integer::sum);
    }
    // Every shard gets keys: 1,000 keys over 5 shards, none empty or holding most of them.
    assertEquals(5, perShard.size(), perShard.toString());
    perShard.values().forEach(n -> assertTrue(n > 100 && n < 300, perShard.toString()));
  }

  @Test
  public void packedPairsComeBackInOrderFromTheirKeysShard() throws Exception {
    KeyedBatches<String, Long>.Packer packer = batches.packer();
    List<KV<String, Long>> in =
        List.of(KV.of("a", 1L), KV.of("b", -2L), KV.of("a", 3L), KV.of("", 0L), KV.of("한글", Long.MAX_VALUE));
    for (KV<String, Long> pair : in) {
      packer.add(pair.getKey(), pair.getValue());
    }
    Map<Integer, List<KV<String, Long>>> unpacked = new HashMap<>();
    List<Integer> shards = new ArrayList<>();
    packer.drain(
        batch -> {
          shards.add(batch.getKey());
          List<KV<String, Long>> pairs = new ArrayList<>();
          try {
            batches.unpack(batch.getValue(), (k, v) -> pairs.add(KV.of(k, v)));
          } catch (java.io.IOException e) {
            throw new AssertionError(e);
          }
          unpacked.put(batch.getKey(), pairs);
        });
    // One batch per shard that got a pair, each shard once, in shard order.
    assertEquals(shards.stream().sorted().distinct().toList(), shards);
    List<KV<String, Long>> all = new ArrayList<>();
    for (Map.Entry<Integer, List<KV<String, Long>>> e : unpacked.entrySet()) {
      for (KV<String, Long> pair : e.getValue()) {
        assertEquals(batches.shardOf(pair.getKey()), (int) e.getKey(), pair.toString());
      }
      all.addAll(e.getValue());
    }
    assertEquals(in.size(), all.size());
    assertTrue(all.containsAll(in), all.toString());
    // Within a shard the packing order is kept: a's 1 before a's 3.
    List<KV<String, Long>> ofA = unpacked.get(batches.shardOf("a"));
    assertTrue(ofA.indexOf(KV.of("a", 1L)) < ofA.indexOf(KV.of("a", 3L)), ofA.toString());
  }

  @Test
  public void aDrainedPackerStartsEmpty() throws Exception {
    KeyedBatches<String, Long>.Packer packer = batches.packer();
    packer.add("x", 1L);
    List<Integer> first = new ArrayList<>();
    packer.drain(b -> first.add(b.getKey()));
    List<Integer> second = new ArrayList<>();
    packer.drain(b -> second.add(b.getKey()));
    assertEquals(List.of(batches.shardOf("x")), first);
    assertEquals(List.of(), second);
  }
}
