package io.buzzbeam.pipelines.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.buzzbeam.pipelines.embedded.EmbeddedMongoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MongoBatchWriter} against the real Mongo wire server (embedded, memory backend). */
public class MongoBatchWriterTest {
  @TempDir static Path TMP;

  private static EmbeddedMongoServer mongo;
  private static MongoClient client;
  private static MongoCollection<Document> coll;

  @BeforeAll
  public static void startMongo() throws Exception {
    mongo = EmbeddedMongoServer.start(Files.createDirectory(TMP.resolve("data")), 0);
    client = MongoClients.create(mongo.uri());
    coll = client.getDatabase("buzzbeam_test").getCollection("docs");
  }

  @AfterAll
  public static void stopMongo() throws Exception {
    client.close();
    mongo.close();
  }

  @AfterEach
  public void drop() {
    coll.drop();
  }

  private static Document doc(String id, Object... fields) {
    Document d = new Document("_id", id);
    for (int i = 0; i < fields.length; i += 2) {
      d.append((String) fields[i], fields[i + 1]);
    }
    return d;
  }

  private static List<Document> stored() {
    return coll.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
  }

  @Test
  public void newDocumentsAreInsertedAndTheWriterKeepsInserting() {
    MongoBatchWriter writer = new MongoBatchWriter(coll);
    writer.write(List.of(doc("a", "n", 1), doc("b", "n", 2)));
    assertTrue(writer.insertsFirst());
    writer.write(List.of(doc("c", "n", 3)));
    assertTrue(writer.insertsFirst());
    assertEquals(List.of(doc("a", "n", 1), doc("b", "n", 2), doc("c", "n", 3)), stored());
  }

  @Test
  public void storedDocumentsAreReplacedWholeAndARerunSwitchesToReplacing() {
    MongoBatchWriter first = new MongoBatchWriter(coll);
    first.write(List.of(doc("a", "n", 1, "gone", "x"), doc("b", "n", 2), doc("c", "n", 3)));

    // A rerun: one document changed (and lost a field), one new among three stored.
    MongoBatchWriter rerun = new MongoBatchWriter(coll);
    rerun.write(List.of(doc("a", "n", 10), doc("b", "n", 2), doc("c", "n", 3), doc("d", "n", 4)));
    assertEquals(
        List.of(doc("a", "n", 10), doc("b", "n", 2), doc("c", "n", 3), doc("d", "n", 4)), stored());
    assertFalse(rerun.insertsFirst(), "3 of 4 were stored: the next batch is replaced at once");

    // Replacing: the stored one is replaced, and mostly new documents switch back to inserting.
    rerun.write(List.of(doc("b", "n", 20), doc("e", "n", 5), doc("f", "n", 6)));
    assertTrue(rerun.insertsFirst(), "2 of 3 were new: the next batch is inserted first");
    rerun.write(List.of(doc("g", "n", 7)));
    assertEquals(
        List.of(
            doc("a", "n", 10), doc("b", "n", 20), doc("c", "n", 3), doc("d", "n", 4),
            doc("e", "n", 5), doc("f", "n", 6), doc("g", "n", 7)),
        stored());
  }

  @Test
  public void halfStoredKeepsInsertingFirst() {
    new MongoBatchWriter(coll).write(List.of(doc("a", "n", 1)));
    MongoBatchWriter writer = new MongoBatchWriter(coll);
    writer.write(List.of(doc("a", "n", 2), doc("b", "n", 3)));
    assertTrue(writer.insertsFirst());
    assertEquals(List.of(doc("a", "n", 2), doc("b", "n", 3)), stored());
  }

  @Test
  public void aDuplicateOnAnotherUniqueIndexIsThrown() {
    // A second unique index: "b" collides with "a" on it; the replace by _id that follows the
    // failed insert collides too, and the error reaches the caller (the runner retries, then fails).
    coll.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
    MongoBatchWriter writer = new MongoBatchWriter(coll);
    writer.write(List.of(doc("a", "email", "x@y")));
    MongoBulkWriteException e =
        assertThrows(
            MongoBulkWriteException.class,
            () -> writer.write(List.of(doc("b", "email", "x@y"), doc("c", "email", "z@y"))));
    assertEquals(1, e.getWriteErrors().size());
  }
}
