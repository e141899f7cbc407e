package io.buzzbeam.transforms.marts;

import io.buzzbeam.transforms.testing.TestPipelineExtension;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
public class PostTypeMartTest {

  final transient TestPipeline p = TestPipeline.create();

  static Row postType(String brand, String type, String product, int posts, Double avg) {
    return Row.withSchema(MartSchemas.POST_TYPE).addValues(brand, type, product, posts, avg).build();
  }

  @Test
  public void brandMediaByTypeAndProductType() {
    PCollection<Row> rows = BrandScenario.inputs(p).apply("PostType", PostTypeMart.create());

    // Only brand-source media; hashtag and crawl media (IMAGE/FEED too) are not counted.
    PAssert.that(rows)
        .containsInAnyOrder(
            postType("chanel", "IMAGE", "FEED", 2, 25.0), // c1 25.0, c2 null → mean 25.0
            postType("chanel", "VIDEO", "REELS", 1, 25.0), // c3
            postType("chanel", "CAROUSEL_ALBUM", "FEED", 1, 12.5), // c4
            postType("dior", "IMAGE", "FEED", 2, 18.75), // d1 25.0, d2 12.5 → 37.5 / 2
            postType("gucci", "UNKNOWN", "UNKNOWN", 1, null)); // g1 without followers
    p.run().waitUntilFinish();
  }
}
