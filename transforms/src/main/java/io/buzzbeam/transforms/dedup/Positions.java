package io.buzzbeam.transforms.dedup;

/**
 * Orders positions ({@code "12"}, {@code "12:3"}, {@code "0"}) numerically segment by segment, so
 * that {@code "9" < "12"} and {@code "12:2" < "12:10"} (string order would say otherwise).
 */
final class Positions {

  private Positions() {}

  static int compare(String a, String b) {
    String[] left = a.split(":", -1);
    String[] right = b.split(":", -1);
    for (int i = 0; i < Math.min(left.length, right.length); i++) {
      int c = compareSegment(left[i], right[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(left.length, right.length);
  }

  private static int compareSegment(String a, String b) {
    try {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    } catch (NumberFormatException e) {
      return a.compareTo(b);
    }
  }
}
