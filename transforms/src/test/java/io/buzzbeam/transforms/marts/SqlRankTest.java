package io.buzzbeam.transforms.marts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlRankTest {

  @Test
  void descendingTiesShareTheLowestRankAndTheNextSkips() {
    // Sorted DESC: 3 (i0), 3 (i2) → 1, 1; 2 (i4) → 3; 1 (i1) → 4; nulls (i3, i5) → 5, 5.
    List<Integer> values = Arrays.asList(3, 1, 3, null, 2, null);
    assertArrayEquals(new int[] {1, 4, 1, 5, 3, 5}, SqlRank.descNullsLast(values));
  }

  @Test
  void ascendingPutsNullsLastToo() {
    // Sorted ASC: 1 (i1) → 1; 2 (i4) → 2; 3, 3 (i0, i2) → 3, 3; nulls → 5, 5.
    List<Integer> values = Arrays.asList(3, 1, 3, null, 2, null);
    assertArrayEquals(new int[] {3, 1, 3, 5, 2, 5}, SqlRank.ascNullsLast(values));
  }

  @Test
  void doublesAllNullsAndEmpty() {
    assertArrayEquals(
        new int[] {2, 1, 2, 4}, SqlRank.descNullsLast(Arrays.asList(12.5, 25.0, 12.5, 0.0)));
    assertArrayEquals(new int[] {1, 1}, SqlRank.descNullsLast(Arrays.asList((Long) null, null)));
    assertArrayEquals(new int[] {}, SqlRank.descNullsLast(List.<Long>of()));
  }
}
