package io.buzzbeam.transforms.marts;

import io.buzzbeam.transforms.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
public class BrandSummaryMartTest {

  final transient TestPipeline p = TestPipeline.create();

  static Row summary(
      String brand, Long followers, int posts, Double avg, int mentions,
      int mediaRank, int followerRank, int communityRank, int score, int popularityRank) {
    return Row.withSchema(MartSchemas.BRAND_SUMMARY)
        .addValues(brand, followers, posts, avg, mentions,
            mediaRank, followerRank, communityRank, score, popularityRank)
        .build();
  }

  @Test
  public void wholeWindowMetricsAndRanks() {
    PCollection<Row> rows = BrandScenario.inputs(p).apply("BrandSummary", BrandMart.summary());

    // followers: latest snapshot — chanel 2000, dior 4000, gucci and hermes none → null.
    // posts / rates: chanel c1 25.0, c2 null, c3 25.0, c4 12.5 → 4, (25 + 25 + 12.5) / 3 = 62.5 / 3;
    //                dior d1 25.0, d2 12.5 → 2, 18.75; gucci g1 null → 1, null; hermes 0, null.
    // mentions: chanel h1 h2 = 2, dior h3 = 1, gucci 0, hermes h4 h5 = 2.
    // media:     chanel 20.83 → 1; dior 18.75 → 2; gucci, hermes null → 3, 3
    // follower:  dior 1; chanel 2; gucci, hermes null → 3, 3
    // community: chanel 2, hermes 2 → 1, 1; dior 1 → 3; gucci 0 → 4
    // score: chanel 1+2+1 = 4, dior 2+1+3 = 6, gucci 3+3+4 = 10, hermes 3+3+1 = 7
    //        → chanel 1, dior 2, hermes 3, gucci 4
    PAssert.that(rows)
        .containsInAnyOrder(
            summary("chanel", 2000L, 4, 62.5 / 3, 2, 1, 2, 1, 4, 1),
            summary("dior", 4000L, 2, 18.75, 1, 2, 1, 3, 6, 2),
            summary("gucci", null, 1, null, 0, 3, 3, 4, 10, 4),
            summary("hermes", null, 0, null, 2, 3, 3, 1, 7, 3));
    p.run().waitUntilFinish();
  }
}
