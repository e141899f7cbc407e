package io.buzzbeam.transforms.marts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.KV;

/**
 * (media id, engagement rate) → {@link PostEngagement}: SPEC §4 {@code posts} (distinct media) and
 * {@code avg_engagement_rate} (mean of the non-null rates, null if none).
 *
 * <p>The mean is computed from the exact sum of the rates (as decimals) so that it does not depend
 * on the order in which a runner merges partial results: a rerun gives the same double to the last
 * bit, and two brands with mathematically equal means tie in the ranks.
 */
public class PostEngagementFn
    extends Combine.CombineFn<KV<String, Double>, Map<String, Double>, PostEngagement> {

  @Override
  public Map<String, Double> createAccumulator() {
    return new HashMap<>();
  }

  @Override
  public Map<String, Double> addInput(Map<String, Double> rates, KV<String, Double> media) {
    put(rates, media.getKey(), media.getValue());
    return rates;
  }

  @Override
  public Map<String, Double> mergeAccumulators(Iterable<Map<String, Double>> accumulators) {
    Map<String, Double> merged = new HashMap<>();
    for (Map<String, Double> rates : accumulators) {
      for (Map.Entry<String, Double> e : rates.entrySet()) {
        put(merged, e.getKey(), e.getValue());
      }
    }
    return merged;
  }

  /** A media seen twice keeps one rate, whichever order the copies arrive in: a known one, the larger. */
  private static void put(Map<String, Double> rates, String mediaId, Double rate) {
    if (!rates.containsKey(mediaId)) {
      rates.put(mediaId, rate);
      return;
    }
    Double kept = rates.get(mediaId);
    if (kept == null || (rate != null && rate > kept)) {
      rates.put(mediaId, rate);
    }
  }

  @Override
  public PostEngagement extractOutput(Map<String, Double> rates) {
    return new PostEngagement(rates.size(), mean(rates.values()));
  }

  /** The mean of the non-null values, from their exact sum; null if there are none. */
  static Double mean(Iterable<Double> values) {
    BigDecimal sum = BigDecimal.ZERO;
    int n = 0;
    for (Double v : values) {
      if (v != null) {
        sum = sum.add(new BigDecimal(v));
        n++;
      }
    }
    if (n == 0) {
      return null;
    }
    return sum.divide(BigDecimal.valueOf(n), MathContext.DECIMAL128).doubleValue();
  }

  @Override
  public Coder<Map<String, Double>> getAccumulatorCoder(
      CoderRegistry registry, Coder<KV<String, Double>> inputCoder) {
    return MapCoder.of(StringUtf8Coder.of(), NullableCoder.of(DoubleCoder.of()));
  }

  @Override
  public Coder<PostEngagement> getDefaultOutputCoder(
      CoderRegistry registry, Coder<KV<String, Double>> inputCoder) {
    return SerializableCoder.of(PostEngagement.class);
  }

  /** The input coder marts use: media id → nullable rate. */
  static Coder<KV<String, Double>> inputCoder() {
    return KvCoder.of(StringUtf8Coder.of(), NullableCoder.of(DoubleCoder.of()));
  }
}
