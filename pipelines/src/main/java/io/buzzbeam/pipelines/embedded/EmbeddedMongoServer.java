package io.buzzbeam.pipelines.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded MongoDB used when no {@code --mongoUri} is given: de.bwaldvogel's mongo-java-server
 * (the real wire protocol) bound to 127.0.0.1, with its <b>memory backend plus our own snapshot to
 * disk</b> under {@code <dataDir>/mongo}. The backend is the library's, minus its byte-size
 * statistics ({@link UnsizedMemoryBackend} says why).
 *
 * <p>Why not the H2 (MVStore) backend, which persists by itself? Measured on this machine (2
 * shared cores; {@code bench.MongoBackendBenchmark 50000}: media documents replace-upserted
 * through the wire protocol in bulks of 1,000, then again as a rerun):
 *
 * <pre>
 *   H2 backend         first write 20.1 s (2,500 docs/s), rerun 13.6 s, file 80.0 MB
 *   memory + snapshot  first write  5.3 s (9,500 docs/s), rerun  3.8 s, snapshot 34.5 MB
 *                      (written in 1.2 s; loaded at the next start in 2.5 s)
 *   (under heavier load from parallel builds: H2 70.6 s / 48.6 s, memory 21.5 s / 9.5 s)
 * </pre>
 *
 * H2 is 3.5-4x slower and its file 2.3x the data size. The snapshot is exactly the data, in
 * mongodump's {@code .bson} format (readable by {@code bsondump} and {@code mongorestore}). The
 * price: documents written after the last snapshot are lost if the JVM is killed. Snapshots are
 * taken on {@link #close()} (the {@code run} command's end, {@code serve}'s Ctrl-C), on {@link
 * #snapshot()}, and periodically when {@link #snapshotEvery} is set ({@code serve}: every 5
 * minutes). Since every buzzbeam write is an idempotent upsert, rerunning the pipeline restores
 * anything lost that way.
 *
 * <p>Layout: {@code mongo/snapshot/<database>/<collection>.bson}; a snapshot is written to {@code
 * snapshot.tmp} and swapped in by renames, so a crash mid-snapshot keeps the previous one
 * ({@code snapshot.old} is used if the crash fell between the two renames). Only {@code _id}
 * indexes exist, as created by the server.
 *
 * <p>One process owns a data directory ({@code mongo/lock}, a file lock the kernel releases when
 * a JVM dies); another process starting on the same directory (e.g. {@code run} while {@code
 * serve} is up) attaches to the owner's server, whose port is in {@code mongo/port}.
 */
