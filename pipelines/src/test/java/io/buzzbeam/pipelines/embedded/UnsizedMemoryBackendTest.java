package io.buzzbeam.pipelines.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * {@link UnsizedMemoryBackend} against the library's own memory backend, both through the wire
 * protocol: the same writes leave the same documents and the same answers to queries; only the
 * byte-size statistics differ (0 here, the documents' size there).
 */
class UnsizedMemoryBackendTest {

  /** The writes buzzbeam makes (unordered bulk inserts, a duplicate, replace-upserts, a delete) and what they leave. */
  private static List<Object> exercise(MongoCollection<Document> media) {
    List<InsertOneModel<Document>> inserts = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      inserts.add(new InsertOneModel<>(
          new Document("_id", String.format("brand:chanel:%05d", i))
              .append("caption", "샤넬 신상 " + i)
              .append("like_count", (long) i)
              .append("tokens", List.of(new Document("text", "샤넬").append("pos", "Noun")))));
    }
    media.bulkWrite(inserts, new BulkWriteOptions().ordered(false));
    // An id already stored fails alone; the unordered batch's other document is inserted.
    MongoBulkWriteException duplicate =
        assertThrows(MongoBulkWriteException.class, () -> media.bulkWrite(
            List.of(new InsertOneModel<>(new Document("_id", "brand:chanel:00007")),
                new InsertOneModel<>(new Document("_id", "brand:chanel:99999").append("like_count", 5L))),
            new BulkWriteOptions().ordered(false)));
    ReplaceOptions upsert = new ReplaceOptions().upsert(true);
    media.replaceOne(Filters.eq("_id", "brand:chanel:00003"), new Document("caption", "바뀜"), upsert);
    media.replaceOne(Filters.eq("_id", "brand:dior:00001"), new Document("caption", "새로"), upsert);
    media.updateOne(Filters.eq("_id", "brand:chanel:00004"), Updates.set("like_count", 40L));
    media.deleteOne(Filters.eq("_id", "brand:chanel:00005"));
    return List.of(
        duplicate.getWriteErrors().size(),
        media.countDocuments(),
        media.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()),
        media.find(Filters.gte("like_count", 1190L)).sort(Sorts.descending("like_count")).into(new ArrayList<>()));
  }

  private static <T> T onServer(MongoBackend backend, Function<MongoDatabase, T> work) {
    MongoServer server = new MongoServer(backend);
    try {
      server.bind("127.0.0.1", 0);
      try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
        return work.apply(client.getDatabase("buzzbeam"));
      }
    } finally {
      server.shutdownNow();
    }
  }

  private static List<Object> exerciseAndStats(MongoDatabase db) {
    List<Object> result = new ArrayList<>(exercise(db.getCollection("media")));
    Document stats = db.runCommand(new Document("collStats", "media"));
    result.add(((Number) stats.get("count")).longValue());
    result.add(((Number) stats.get("size")).longValue());
    return result;
  }

  @Test
  void theSameWritesLeaveTheSameDocumentsWithoutTheByteSizes() {
    List<Object> library = onServer(new MemoryBackend(), UnsizedMemoryBackendTest::exerciseAndStats);
    List<Object> unsized = onServer(new UnsizedMemoryBackend(), UnsizedMemoryBackendTest::exerciseAndStats);

    // 1,200 inserted + 99999 + dior upserted - 00005 deleted.
    assertEquals(1, unsized.get(0));
    assertEquals(1201L, unsized.get(1));
    List<?> docs = (List<?>) unsized.get(2);
    assertEquals(1201, docs.size());
    assertEquals(new Document("_id", "brand:chanel:00003").append("caption", "바뀜"), docs.get(3));
    assertEquals(40L, ((Document) docs.get(4)).get("like_count"));
    assertEquals("brand:chanel:00006", ((Document) docs.get(5)).get("_id"));
    assertEquals(new Document("_id", "brand:dior:00001").append("caption", "새로"), docs.get(1200));
    assertEquals(10, ((List<?>) unsized.get(3)).size()); // like_count 1190..1199
    assertEquals(library.subList(0, 4), unsized.subList(0, 4));

    // collStats: the same count, and no byte size kept (the library's backend keeps one).
    assertEquals(1201L, unsized.get(4));
    assertEquals(library.get(4), unsized.get(4));
    assertEquals(0L, unsized.get(5));
    assertTrue((Long) library.get(5) > 1201L * 40, "the library's backend sums the documents' sizes");
  }
}
