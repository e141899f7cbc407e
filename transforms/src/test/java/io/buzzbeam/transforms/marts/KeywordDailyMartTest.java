package io.buzzbeam.transforms.marts;

import io.buzzbeam.model.Keyword;
import io.buzzbeam.model.MediaMorphs;
import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
public class KeywordDailyMartTest {

  final transient TestPipeline p = TestPipeline.create();

  /** A media's morphs with keywords given as "token/Pos". */
  static MediaMorphs morphs(String source, String scope, String id, String day, String... keywords) {
    List<Keyword> kept = new ArrayList<>();
    for (String k : keywords) {
      int slash = k.lastIndexOf('/');
      kept.add(Keyword.newBuilder().setToken(k.substring(0, slash)).setPos(k.substring(slash + 1)).build());
    }
    return MediaMorphs.newBuilder()
        .setSource(source)
        .setScope(scope)
        .setMediaId(id)
        .setDay(day)
        .setHour(12)
        .setWeekday(5)
        .setTokens(List.of())
        .setKeywords(kept)
        .setHashtags(List.of())
        .build();
  }

  static Row keyword(String source, String scope, String day, String token, String pos, int occurrences, int media) {
    return Row.withSchema(MartSchemas.KEYWORD_DAILY)
        .addValues(source, scope, LocalDate.parse(day), token, pos, occurrences, media)
        .build();
  }

  @Test
  public void occurrencesAndDistinctMedia() {
    PCollection<MediaMorphs> input =
        p.apply(
            Create.of(
                    morphs("crawl", "mom", "m1", "2023-09-01", "아기/Noun", "아기/Noun", "웃다/Verb"),
                    morphs("crawl", "mom", "m2", "2023-09-01", "아기/Noun", "bag/Alpha"),
                    morphs("crawl", "mom", "m3", "2023-09-02", "아기/Noun"),
                    morphs("brand", "chanel", "c1", "2023-09-01", "아기/Noun"),
                    morphs("crawl", "mom", "m4", "2023-09-01"))
                .withCoder(AvroCoder.specific(MediaMorphs.class)));
    PAssert.that(input.apply(KeywordDailyMart.create()))
        .containsInAnyOrder(
            keyword("crawl", "mom", "2023-09-01", "아기", "Noun", 3, 2), // m1 twice + m2 once
            keyword("crawl", "mom", "2023-09-01", "웃다", "Verb", 1, 1),
            keyword("crawl", "mom", "2023-09-01", "bag", "Alpha", 1, 1),
            keyword("crawl", "mom", "2023-09-02", "아기", "Noun", 1, 1), // another day
            keyword("brand", "chanel", "2023-09-01", "아기", "Noun", 1, 1)); // another source/scope
    p.run().waitUntilFinish();
  }
}