public final class EmbeddedMongoServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedMongoServer.class);

  public static final int DEFAULT_PORT = 27017;
  static final String HOST = "127.0.0.1";
  private static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");
  private static final int LOAD_BATCH = 1000;

  private final Path mongoDir;
  private final int port;
  private final MongoServer server; // null when attached
  private final FileChannel lockChannel;
  private final FileLock lock;
  private ScheduledExecutorService snapshotter;
  private boolean closed;

  private EmbeddedMongoServer(
      Path mongoDir, int port, MongoServer server, FileChannel lockChannel, FileLock lock) {
    this.mongoDir = mongoDir;
    this.port = port;
    this.server = server;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /** Starts (or attaches to) the server of {@code dataDir/mongo}; {@code port} 0 = any free. */
  public static EmbeddedMongoServer start(Path dataDir, int port) throws IOException {
    Path mongoDir = dataDir.toAbsolutePath().normalize().resolve("mongo");
    Files.createDirectories(mongoDir);
    FileChannel channel =
        FileChannel.open(mongoDir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException sameJvm) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      Path portFile = mongoDir.resolve("port");
      if (Files.exists(portFile)) {
        int running = Integer.parseInt(Files.readString(portFile).trim());
        LOG.info("Attaching to the embedded Mongo already serving {} on port {}", mongoDir, running);
        return new EmbeddedMongoServer(mongoDir, running, null, null, null);
      }
      throw new IOException(mongoDir + " is in use by another process whose port is unknown");
    }
    MongoServer server = new MongoServer(new UnsizedMemoryBackend());
    try {
      server.bind(HOST, port);
      int bound = server.getLocalAddress().getPort();
      EmbeddedMongoServer mongo = new EmbeddedMongoServer(mongoDir, bound, server, channel, lock);
      long loaded = mongo.load();
      Files.writeString(mongoDir.resolve("port"), bound + "\n", StandardCharsets.UTF_8);
      LOG.info("Embedded Mongo up: {} ({} documents loaded from {})", mongo.uri(), loaded, mongoDir);
      return mongo;
    } catch (IOException | RuntimeException e) {
      server.shutdownNow();
      lock.release();
      channel.close();
      throw e instanceof IOException ? (IOException) e : new IOException(e.getMessage(), e);
    }
  }

  /** {@code mongodb://127.0.0.1:<port>} */
  public String uri() {
    return "mongodb://" + HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  /** True when this handle attached to a server run by another process ({@code serve}). */
  public boolean attached() {
    return server == null;
  }

  /** Takes a snapshot every {@code period} until closed (for long-lived {@code serve}). */
  public synchronized EmbeddedMongoServer snapshotEvery(long period, TimeUnit unit) {
    if (server != null && snapshotter == null) {
      snapshotter =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "mongo-snapshot");
                t.setDaemon(true);
                return t;
              });
      snapshotter.scheduleWithFixedDelay(
          () -> {
            try {
              snapshot();
            } catch (IOException | RuntimeException e) {
              LOG.warn("Periodic Mongo snapshot failed: {}", e.toString());
            }
          },
          period,
          period,
          unit);
    }
    return this;
  }

  private Path snapshotDir() {
    return mongoDir.resolve("snapshot");
  }

  /**
   * Writes every user collection to {@code mongo/snapshot} (atomically replacing the previous
   * snapshot) and returns the number of documents. Attached handles do nothing (the owner saves).
   */
  public synchronized long snapshot() throws IOException {
    if (server == null || closed) {
      return 0;
    }
    Path tmp = mongoDir.resolve("snapshot.tmp");
    deleteTree(tmp);
    Files.createDirectories(tmp);
    long docs = 0;
    try (MongoClient client = MongoClients.create(uri())) {
      for (String dbName : client.listDatabaseNames()) {
        if (SYSTEM_DATABASES.contains(dbName)) {
          continue;
        }
        MongoDatabase db = client.getDatabase(dbName);
        Path dbDir = Files.createDirectories(tmp.resolve(dbName));
        for (String collName : db.listCollectionNames()) {
          if (collName.startsWith("system.")) {
            continue;
          }
          MongoCollection<RawBsonDocument> coll = db.getCollection(collName, RawBsonDocument.class);
          Path file = dbDir.resolve(collName + ".bson");
          try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
              MongoCursor<RawBsonDocument> cursor = coll.find().batchSize(LOAD_BATCH).iterator()) {
            while (cursor.hasNext()) {
              ByteBuffer buf = cursor.next().getByteBuffer().asNIO();
              byte[] bytes = new byte[buf.remaining()];
              buf.get(bytes);
              out.write(bytes);
              docs++;
            }
          }
          try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true); // on disk before the snapshot is swapped in
          }
        }
      }
    }
    Path current = snapshotDir();
    Path old = mongoDir.resolve("snapshot.old");
    deleteTree(old);
    if (Files.exists(current)) {
      Files.move(current, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(tmp, current, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
    LOG.info("Mongo snapshot: {} documents in {}", docs, current);
    return docs;
  }

  /** Loads the last complete snapshot into the (empty) in-memory server. */
  private long load() throws IOException {
    Path dir = snapshotDir();
    if (!Files.isDirectory(dir)) {
      Path old = mongoDir.resolve("snapshot.old");
      if (!Files.isDirectory(old)) {
        return 0;
      }
      dir = old; // a crash fell between the two renames of a snapshot
    }
    long docs = 0;
    try (MongoClient client = MongoClients.create(uri());
        DirectoryStream<Path> dbs = Files.newDirectoryStream(dir, Files::isDirectory)) {
      for (Path dbDir : dbs) {
        MongoDatabase db = client.getDatabase(dbDir.getFileName().toString());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dbDir, "*.bson")) {
          for (Path file : files) {
            String name = file.getFileName().toString();
            MongoCollection<RawBsonDocument> coll =
                db.getCollection(name.substring(0, name.length() - 5), RawBsonDocument.class);
            docs += loadFile(file, coll);
          }
        }
      }
    }
    return docs;
  }

  private static long loadFile(Path file, MongoCollection<RawBsonDocument> coll) throws IOException {
    long n = 0;
    List<RawBsonDocument> batch = new ArrayList<>(LOAD_BATCH);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      DataInputStream data = new DataInputStream(in);
      while (true) {
        byte[] header = new byte[4];
        try {
          data.readFully(header);
        } catch (EOFException end) {
          break;
        }
        int length =
            (header[0] & 0xff)
                | (header[1] & 0xff) << 8
                | (header[2] & 0xff) << 16
                | (header[3] & 0xff) << 24;
        byte[] bytes = new byte[length];
        System.arraycopy(header, 0, bytes, 0, 4);
        data.readFully(bytes, 4, length - 4);
        batch.add(new RawBsonDocument(bytes));
        if (batch.size() == LOAD_BATCH) {
          coll.insertMany(batch);
          n += batch.size();
          batch.clear();
        }
      }
    }
    if (!batch.isEmpty()) {
      coll.insertMany(batch);
      n += batch.size();
    }
    return n;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Snapshots, then stops the server. Attached handles do nothing. */
  @Override
  public synchronized void close() throws IOException {
    if (closed || server == null) {
      closed = true;
      return;
    }
    try {
      if (snapshotter != null) {
        snapshotter.shutdownNow();
      }
      snapshot();
    } finally {
      closed = true;
      server.shutdownNow();
      Files.deleteIfExists(mongoDir.resolve("port"));
      lock.release();
      lockChannel.close();
    }
  }

  /** The directory holding the snapshot, lock and port files. */
  public Path directory() {
    return mongoDir;
  }

  @Override
  public String toString() {
    return "EmbeddedMongoServer{" + uri() + (attached() ? ", attached" : "") + "}";
  }
}
