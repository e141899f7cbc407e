package io.buzzbeam.transforms.marts;

import static io.buzzbeam.transforms.marts.Fixtures.media;

import io.buzzbeam.model.Media;
import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
public class HashtagDailyMartTest {

  final transient TestPipeline p = TestPipeline.create();

  static Row tag(String source, String scope, String day, String hashtag, int media) {
    return Row.withSchema(MartSchemas.HASHTAG_DAILY)
        .addValues(source, scope, LocalDate.parse(day), hashtag, media)
        .build();
  }

  @Test
  public void distinctMediaPerSourceScopeDayAndTag() {
    String nfdChanel = Normalizer.normalize("샤넬", Normalizer.Form.NFD);
    List<Media> media =
        List.of(
            media("brand", "chanel", "c1", "2023-09-01T12:00:00").setCaption("신상 #CHANEL #chanel #샤넬").build(),
            media("hashtag", "chanel", "h1", "2023-09-01T08:00:00").setCaption("#chanel 가방 #샤넬").build(),
            media("hashtag", "chanel", "h2", "2023-09-01T21:00:00").setCaption("#" + nfdChanel + " 최고").build(),
            // 23:59:59 and 00:00:00 local time are different days.
            media("hashtag", "chanel", "h3", "2023-09-01T23:59:59").setCaption("#샤넬").build(),
            media("hashtag", "chanel", "h4", "2023-09-02T00:00:00").setCaption("#샤넬").build(),
            media("crawl", "mom_diary", "x1", "2023-09-04T12:00:00").setCaption("#육아일기 #육아일기 오늘").build(),
            media("crawl", "mom_diary", "x2", "2023-09-04T13:00:00").setCaption("no tags # here").build());
    PCollection<Row> rows = Fixtures.create(p, "Media", media).apply(HashtagDailyMart.create());

    PAssert.that(rows)
        .containsInAnyOrder(
            // c1: #CHANEL and #chanel are one tag of one media.
            tag("brand", "chanel", "2023-09-01", "chanel", 1),
            tag("brand", "chanel", "2023-09-01", "샤넬", 1),
            tag("hashtag", "chanel", "2023-09-01", "chanel", 1), // h1
            // h1 (NFC), h2 (NFD, composed to NFC), h3 (23:59:59) → 3 media.
            tag("hashtag", "chanel", "2023-09-01", "샤넬", 3),
            tag("hashtag", "chanel", "2023-09-02", "샤넬", 1), // h4 (00:00:00 the next day)
            // crawl counts too; the tag twice in one caption is one media.
            tag("crawl", "mom_diary", "2023-09-04", "육아일기", 1));
    p.run().waitUntilFinish();
  }
}
