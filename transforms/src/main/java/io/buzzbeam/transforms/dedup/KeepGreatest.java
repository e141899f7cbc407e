package io.buzzbeam.transforms.dedup;

import java.io.Serializable;
import java.util.Comparator;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Keeps the greatest of the values by a total order. Associative and commutative as long as the
 * order is total, which is what makes the pick independent of arrival order.
 */
final class KeepGreatest<T> extends Combine.BinaryCombineFn<T> {

  private final Comparator<T> order;

  <C extends Comparator<T> & Serializable> KeepGreatest(C order) {
    this.order = order;
  }

  @Override
  public T apply(T left, T right) {
    return order.compare(left, right) >= 0 ? left : right;
  }
}
