package io.buzzbeam.transforms.marts;

import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
public class UploadHeatmapMartTest {

  final transient TestPipeline p = TestPipeline.create();

  private static final List<String> NAMES =
      List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");

  @Test
  public void allCellsOfEveryBrandZerosIncluded() {
    PCollection<ProfileSnapshot> snapshots = Fixtures.createProfiles(p, BrandScenario.profiles());
    PCollection<Row> rows =
        BrandInputs.of(Fixtures.create(p, "Media", BrandScenario.media()), snapshots)
            .apply("UploadHeatmap", UploadHeatmapMart.create());

    // 2023-09-01 is a Friday (5), 09-02 Saturday (6), 09-03 Sunday (7). Brand media cells:
    // chanel c1 Fri 12, c2 Fri 13, c3 Sat 23 (23:59:59), c4 Sun 0 (00:00:00); dior d1 Fri 10,
    // d2 Sat 9; gucci g1 Sat 15; hermes (hashtag media only) none. Every other cell is 0.
    Map<String, List<int[]>> posted =
        Map.of(
            "chanel", List.of(new int[] {5, 12}, new int[] {5, 13}, new int[] {6, 23}, new int[] {7, 0}),
            "dior", List.of(new int[] {5, 10}, new int[] {6, 9}),
            "gucci", List.of(new int[] {6, 15}),
            "hermes", List.of());
    List<Row> expected = new ArrayList<>();
    posted.forEach(
        (brand, cells) -> {
          for (int weekday = 1; weekday <= 7; weekday++) {
            for (int hour = 0; hour < 24; hour++) {
              int posts = 0;
              for (int[] cell : cells) {
                if (cell[0] == weekday && cell[1] == hour) {
                  posts++;
                }
              }
              expected.add(
                  Row.withSchema(MartSchemas.UPLOAD_HEATMAP)
                      .addValues(brand, weekday, hour, NAMES.get(weekday - 1), posts)
                      .build());
            }
          }
        });
    // 4 brands × 7 × 24 = 672 rows; the crawl post of an account named chanel is not one of them.
    PAssert.that(rows).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }
}
