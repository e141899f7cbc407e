package io.buzzbeam.pipelines.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded Mongo wire server: persistence across restarts through its snapshot. */
class EmbeddedMongoServerTest {
  @TempDir Path dataDir;

  private static List<Document> all(String uri, String db, String coll) {
    try (MongoClient c = MongoClients.create(uri)) {
      return c.getDatabase(db).getCollection(coll).find().sort(Sorts.ascending("_id"))
          .into(new ArrayList<>());
    }
  }

  @Test
  void documentsSurviveARestart() throws Exception {
    List<Document> written = new ArrayList<>();
    int firstPort;
    try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, 0)) {
      firstPort = mongo.port();
      assertTrue(mongo.uri().startsWith("mongodb://127.0.0.1:"));
      try (MongoClient c = MongoClients.create(mongo.uri())) {
        MongoCollection<Document> media = c.getDatabase("buzzbeam").getCollection("media");
        for (int i = 0; i < 2500; i++) {
          Document d = new Document("_id", String.format("brand:chanel:%05d", i))
              .append("caption", "샤넬 " + i).append("like_count", (long) i);
          written.add(d);
        }
        media.insertMany(written);
        c.getDatabase("other").getCollection("profiles").insertOne(new Document("_id", "x"));
      }
    }
    assertTrue(Files.size(dataDir.resolve("mongo/snapshot/buzzbeam/media.bson")) > 0);
    assertFalse(Files.exists(dataDir.resolve("mongo/port")));

    try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, 0)) {
      assertEquals(written, all(mongo.uri(), "buzzbeam", "media"));
      assertEquals(List.of(new Document("_id", "x")), all(mongo.uri(), "other", "profiles"));
      // A replace after the restart is kept too, and nothing is duplicated.
      try (MongoClient c = MongoClients.create(mongo.uri())) {
        c.getDatabase("buzzbeam").getCollection("media")
            .replaceOne(new Document("_id", "brand:chanel:00000"), new Document("caption", "new"));
      }
      assertEquals(2, mongo.snapshot() > 0 ? 2 : 0);
    }
    try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, 0)) {
      List<Document> docs = all(mongo.uri(), "buzzbeam", "media");
      assertEquals(2500, docs.size());
      assertEquals(new Document("_id", "brand:chanel:00000").append("caption", "new"), docs.get(0));
    }
    assertNotEquals(0, firstPort);
  }

  @Test
  void aSecondStartOnTheSameDirectoryAttachesToTheRunningServer() throws Exception {
    try (EmbeddedMongoServer owner = EmbeddedMongoServer.start(dataDir, 0);
        EmbeddedMongoServer second = EmbeddedMongoServer.start(dataDir, 0)) {
      assertFalse(owner.attached());
      assertTrue(second.attached());
      assertEquals(owner.uri(), second.uri());
      try (MongoClient c = MongoClients.create(second.uri())) {
        c.getDatabase("buzzbeam").getCollection("media").insertOne(new Document("_id", "a"));
      }
      second.close(); // leaves the owner's server running
      assertEquals(List.of(new Document("_id", "a")), all(owner.uri(), "buzzbeam", "media"));
    }
  }

  @Test
  void aSnapshotInterruptedBetweenItsRenamesIsStillLoaded() throws Exception {
    try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, 0);
        MongoClient c = MongoClients.create(mongo.uri())) {
      c.getDatabase("buzzbeam").getCollection("media").insertOne(new Document("_id", "kept"));
    }
    // As if the JVM died after moving snapshot -> snapshot.old and before the new one moved in.
    Files.move(dataDir.resolve("mongo/snapshot"), dataDir.resolve("mongo/snapshot.old"));
    try (EmbeddedMongoServer mongo = EmbeddedMongoServer.start(dataDir, 0)) {
      assertEquals(List.of(new Document("_id", "kept")), all(mongo.uri(), "buzzbeam", "media"));
    }
  }

  @Test
  void twoServersRunSideBySide() throws Exception {
    try (EmbeddedMongoServer a = EmbeddedMongoServer.start(dataDir.resolve("a"), 0);
        EmbeddedMongoServer b = EmbeddedMongoServer.start(dataDir.resolve("b"), 0)) {
      assertNotEquals(a.port(), b.port());
    }
  }
}
