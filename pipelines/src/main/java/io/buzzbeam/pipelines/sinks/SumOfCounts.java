package io.buzzbeam.pipelines.sinks;

import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * A writer's per-bundle counts → exactly one {@code Long}, their sum (0 for no input).
 *
 * <p>The zero is flattened in rather than taken from {@code Sum.longsGlobally()}'s default value:
 * that default is produced by a step reading a side input, which the DirectRunner polls in a busy
 * loop until the sum is complete (see {@code Rebalance}).
 */
final class SumOfCounts extends PTransform<PCollection<Long>, PCollection<Long>> {

  static SumOfCounts create() {
    return new SumOfCounts();
  }

  @Override
  public PCollection<Long> expand(PCollection<Long> counts) {
    return PCollectionList.of(counts)
        .and(counts.getPipeline().apply("Zero", Create.of(0L)))
        .apply("WithZero", Flatten.pCollections())
        .apply("Sum", Sum.longsGlobally().withoutDefaults());
  }
}
