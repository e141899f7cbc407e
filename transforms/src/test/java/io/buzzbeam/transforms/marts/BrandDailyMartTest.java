package io.buzzbeam.transforms.marts;

import static io.buzzbeam.transforms.marts.Fixtures.brandMedia;
import static io.buzzbeam.transforms.marts.Fixtures.hashtagMedia;
import static io.buzzbeam.transforms.marts.Fixtures.snapshot;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
public class BrandDailyMartTest {

  final transient TestPipeline p = TestPipeline.create();

  static Row daily(
      String brand, String day, Long followers, int posts, Double avg, int mentions,
      int mediaRank, int followerRank, int communityRank, int score, int popularityRank) {
    return Row.withSchema(MartSchemas.BRAND_DAILY)
        .addValues(brand, LocalDate.parse(day), followers, posts, avg, mentions,
            mediaRank, followerRank, communityRank, score, popularityRank)
        .build();
  }

  private PCollection<Row> run(List<Media> media, List<ProfileSnapshot> profiles) {
    return Fixtures.brandInputs(p, media, profiles).apply("BrandDaily", BrandMart.daily());
  }

  @Test
  public void denseGridWithFollowersPostsMentionsAndRanks() {
    PCollection<Row> rows = run(BrandScenario.media(), BrandScenario.profiles());

    // Followers by collection day: chanel 1000 on 09-01 and 09-02 (its second snapshot's local day
    // is 09-03), 2000 on 09-03; dior 4000 every day (earliest fallback before 09-03); gucci and
    // hermes null. Rates per media: see BrandScenario.
    PAssert.that(rows)
        .containsInAnyOrder(
            // 09-01: chanel c1 (25.0), c2 (null) → 2 posts, avg 25.0, mentions h1 h2 = 2;
            //        dior d1 → 1, 25.0, h3 = 1; gucci, hermes nothing.
            // media:     chanel 25.0, dior 25.0 tie → 1, 1; gucci, hermes null → 3, 3
            // follower:  dior 4000 → 1; chanel 1000 → 2; null, null → 3, 3
            // community: chanel 2 → 1; dior 1 → 2; 0, 0 → 3, 3
            // score: chanel 1+2+1 = 4, dior 1+1+2 = 4, gucci 3+3+3 = 9, hermes 9 → 1, 1, 3, 3
            daily("chanel", "2023-09-01", 1000L, 2, 25.0, 2, 1, 2, 1, 4, 1),
            daily("dior", "2023-09-01", 4000L, 1, 25.0, 1, 1, 1, 2, 4, 1),
            daily("gucci", "2023-09-01", null, 0, null, 0, 3, 3, 3, 9, 3),
            daily("hermes", "2023-09-01", null, 0, null, 0, 3, 3, 3, 9, 3),
            // 09-02: chanel c3 (posted 23:59:59) → 1, 25.0; dior d2 → 1, 12.5; gucci g1 → 1, null;
            //        hermes h4 h5 → 2 mentions.
            // media:     chanel 25.0 → 1; dior 12.5 → 2; gucci, hermes null → 3, 3
            // follower:  dior 1; chanel 2; gucci, hermes 3, 3
            // community: hermes 2 → 1; chanel, dior, gucci 0 → 2, 2, 2
            // score: chanel 1+2+2 = 5, dior 2+1+2 = 5, gucci 3+3+2 = 8, hermes 3+3+1 = 7
            //        → chanel 1, dior 1, hermes 3, gucci 4
            daily("chanel", "2023-09-02", 1000L, 1, 25.0, 0, 1, 2, 2, 5, 1),
            daily("dior", "2023-09-02", 4000L, 1, 12.5, 0, 2, 1, 2, 5, 1),
            daily("gucci", "2023-09-02", null, 1, null, 0, 3, 3, 2, 8, 4),
            daily("hermes", "2023-09-02", null, 0, null, 2, 3, 3, 1, 7, 3),
            // 09-03: chanel c4 (posted 00:00:00) → 1, 12.5, followers 2000 now; nobody else posts.
            // media:     chanel 1; dior, gucci, hermes null → 2, 2, 2
            // follower:  dior 4000 → 1; chanel 2000 → 2; gucci, hermes → 3, 3
            // community: all 0 → 1, 1, 1, 1
            // score: chanel 1+2+1 = 4, dior 2+1+1 = 4, gucci 2+3+1 = 6, hermes 6 → 1, 1, 3, 3
            daily("chanel", "2023-09-03", 2000L, 1, 12.5, 0, 1, 2, 1, 4, 1),
            daily("dior", "2023-09-03", 4000L, 0, null, 0, 2, 1, 1, 4, 1),
            daily("gucci", "2023-09-03", null, 0, null, 0, 2, 3, 1, 6, 3),
            daily("hermes", "2023-09-03", null, 0, null, 0, 2, 3, 1, 6, 3));
    // The crawl post x1 on 09-04 (scope "chanel") adds no day and no brand.
    p.run().waitUntilFinish();
  }

  @Test
  public void snapshotsAloneMakeBrandsAndDays() {
    // prada has only a snapshot, collected on 09-04 10:00 KST; chanel one media on 09-01.
    // B = {chanel, prada}, D = {09-01, 09-04}: 4 rows, though nobody posts on 09-04.
    PCollection<Row> rows =
        run(
            List.of(
                brandMedia("chanel", "c1", "2023-09-01T12:00:00", 240L, 10, "2023-09-02T00:00:00Z"),
                hashtagMedia("chanel", "h1", "2023-09-01T08:00:00")),
            List.of(snapshot("prada", "2023-09-04T01:00:00Z", 500)));
    PAssert.that(rows)
        .containsInAnyOrder(
            // 09-01: chanel has no snapshot → null followers and a null rate; 1 post, 1 mention.
            // prada's only snapshot is later: earliest fallback → 500.
            // media: both null → 1, 1; follower: prada 1, chanel 2; community: chanel 1, prada 2
            // score: chanel 1+2+1 = 4, prada 1+1+2 = 4 → 1, 1
            daily("chanel", "2023-09-01", null, 1, null, 1, 1, 2, 1, 4, 1),
            daily("prada", "2023-09-01", 500L, 0, null, 0, 1, 1, 2, 4, 1),
            // 09-04: all zero; media both null 1, 1; follower prada 1, chanel 2; community 1, 1
            // score: chanel 1+2+1 = 4, prada 1+1+1 = 3 → prada 1, chanel 2
            daily("chanel", "2023-09-04", null, 0, null, 0, 1, 2, 1, 4, 2),
            daily("prada", "2023-09-04", 500L, 0, null, 0, 1, 1, 1, 3, 1));
    p.run().waitUntilFinish();
  }
}
