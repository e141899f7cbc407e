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
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CountDownLatch stop = new CountDownLatch(1);
    ExecutorService exec = Executors.newSingleThreadExecutor();
    Future<Integer> status =
        exec.submit(
            () ->
                new ServeCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8), stop)
                    .run(new String[] {"--dataDir=" + dataDir, "--pgPort=0", "--mongoPort=0"}));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!bytes.toString(StandardCharsets.UTF_8).contains("Press Ctrl-C")) {
      assertFalse(status.isDone(), () -> "serve ended early: " + bytes);
      assertTrue(System.nanoTime() < deadline, "serve did not come up");
      Thread.sleep(200);
    }
    assertTrue(
        bytes.toString(StandardCharsets.UTF_8)
            .contains("marked 1 run(s) that died before finishing as failed (abandoned)"),
        bytes.toString(StandardCharsets.UTF_8));
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
    stop.countDown();
    assertEquals(0, status.get(60, TimeUnit.SECONDS));
    exec.shutdown();
  }

  @Test
  void servesBothUntilStoppedAndRunAttachesMeanwhile() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    CountDownLatch stop = new CountDownLatch(1);
    ExecutorService exec = Executors.newSingleThreadExecutor();
    Future<Integer> status =
        exec.submit(
            () ->
                new ServeCommand(out, stop)
                    .run(new String[] {"--dataDir=" + dataDir, "--pgPort=0", "--mongoPort=0"}));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!bytes.toString(StandardCharsets.UTF_8).contains("Press Ctrl-C")) {
      assertFalse(status.isDone(), () -> "serve ended early: " + bytes);
      assertTrue(System.nanoTime() < deadline, "serve did not come up");
      Thread.sleep(200);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
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

    stop.countDown();
    assertEquals(0, status.get(60, TimeUnit.SECONDS));
    exec.shutdown();
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("buzzbeam serve: stopped."));
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
}
