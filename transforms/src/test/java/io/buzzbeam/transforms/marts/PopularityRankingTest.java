package io.buzzbeam.transforms.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PopularityRankingTest {

  private static String ranks(PopularityRanking.Ranks r) {
    return r.mediaRank + "," + r.followerRank + "," + r.communityRank + " = " + r.popularityScore
        + " → " + r.popularityRank;
  }

  @Test
  void ranksEveryMetricThenTheSum() {
    List<BrandMetrics> brands =
        List.of(
            new BrandMetrics("a", 1000L, 2, 25.0, 2),
            new BrandMetrics("b", 4000L, 1, 25.0, 1),
            new BrandMetrics("c", null, 0, null, 0),
            new BrandMetrics("d", null, 1, null, 0));
    List<PopularityRanking.Ranks> ranks = PopularityRanking.rank(brands);
    // media: a, b tie at 25.0 → 1, 1; c, d null → 3, 3 (nulls last, peers).
    // followers: b 4000 → 1; a 1000 → 2; c, d null → 3, 3.
    // community: a 2 → 1; b 1 → 2; c, d 0 → 3, 3.
    // score: a 1+2+1 = 4; b 1+1+2 = 4; c, d 3+3+3 = 9 → popularity 1, 1, 3, 3.
    assertEquals("1,2,1 = 4 → 1", ranks(ranks.get(0)));
    assertEquals("1,1,2 = 4 → 1", ranks(ranks.get(1)));
    assertEquals("3,3,3 = 9 → 3", ranks(ranks.get(2)));
    assertEquals("3,3,3 = 9 → 3", ranks(ranks.get(3)));
  }
}
