package io.buzzbeam.pipelines.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.buzzbeam.model.Media;
import io.buzzbeam.pipelines.sinks.MongoDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The measurement behind {@link EmbeddedMongoServer}'s choice of backend: replace-upserting media
 * documents (twice, like a rerun) through the wire protocol into (a) the H2/MVStore backend and
 * (b) the memory backend with our snapshot. Size with {@code -Dbuzzbeam.bench.docs=50000}
 * (default 5000 keeps the build fast); prints the figures, asserts the documents are all there.
 */
class MongoBackendBenchmarkTest {
  @TempDir Path dir;

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

  static double upsert(String uri, List<Document> docs) {
    long start = System.nanoTime();
    try (MongoClient c = MongoClients.create(uri)) {
      MongoCollection<Document> coll = c.getDatabase("buzzbeam").getCollection("media");
      List<WriteModel<Document>> batch = new ArrayList<>();
      for (Document d : docs) {
        batch.add(new ReplaceOneModel<>(Filters.eq("_id", d.get("_id")), d,
            new ReplaceOptions().upsert(true)));
        if (batch.size() == 1000) {
          coll.bulkWrite(batch, new BulkWriteOptions().ordered(false));
          batch.clear();
        }
      }
      if (!batch.isEmpty()) {
        coll.bulkWrite(batch, new BulkWriteOptions().ordered(false));
      }
      assertEquals(docs.size(), coll.countDocuments());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  static long size(Path p) throws Exception {
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  @Test
  void h2BackendVersusMemoryWithSnapshot() throws Exception {
    int n = Integer.getInteger("buzzbeam.bench.docs", 5000);
    List<Document> docs = media(n);

    Path h2File = dir.resolve("h2/mongo.mv");
    Files.createDirectories(h2File.getParent());
    H2Backend h2 = new H2Backend(h2File.toString());
    MongoServer h2Server = new MongoServer(h2);
    double h2First;
    double h2Second;
    long h2AfterFirst;
    try {
      h2Server.bind("127.0.0.1", 0);
      String uri = "mongodb://127.0.0.1:" + h2Server.getLocalAddress().getPort();
      h2First = upsert(uri, docs);
      h2.commit();
      h2AfterFirst = size(h2File.getParent());
      h2Second = upsert(uri, docs);
      h2.commit();
    } finally {
      h2Server.shutdownNow();
    }
    long h2Final = size(h2File.getParent());

    double memFirst;
    double memSecond;
    double snapshotSeconds;
    double loadSeconds;
    try (EmbeddedMongoServer mem = EmbeddedMongoServer.start(dir.resolve("mem"), 0)) {
      memFirst = upsert(mem.uri(), docs);
      memSecond = upsert(mem.uri(), docs);
      long s = System.nanoTime();
      mem.snapshot();
      snapshotSeconds = (System.nanoTime() - s) / 1e9;
    }
    long snapshotBytes = size(dir.resolve("mem/mongo/snapshot"));
    long s = System.nanoTime();
    try (EmbeddedMongoServer mem = EmbeddedMongoServer.start(dir.resolve("mem"), 0);
        MongoClient c = MongoClients.create(mem.uri())) {
      loadSeconds = (System.nanoTime() - s) / 1e9;
      assertEquals(n, c.getDatabase("buzzbeam").getCollection("media").countDocuments());
    }
    System.out.printf(
        "Mongo backends, %d media docs replace-upserted in bulks of 1000:%n"
            + "  H2 backend:        first %.1f s (%.0f docs/s), rerun %.1f s; file %.1f MB after"
            + " the first write, %.1f MB after the rerun%n"
            + "  memory + snapshot: first %.1f s (%.0f docs/s), rerun %.1f s; snapshot %.1f MB"
            + " written in %.2f s, loaded at start in %.2f s%n",
        n, h2First, n / h2First, h2Second, h2AfterFirst / 1e6, h2Final / 1e6,
        memFirst, n / memFirst, memSecond, snapshotBytes / 1e6, snapshotSeconds, loadSeconds);
  }
}
