package io.buzzbeam.pipelines.generate;

import java.util.List;

/**
 * Deterministic randomness keyed by what is being decided, not by call order: every decision is
 * {@code hash(seed, namespace, keys...)}. So an entity's attributes (a post's likes, whether a poll
 * fails) do not change when another option (say {@code --brands}) changes how much else is drawn,
 * and the output is byte-identical for the same seed and options.
 */
final class Rand {
  private Rand() {}

  /** SplitMix64 finalizer: a well-mixed 64-bit hash of {@code z}. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long hash(long seed, long... keys) {
    long h = mix(seed ^ 0x9e3779b97f4a7c15L);
    for (long k : keys) {
      h = mix(h ^ (k + 0x9e3779b97f4a7c15L));
    }
    return h;
  }

  /** A stable 64-bit key for a string (namespaces, usernames, hashtags). */
  static long key(String s) {
    long h = 1125899906842597L;
    for (int i = 0; i < s.length(); i++) {
      h = 31 * h + s.charAt(i);
    }
    return mix(h);
  }

  /** Uniform in [0, 1) from a hash. */
  static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }

  static double unit(long seed, long... keys) {
    return unit(hash(seed, keys));
  }

  /** Uniform integer in [0, bound). */
  static int below(long hash, int bound) {
    return (int) Math.floorMod(hash, (long) bound);
  }

  /** Standard normal from a hash (Box-Muller on two derived uniforms). */
  static double gaussian(long hash) {
    double u1 = Math.max(unit(mix(hash ^ 0x1234567L)), 1e-12);
    double u2 = unit(mix(hash ^ 0x7654321L));
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** Log-normal with the given median and log-space spread. */
  static double logNormal(long hash, double median, double sigma) {
    return median * Math.exp(sigma * gaussian(hash));
  }

  static <T> T pick(long hash, List<T> items) {
    return items.get(below(hash, items.size()));
  }

  static <T> T pick(long hash, T[] items) {
    return items[below(hash, items.length)];
  }

  /** Index drawn in proportion to {@code weights}. */
  static int weighted(long hash, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = unit(hash) * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Poisson draw (Knuth for small means, normal approximation above 60). */
  static int poisson(long hash, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 60) {
      return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * gaussian(hash)));
    }
    double l = Math.exp(-mean);
    double p = 1;
    int k = 0;
    long h = hash;
    do {
      k++;
      h = mix(h + 0x9e3779b97f4a7c15L);
      p *= unit(h);
    } while (p > l);
    return k - 1;
  }
}
