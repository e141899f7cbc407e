package io.buzzbeam.transforms.dedup;

import static io.buzzbeam.transforms.dedup.TestRecords.media;

import io.buzzbeam.model.Media;
import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
public class DeduplicateMediaTest {

  final transient TestPipeline p = TestPipeline.create();

  private PCollection<String> dedup(List<Media> input) {
    return TestRecords.deduplicated(
        p,
        Media.class,
        input,
        DeduplicateMedia.create(),
        (Media m) ->
            m.getSource() + "|" + m.getScope() + "|" + m.getMediaId() + "|"
                + m.getCollectedAt() + "|" + m.getLikeCount() + "|" + m.getCommentsCount()
                + "|" + m.getSourceFile() + "|" + m.getPosition());
  }

  @Test
  public void polledMediaKeepTheLatestCollectedSnapshot() {
    // The latest snapshot wins even with fewer likes (e.g. likes were hidden meanwhile).
    PAssert.that(
            dedup(
                List.of(
                    media("brand", "chanel", "m1", "2023-09-03T04:00:00Z", 50L, 3, "f1.jsonl", "1:0"),
                    media("brand", "chanel", "m1", "2023-09-03T06:00:00Z", 10L, 1, "f2.jsonl", "1:0"),
                    media("brand", "chanel", "m1", "2023-09-03T05:00:00Z", 70L, 9, "f3.jsonl", "1:0"))))
        .containsInAnyOrder("brand|chanel|m1|2023-09-03T06:00:00Z|10|1|f2.jsonl|1:0");
    p.run().waitUntilFinish();
  }

  @Test
  public void crawlPostsKeepTheHighestLikesThenComments() {
    PAssert.that(
            dedup(
                List.of(
                    media("crawl", "mom_kim", "3183", null, 10L, 5, "a.json", "1"),
                    media("crawl", "mom_kim", "3183", null, 12L, 0, "b.json", "1"),
                    media("crawl", "mom_kim", "3183", null, 12L, 3, "c.json", "1"),
                    media("crawl", "mom_kim", "3183", null, null, 9, "d.json", "1"),
                    // hidden likes (null) lose to any count
                    media("crawl", "mom_lee", "9", null, null, 1, "e.json", "1"),
                    media("crawl", "mom_lee", "9", null, 0L, 0, "f.json", "1"))))
        .containsInAnyOrder(
            "crawl|mom_kim|3183|null|12|3|c.json|1", "crawl|mom_lee|9|null|0|0|f.json|1");
    p.run().waitUntilFinish();
  }

  @Test
  public void theKeyIsSourceScopeAndMediaId() {
    PAssert.that(
            dedup(
                List.of(
                    // one post under two hashtags of chanel counts once for chanel
                    media("hashtag", "chanel", "h1", "2023-09-03T04:00:00Z", 7L, 1, "ht_a.jsonl", "1:0"),
                    media("hashtag", "chanel", "h1", "2023-09-03T04:00:00Z", 7L, 1, "ht_b.jsonl", "1:0"),
                    // ... but separately for dior, and separately as chanel's own (brand) media
                    media("hashtag", "dior", "h1", "2023-09-03T04:00:00Z", 7L, 1, "ht_c.jsonl", "1:0"),
                    media("brand", "chanel", "h1", "2023-09-03T04:00:00Z", 7L, 1, "bd.jsonl", "1:0"))))
        .containsInAnyOrder(
            "hashtag|chanel|h1|2023-09-03T04:00:00Z|7|1|ht_b.jsonl|1:0",
            "hashtag|dior|h1|2023-09-03T04:00:00Z|7|1|ht_c.jsonl|1:0",
            "brand|chanel|h1|2023-09-03T04:00:00Z|7|1|bd.jsonl|1:0");
    p.run().waitUntilFinish();
  }

  @Test
  public void fullTiesAreBrokenBySourceFileThenNumericPosition() {
    PAssert.that(
            dedup(
                List.of(
                    media("brand", "chanel", "m1", "2023-09-03T04:00:00Z", 5L, 1, "same.jsonl", "9:0"),
                    media("brand", "chanel", "m1", "2023-09-03T04:00:00Z", 5L, 1, "same.jsonl", "12:0"),
                    media("brand", "chanel", "m2", "2023-09-03T04:00:00Z", 5L, 1, "a.jsonl", "3:0"),
                    media("brand", "chanel", "m2", "2023-09-03T04:00:00Z", 5L, 1, "b.jsonl", "1:0"))))
        .containsInAnyOrder(
            "brand|chanel|m1|2023-09-03T04:00:00Z|5|1|same.jsonl|12:0",
            "brand|chanel|m2|2023-09-03T04:00:00Z|5|1|b.jsonl|1:0");
    p.run().waitUntilFinish();
  }
}
