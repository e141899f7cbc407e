package io.buzzbeam.transforms.marts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SQL {@code RANK()} over a small in-memory partition, as the marts need it (SPEC §4): peers
 * (equal values) share the lowest rank of their group and the next rank skips (1, 1, 3). Nulls are
 * peers of each other and rank after every value (NULLS LAST) in both directions.
 *
 * <p>Ranks are returned in input order: {@code ranks[i]} is the rank of {@code values.get(i)}.
 */
public final class SqlRank {

  private SqlRank() {}

  /** {@code RANK() OVER (ORDER BY value DESC NULLS LAST)}. */
  public static <V extends Comparable<? super V>> int[] descNullsLast(List<V> values) {
    return rank(values, Comparator.<V>reverseOrder());
  }

  /** {@code RANK() OVER (ORDER BY value ASC NULLS LAST)}. */
  public static <V extends Comparable<? super V>> int[] ascNullsLast(List<V> values) {
    return rank(values, Comparator.<V>naturalOrder());
  }

  private static <V> int[] rank(List<V> values, Comparator<V> order) {
    Comparator<V> withNullsLast = Comparator.nullsLast(order);
    List<Integer> byValue = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      byValue.add(i);
    }
    byValue.sort((a, b) -> withNullsLast.compare(values.get(a), values.get(b)));

    int[] ranks = new int[values.size()];
    for (int position = 0; position < byValue.size(); position++) {
      int index = byValue.get(position);
      boolean peerOfPrevious =
          position > 0
              && withNullsLast.compare(values.get(byValue.get(position - 1)), values.get(index)) == 0;
      ranks[index] = peerOfPrevious ? ranks[byValue.get(position - 1)] : position + 1;
    }
    return ranks;
  }
}
