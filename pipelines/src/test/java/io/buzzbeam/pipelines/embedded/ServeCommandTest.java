package io.buzzbeam.pipelines.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.buzzbeam.pipelines.command.UsageException;
import io.buzzbeam.transforms.tables.Tables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}: both servers up, reachable from what it prints, stopped cleanly. */
class ServeCommandTest {
  @TempDir Path dataDir;

  @Test
  void serveMarksARunThatDiedAsAbandonedAndDropsItsStagingTables() throws Exception {
    // A run killed earlier left its row "running" and a staging table behind.
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0);
        java.sql.Connection c = pg.connect()) {
      io.buzzbeam.transforms.tables.Tables.ensureAll(c);
      io.buzzbeam.pipelines.sinks.PipelineRuns.start(c, "died", "FlinkRunner", "{}");
      io.buzzbeam.pipelines.publish.StagingTables.fresh().create(c);
    }
    RunningServe serve = RunningServe.start(dataDir);
    assertTrue(
        serve.printed().contains("marked 1 run(s) that died before finishing as failed (abandoned)"),
        serve.printed());
    try (EmbeddedPostgresServer attached = EmbeddedPostgresServer.start(dataDir, 0);
        java.sql.Connection c = attached.connect();
        java.sql.Statement st = c.createStatement()) {
      try (java.sql.ResultSet rs = st.executeQuery("SELECT status, reason, finished_at IS NOT NULL FROM pipeline_run")) {
        assertTrue(rs.next());
        assertEquals("failed|abandoned|true", rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getBoolean(3));
      }
      try (java.sql.ResultSet rs =
          st.executeQuery("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'buzzbeam_staging'")) {
        assertTrue(rs.next());
        assertEquals(0, rs.getInt(1));
      }
    }
    serve.stop();
  }

  @Test
  void servesBothUntilStoppedAndRunAttachesMeanwhile() throws Exception {
    RunningServe serve = RunningServe.start(dataDir);
    String printed = serve.printed();
    String password = PostgresCredentials.load(dataDir.resolve("postgres.credentials")).password();
    assertFalse(printed.contains(password), "the password is never printed");
    Matcher jdbc = Pattern.compile("jdbc:postgresql://127\\.0\\.0\\.1:(\\d+)/buzzbeam").matcher(printed);
    Matcher mongo = Pattern.compile("mongodb://127\\.0\\.0\\.1:(\\d+)").matcher(printed);
    assertTrue(jdbc.find() && mongo.find(), printed);
    assertTrue(printed.contains("psql -h 127.0.0.1 -p " + jdbc.group(1) + " -U buzzbeam buzzbeam"));

    // What run does meanwhile: the same data directory attaches to serve's servers.
    try (EmbeddedServers forRun = EmbeddedServers.forRun(dataDir, null, null, null)) {
      assertTrue(forRun.postgres().attached() && forRun.mongo().attached());
      assertEquals(jdbc.group(0), forRun.jdbcTarget().url());
      try (Connection c = forRun.jdbcTarget().connect()) {
        Tables.ensureAll(c);
      }
      try (MongoClient client = MongoClients.create(forRun.mongoUri())) {
        client.getDatabase("buzzbeam").getCollection("media").insertOne(new Document("_id", "a"));
      }
    }

    serve.stop();
    assertTrue(serve.printed().contains("buzzbeam serve: stopped."));
    assertTrue(Files.exists(dataDir.resolve("mongo/snapshot/buzzbeam/media.bson")));
    assertFalse(Files.exists(dataDir.resolve("postgres/postmaster.pid")));
  }

  @Test
  void aBadPortIsAUsageError() {
    ServeCommand serve = new ServeCommand(System.out, new CountDownLatch(0));
    UsageException e =
        assertThrows(UsageException.class, () -> serve.run(new String[] {"--pgPort=abc"}));
    assertTrue(e.getMessage().contains("--pgPort"));
    assertThrows(UsageException.class, () -> serve.run(new String[] {"--mongoPort=70000"}));
    assertThrows(UsageException.class, () -> serve.run(new String[] {"--port=1"}));
  }

  /** {@code serve --pgPort=0 --mongoPort=0} on a thread of its own, up (it printed "Press Ctrl-C"). */
  private static final class RunningServe {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final ExecutorService exec = Executors.newSingleThreadExecutor();
    private final Future<Integer> status;

    private RunningServe(Path dataDir) {
      PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      status =
          exec.submit(
              () ->
                  new ServeCommand(out, stop)
                      .run(new String[] {"--dataDir=" + dataDir, "--pgPort=0", "--mongoPort=0"}));
    }

    static RunningServe start(Path dataDir) throws InterruptedException {
      RunningServe serve = new RunningServe(dataDir);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!serve.printed().contains("Press Ctrl-C")) {
        assertFalse(serve.status.isDone(), () -> "serve ended early: " + serve.bytes);
        assertTrue(System.nanoTime() < deadline, "serve did not come up");
        Thread.sleep(200);
      }
      return serve;
    }

    String printed() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Stops it as Ctrl-C would: it ends with status 0. */
    void stop() throws Exception {
      stop.countDown();
      assertEquals(0, status.get(60, TimeUnit.SECONDS));
      exec.shutdown();
    }
  }
}
