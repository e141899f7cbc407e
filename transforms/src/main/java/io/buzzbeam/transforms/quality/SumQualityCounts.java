package io.buzzbeam.transforms.quality;

import io.buzzbeam.transforms.shards.CombinePerKeyInShards;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Sums quality counts per (model, metric, field): many small increments in, one row per key out.
 *
 * <p>A combiner (not a GroupByKey) so that runners pre-aggregate before the shuffle; the
 * increments of a big landing zone are mostly {@code media/read = 1}.
 */
public class SumQualityCounts
    extends PTransform<PCollection<QualityCount>, PCollection<QualityCount>> {

  public static SumQualityCounts create() {
    return new SumQualityCounts();
  }

  @Override
  public PCollection<QualityCount> expand(PCollection<QualityCount> counts) {
    return counts
        .apply(
            "KeyByModelMetricField",
            MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                .via((QualityCount c) -> KV.of(c.groupingKey(), c.value)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .apply("SumPerKey", CombinePerKeyInShards.of(Sum.longsPerKey()))
        .apply(
            "ToQualityCount",
            MapElements.into(TypeDescriptor.of(QualityCount.class))
                .via((KV<String, Long> kv) -> QualityCount.fromGroupingKey(kv.getKey(), kv.getValue())))
        .setCoder(QualityCountCoder.of(counts.getPipeline()));
  }
}
