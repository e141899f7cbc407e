package io.buzzbeam.pipelines.bench;

import io.buzzbeam.model.Media;
import io.buzzbeam.pipelines.sinks.MongoDocuments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** What the benchmarks share: realistic Mongo media documents, a scratch directory. */
final class BenchSupport {
  private BenchSupport() {}

  /** {@code n} distinct media documents of a brand, as {@code WriteMongo} writes them. */
  static List<Document> media(int n) {
    List<Document> docs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Media m =
          Media.newBuilder()
              .setSource("brand").setScope("chanel").setMediaId("1790000000" + i)
              .setBrand("chanel").setAccount("chanelofficial")
              .setCaption("샤넬 가을 컬렉션 #chanel #샤넬 #fashion 오늘의 룩 " + i)
              .setMediaType("IMAGE").setMediaProductType("FEED")
              .setLikeCount((long) i).setCommentsCount(12L)
              .setPermalink("https://www.instagram.com/p/C" + i + "/")
              .setMediaUrl("https://scontent.cdninstagram.com/v/t51/" + i + ".jpg")
              .setPostedAt(Instant.parse("2023-09-02T12:00:03Z").plusSeconds(i))
              .setCollectedAt(Instant.parse("2023-09-03T04:00:15Z"))
              .setDay("2023-09-02").setHour(21).setWeekday(6)
              .setFollowers(1000L).setEngagementRate(1.5)
              .setSourceFile("graph/dt=2023-09-03/business_discovery_040015.jsonl")
              .setPosition("1:" + i).setDefaulted(List.of())
              .build();
      docs.add(MongoDocuments.media(m));
    }
    return docs;
  }

  /** Deletes {@code dir} and everything under it (a benchmark's scratch directory). */
  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
