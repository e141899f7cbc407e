package io.buzzbeam.transforms.marts;

import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.transforms.shards.CombinePerKeyInShards;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Profile snapshots → each brand's {@link FollowerHistory}, keyed by the brand key. Snapshots are
 * few (one per brand per collection), so the marts read the result as a map side input ({@link
 * #asMap}); steps reading it wait for it first ({@code Rebalance.after}).
 */
public class FollowerHistoriesByBrand
    extends PTransform<PCollection<ProfileSnapshot>, PCollection<KV<String, FollowerHistory>>> {

  public static FollowerHistoriesByBrand create() {
    return new FollowerHistoriesByBrand();
  }

  /** The histories as a map side input, brand key → history. */
  public static PCollectionView<Map<String, FollowerHistory>> asMap(
      PCollection<KV<String, FollowerHistory>> histories) {
    return histories.apply("FollowerHistoriesAsMap", View.asMap());
  }

  @Override
  public PCollection<KV<String, FollowerHistory>> expand(PCollection<ProfileSnapshot> profiles) {
    return profiles
        .apply(
            "KeyByBrand",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.strings(), TypeDescriptor.of(FollowerHistory.Point.class)))
                .via((ProfileSnapshot s) -> KV.of(s.getBrand(), FollowerHistory.point(s))))
        .setCoder(
            KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(FollowerHistory.Point.class)))
        .apply("CollectSnapshots", CombinePerKeyInShards.of(Combine.perKey(new CollectHistoryFn())))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(FollowerHistory.class)));
  }

  /** Gathers a brand's snapshot points and sorts them once, at the end. */
  static class CollectHistoryFn
      extends Combine.CombineFn<FollowerHistory.Point, List<FollowerHistory.Point>, FollowerHistory> {

    @Override
    public List<FollowerHistory.Point> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<FollowerHistory.Point> addInput(
        List<FollowerHistory.Point> acc, FollowerHistory.Point point) {
      acc.add(point);
      return acc;
    }

    @Override
    public List<FollowerHistory.Point> mergeAccumulators(
        Iterable<List<FollowerHistory.Point>> accs) {
      List<FollowerHistory.Point> merged = new ArrayList<>();
      for (List<FollowerHistory.Point> acc : accs) {
        merged.addAll(acc);
      }
      return merged;
    }

    @Override
    public FollowerHistory extractOutput(List<FollowerHistory.Point> acc) {
      return FollowerHistory.of(acc);
    }

    @Override
    public Coder<List<FollowerHistory.Point>> getAccumulatorCoder(
        CoderRegistry registry, Coder<FollowerHistory.Point> inputCoder) {
      return ListCoder.of(SerializableCoder.of(FollowerHistory.Point.class));
    }
  }
}
