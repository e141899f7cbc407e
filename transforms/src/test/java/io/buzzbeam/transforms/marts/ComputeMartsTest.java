package io.buzzbeam.transforms.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.MediaMorphs;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.transforms.keywords.Stopwords;
import io.buzzbeam.transforms.keywords.TokenizeCaptions;
import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The marts wired together as the pipeline does: attach followers, tokenize, compute. */
@ExtendWith(TestPipelineExtension.class)
public class ComputeMartsTest {

  final transient TestPipeline p = TestPipeline.create();

  @Test
  public void allSixMartsFromOneRun() {
    List<Media> media = new ArrayList<>(BrandScenario.media());
    // c1 gets a caption: one hashtag (#CHANEL → chanel) and two keywords (신상, 가방).
    media.set(0, Media.newBuilder(media.get(0)).setCaption("#CHANEL 신상 가방").build());

    PCollection<ProfileSnapshot> profiles = Fixtures.createProfiles(p, BrandScenario.profiles());
    PCollection<Media> attached = Fixtures.attached(p, media, profiles);
    PCollection<MediaMorphs> morphs =
        attached.apply("Tokenize", TokenizeCaptions.withStopwords(Stopwords.defaults()));
    Marts marts = attached.apply("Marts", ComputeMarts.of(profiles, morphs));

    assertEquals(List.copyOf(MartSchemas.SCHEMAS.keySet()), List.copyOf(marts.byTable().keySet()));
    marts.byTable().forEach((table, rows) -> assertEquals(MartSchemas.schema(table), rows.getSchema(), table));

    // |B| × |D| = 4 × 3; 4 brands; 5 (brand, type, product) groups; 4 × 168 heatmap cells.
    PAssert.thatSingleton(marts.brandDaily().apply("CountDaily", Count.globally())).isEqualTo(12L);
    PAssert.thatSingleton(marts.brandSummary().apply("CountSummary", Count.globally())).isEqualTo(4L);
    PAssert.thatSingleton(marts.postType().apply("CountPostType", Count.globally())).isEqualTo(5L);
    PAssert.thatSingleton(marts.uploadHeatmap().apply("CountHeatmap", Count.globally())).isEqualTo(672L);
    LocalDate day = LocalDate.parse("2023-09-01");
    PAssert.that(marts.hashtagDaily())
        .containsInAnyOrder(
            Row.withSchema(MartSchemas.HASHTAG_DAILY).addValues("brand", "chanel", day, "chanel", 1).build());
    PAssert.that(marts.keywordDaily())
        .containsInAnyOrder(
            Row.withSchema(MartSchemas.KEYWORD_DAILY).addValues("brand", "chanel", day, "신상", "Noun", 1, 1).build(),
            Row.withSchema(MartSchemas.KEYWORD_DAILY).addValues("brand", "chanel", day, "가방", "Noun", 1, 1).build());
    p.run().waitUntilFinish();
  }
}
