package io.buzzbeam.pipelines.bench;


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
import io.buzzbeam.pipelines.embedded.EmbeddedMongoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;

/**
 * The measurement behind {@link EmbeddedMongoServer}'s choice of backend: replace-upserting media
 * documents (twice, like a rerun) through the wire protocol into (a) the H2/MVStore backend and
 * (b) the memory backend with our snapshot. Usage: {@code MongoBackendBenchmark [docs]} (default
 * 5000; {@code scripts/bench.sh}); prints the figures. That the documents survive a restart
 * through the snapshot is tested by {@code EmbeddedMongoServerTest}.
 */
public final class MongoBackendBenchmark {

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
      check(docs.size(), coll.countDocuments());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  static long size(Path p) throws Exception {
    try (Stream<Path> s = Files.walk(p)) {
      return s.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private static void check(long expected, long found) {
    if (expected != found) {
      throw new IllegalStateException("expected " + expected + " documents, found " + found);
    }
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    Path dir = Files.createTempDirectory("buzzbeam-mongo-bench");
    try {
      measure(dir, n);
    } finally {
      BenchSupport.deleteTree(dir);
    }
  }

  private static void measure(Path dir, int n) throws Exception {
    List<Document> docs = BenchSupport.media(n);

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
      check(n, c.getDatabase("buzzbeam").getCollection("media").countDocuments());
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
