package io.buzzbeam.transforms.shards;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;

/** What the shards tests observe: bundles and records a step sees, step names, timestamps. */
final class ShardsTestSupport {

  private ShardsTestSupport() {}

  /**
   * The pairs as they arrive after a grouping on the DirectRunner: one bundle per pair, so that a
   * key's values reach the next step in several bundles and must be brought together across them.
   */
  static PCollection<KV<String, Integer>> inManyBundles(
      Pipeline p, String name, List<KV<String, Integer>> pairs) {
    List<KV<Integer, KV<String, Integer>>> numbered = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      numbered.add(KV.of(i, pairs.get(i)));
    }
    KvCoder<String, Integer> pair = KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of());
    return p.apply(name, Create.of(numbered).withCoder(KvCoder.of(VarIntCoder.of(), pair)))
        .apply(name + "OneBundleEach", GroupByKey.create())
        .apply(
            name + "Pairs",
            FlatMapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.integers()))
                .via((KV<Integer, Iterable<KV<String, Integer>>> g) -> g.getValue()))
        .setCoder(pair);
  }

  /** Passes records on, counting the bundles ({@code bundles}) and records ({@code records}). */
  static final class CountBundlesFn<T> extends DoFn<T, T> {
    private final Counter bundles = Metrics.counter(ShardsTestSupport.class, "bundles");
    private final Counter records = Metrics.counter(ShardsTestSupport.class, "records");

    @StartBundle
    public void start() {
      bundles.inc();
    }

    @ProcessElement
    public void process(@Element T element, OutputReceiver<T> out) {
      records.inc();
      out.output(element);
    }
  }

  /** A {@link CountBundlesFn} counter's value in {@code result}. */
  static long counter(PipelineResult result, String name) {
    return StreamSupport.stream(result.metrics().allMetrics().getCounters().spliterator(), false)
        .filter(c -> c.getName().getNamespace().equals(ShardsTestSupport.class.getName()))
        .filter(c -> c.getName().getName().equals(name))
        .mapToLong(MetricResult::getAttempted)
        .sum();
  }

  /** The full names of the pipeline's primitive steps. */
  static Set<String> primitiveNames(Pipeline pipeline) {
    Set<String> names = new TreeSet<>();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public void visitPrimitiveTransform(TransformHierarchy.Node node) {
            names.add(node.getFullName());
          }
        });
    return names;
  }

  /** Each record's timestamp. */
  static final class TimestampFn<T> extends DoFn<T, Instant> {
    @ProcessElement
    public void process(@Timestamp Instant timestamp, OutputReceiver<Instant> out) {
      out.output(timestamp);
    }
  }
}
