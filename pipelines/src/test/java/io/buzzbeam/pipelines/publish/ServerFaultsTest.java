package io.buzzbeam.pipelines.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.buzzbeam.pipelines.ChildRuns;
import io.buzzbeam.pipelines.SinkDumps;
import io.buzzbeam.pipelines.cli.Main;
import io.buzzbeam.pipelines.embedded.EmbeddedPostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run does when a server fails under it, with the real servers and the real pipeline
 * (Flink embedded): PostgreSQL stopped (SIGSTOP) or killed (SIGKILL) mid-run or mid-publish, the
 * MongoDB server gone mid-run, a full stage directory. Each time the run exits 1 within its
 * (short, test-configured) timeouts with the first cause printed, the published tables stay as
 * they were, and the next run succeeds.
 *
 * <p>The fault runs are child JVMs (a run that hung could not wedge this one) on the embedded
 * PostgreSQL this test starts, to which they attach. To stop PostgreSQL at a known point, a test
 * connection locks the published tables the pipeline reads back ({@link ReadPublished}, with a
 * window) or the publish rewrites, and the test waits until {@code pg_stat_activity} shows the
 * run's statement waiting for it: then the run is provably mid-statement, with no sleep.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerFaultsTest {
  /** The test's timeouts: statements may wait 10 s for the test's lock before the server is stopped. */
  static final List<String> TIMEOUTS =
      List.of(
          "--jdbcConnectTimeoutSeconds=5",
          "--jdbcStatementTimeoutSeconds=10",
          "--jdbcSocketTimeoutSeconds=15",
          "--mongoConnectTimeoutSeconds=5",
          "--mongoSocketTimeoutSeconds=15",
          "--mongoServerSelectionTimeoutSeconds=3");

  @TempDir static Path work;

  private Path landing;
  private Path dataDir;
  private EmbeddedPostgresServer pg;
  /** The window of the fault runs: one day, so that the pipeline reads the other published days back. */
  private String day;

  @BeforeAll
  void startPostgresAndPublishEverything() throws Exception {
    landing = Paths.get(ServerFaultsTest.class.getResource("/e2e-landing").toURI());
    dataDir = work.resolve("data");
    pg = EmbeddedPostgresServer.start(dataDir, 0);
    runOk("--runId=baseline");
    try (Connection c = pg.connect()) {
      day = SinkDumps.query(c, "SELECT max(day) FROM fact_media").get(0);
      // Other published days than the window's, for ReadPublished to read (and wait for).
      assertTrue(Integer.parseInt(SinkDumps.query(c, "SELECT count(DISTINCT day) FROM fact_media").get(0)) > 1);
    }
  }

  @AfterAll
  void stopPostgres() throws IOException {
    pg.close();
  }

  @Test
  @Order(1)
  void postgresStoppedMidRunFailsTheRunWithinTheSocketTimeout() throws Exception {
    Map<String, List<String>> before = published();
    Process run = faultRun("stopped");
    double seconds;
    try (Connection blocker = lockForReaders(run, "stopped")) {
      waitForRunWaitingOnLock("SELECT %", run, "stopped");
      seconds = stopPostgresUntilExit(run, "stopped");
      blocker.rollback();
    }
    System.out.printf(Locale.ROOT, "SIGSTOP -> exit %d after %.1f s (socket timeout 15 s)%n", run.exitValue(), seconds);
    String failed = failureLine("stopped", run);
    // The first cause: the workers' socket timeout, not the driver's later failure to record it.
    assertTrue(failed.toLowerCase(Locale.ROOT).contains("timed out"), failed);
    // The worker's read timed out (at most 15 s after its query started, shortly before the
    // stop), then the driver's attempt to record the failure did (15 s); Flink's teardown aside.
    assertTrue(seconds < 60, "exit after " + seconds + " s");
    assertEquals(before, published(), "published tables after the stopped run");
    // The driver's record of the failure timed out too, but it had reached the server's socket:
    // the resumed server executes it before it sees the session end (and the lock go).
    String next = runOk("--from=" + day, "--to=" + day, "--runId=after-stop", "--lockWaitSeconds=60");
    assertTrue(!next.contains("abandoned"), next);
    assertEquals(List.of("after-stop|succeeded|", "stopped|failed|" + printedCause(failed)), runs("stopped", "after-stop"));
  }

  @Test
  @Order(2)
  void postgresStoppedMidPublishFailsTheRunWithinTheSocketTimeout() throws Exception {
    Map<String, List<String>> before = published();
    Process run;
    double seconds;
    // A reader's lock on one mart holds the publish inside its transaction (ServerWatch must then
    // tell a hung server from a publish that waits).
    try (Connection blocker = pg.connect()) {
      blocker.setAutoCommit(false);
      try (Statement s = blocker.createStatement()) {
        s.execute("LOCK TABLE mart_upload_heatmap IN SHARE MODE");
      }
      run = faultRun("publish-stopped");
      waitForRunWaitingOnLock("DELETE FROM mart_upload_heatmap%", run, "publish-stopped");
      // Waiting on a lock longer than the socket timeout is not a failure: the server answers pings.
      Thread.sleep(ServerWatch.PING_MILLIS * 2);
      assertTrue(run.isAlive(), log("publish-stopped"));
      seconds = stopPostgresUntilExit(run, "publish-stopped");
      blocker.rollback();
    }
    System.out.printf(Locale.ROOT, "SIGSTOP in the publish -> exit %d after %.1f s (socket timeout 15 s)%n", run.exitValue(), seconds);
    String failed = failureLine("publish-stopped", run);
    assertTrue(failed.contains("PostgreSQL stopped answering during the publish"), failed);
    assertTrue(seconds < 15 + 2 * ServerWatch.PING_MILLIS / 1000.0 + 10, "exit after " + seconds + " s");
    assertEquals(before, published(), "published tables after the run stopped mid-publish");
    String next = runOk("--from=" + day, "--to=" + day, "--runId=after-publish-stop", "--lockWaitSeconds=60");
    assertTrue(next.contains("marked 1 run(s) that died before finishing as failed (abandoned)"), next);
    assertEquals(
        List.of("after-publish-stop|succeeded|", "publish-stopped|failed|abandoned"),
        runs("publish-stopped", "after-publish-stop"));
  }

  @Test
  @Order(3)
  void mongoGoneMidRunFailsTheRunWithinTheServerSelectionTimeout() throws Exception {
    Map<String, List<String>> before = published();
    MongoServer mongo = new MongoServer(new MemoryBackend());
    String uri = serve(mongo);
    Process run;
    long goneAt;
    // Media reach the Mongo writer only once the published snapshots are read back: holding that
    // read makes sure the writes come after the server is gone.
    run = faultRun("mongo-gone", "--sinks=jdbc,mongo", "--mongoUri=" + uri);
    try (Connection blocker = lockForReaders(run, "mongo-gone")) {
      waitForRunWaitingOnLock("SELECT %", run, "mongo-gone");
      mongo.shutdownNow();
      goneAt = System.nanoTime();
      blocker.rollback();
    }
    double seconds = secondsUntilExit(run, "mongo-gone", goneAt);
    System.out.printf(Locale.ROOT, "Mongo gone -> exit %d after %.1f s (server selection timeout 3 s)%n", run.exitValue(), seconds);
    String failed = failureLine("mongo-gone", run);
    assertTrue(failed.contains("MongoTimeoutException"), failed);
    assertTrue(seconds < 60, "exit after " + seconds + " s");
    assertEquals(before, published(), "published tables after the run that lost Mongo");
    // PostgreSQL was up: the run recorded its own failure, with the first cause.
    List<String> recorded = runs("mongo-gone");
    assertTrue(recorded.get(0).startsWith("mongo-gone|failed|MongoTimeoutException"), recorded.toString());

    MongoServer back = new MongoServer(new MemoryBackend());
    try {
      runOk("--from=" + day, "--to=" + day, "--runId=after-mongo", "--sinks=jdbc,mongo", "--mongoUri=" + serve(back));
    } finally {
      back.shutdownNow();
    }
    assertEquals(List.of("after-mongo|succeeded|"), runs("after-mongo"));
  }

  @Test
  @Order(4)
  void aFullStageDirectoryFailsTheRun() throws Exception {
    Path full = work.resolve("full-stage");
    Files.createDirectories(full);
    String mounted = mountTmpfs(full, "1m");
    Assumptions.assumeTrue(mounted.isEmpty(), "SKIPPED: cannot mount a 1 MiB tmpfs as the full stage directory: " + mounted);
    try {
      fill(full);
      Map<String, List<String>> before = published();
      Process run = faultRun("disk-full", "--sinks=jdbc,avro", "--stageDir=" + full);
      assertTrue(run.waitFor(300, TimeUnit.SECONDS), "the run still runs after 300 s: " + log("disk-full"));
      String failed = failureLine("disk-full", run);
      assertTrue(failed.contains("No space left on device"), failed);
      assertEquals(before, published(), "published tables after the run with a full stage directory");
      List<String> recorded = runs("disk-full");
      assertTrue(recorded.get(0).startsWith("disk-full|failed|") && recorded.get(0).contains("No space left on device"), recorded.toString());
    } finally {
      assertEquals("", run("umount", full.toString()));
    }
    runOk("--from=" + day, "--to=" + day, "--runId=after-disk-full", "--sinks=jdbc,avro", "--stageDir=" + full);
    assertEquals(List.of("after-disk-full|succeeded|"), runs("after-disk-full"));
  }

  /** Last: it restarts the embedded server the other tests share. */
  @Test
  @Order(5)
  void postgresKilledMidRunFailsTheRunAndTheRestartedServerServesTheNext() throws Exception {
    Map<String, List<String>> before = published();
    Process run = faultRun("killed");
    Connection blocker = lockForReaders(run, "killed");
    waitForRunWaitingOnLock("SELECT %", run, "killed");
    signalPostgres("KILL");
    long killedAt = System.nanoTime();
    double seconds = secondsUntilExit(run, "killed", killedAt);
    System.out.printf(Locale.ROOT, "SIGKILL -> exit %d after %.1f s%n", run.exitValue(), seconds);
    String failed = failureLine("killed", run);
    assertTrue(failed.contains("An I/O error occurred while sending to the backend. (EOFException)"), failed);
    // A dead server refuses at once: no timeout to wait for.
    assertTrue(seconds < 30, "exit after " + seconds + " s");
    try {
      blocker.close();
    } catch (SQLException e) {
      // its server is gone
    }
    // The handle of the killed server cannot stop it; a new start recovers the cluster (WAL
    // replay) from the stale postmaster.pid.
    try {
      pg.close();
    } catch (IOException | RuntimeException e) {
      System.out.println("closing the killed server: " + e);
    }
    pg = EmbeddedPostgresServer.start(dataDir, 0);
    assertEquals(before, published(), "published tables after the killed server restarted; the run printed " + failed);
    String next = runOk("--from=" + day, "--to=" + day, "--runId=after-kill");
    assertTrue(next.contains("marked 1 run(s) that died before finishing as failed (abandoned)"), next);
    assertEquals(List.of("after-kill|succeeded|", "killed|failed|abandoned"), runs("killed", "after-kill"));
  }

  // --- runs ---

  private List<String> args(String... more) {
    List<String> a = new ArrayList<>(List.of("run", "--landing=" + landing, "--dataDir=" + dataDir,
        "--progressSeconds=0", "--runnerConfig=flink-local"));
    a.addAll(TIMEOUTS);
    a.addAll(List.of(more));
    if (a.stream().noneMatch(o -> o.startsWith("--sinks="))) {
      a.add("--sinks=jdbc");
    }
    return a;
  }

  /** An in-process run that must succeed; returns what it printed. */
  private String runOk(String... more) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    int status = Main.run(args(more).toArray(new String[0]), print, print);
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, printed);
    return printed;
  }

  /** A run over {@link #day} in a child JVM, output to {@code <runId>.log}. */
  private Process faultRun(String runId, String... more) throws IOException {
    List<String> a = new ArrayList<>(List.of("--from=" + day, "--to=" + day, "--runId=" + runId));
    a.addAll(List.of(more));
    return ChildRuns.start(work.resolve(runId + ".log"), args(a.toArray(new String[0])));
  }

  private String log(String runId) throws IOException {
    return Files.readString(work.resolve(runId + ".log"), StandardCharsets.UTF_8);
  }

  /** Waits for {@code run} to exit (120 s at most after a fault); returns the seconds since {@code faultNanos}. */
  private double secondsUntilExit(Process run, String runId, long faultNanos) throws Exception {
    assertTrue(run.waitFor(120, TimeUnit.SECONDS), "the run still runs 120 s after the fault: " + log(runId));
    return (System.nanoTime() - faultNanos) / 1e9;
  }

  /** Exit 1 and exactly one failure line, printed last: returns it. */
  private String failureLine(String runId, Process run) throws IOException {
    String log = log(runId);
    assertEquals(1, run.exitValue(), log);
    List<String> failed = log.lines().filter(l -> l.startsWith("buzzbeam run: failed: ")).collect(Collectors.toList());
    assertEquals(1, failed.size(), log);
    System.out.println(runId + ": " + failed.get(0));
    return failed.get(0);
  }

  /** The cause in a failure line, as {@code pipeline_run.reason} records it. */
  private static String printedCause(String failureLine) {
    return failureLine.substring("buzzbeam run: failed: ".length(), failureLine.indexOf(" (set BUZZBEAM_DEBUG=1"));
  }

  // --- PostgreSQL ---

  /**
   * A transaction holding the published tables the run reads back, so that the read waits; the
   * caller rolls back. Taken once the run has printed its start line: before, the driver's own
   * {@code CREATE INDEX IF NOT EXISTS} would wait for it too; after it, the pipeline still needs
   * Flink to start its job (seconds) before it reads.
   */
  private Connection lockForReaders(Process run, String runId) throws Exception {
    long deadline = System.currentTimeMillis() + 300_000;
    while (log(runId).lines().noneMatch(l -> l.startsWith("buzzbeam run " + runId + " on "))) {
      assertTrue(run.isAlive() && System.currentTimeMillis() < deadline, "no start line: " + log(runId));
      Thread.sleep(20);
    }
    Connection c = pg.connect();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("LOCK TABLE fact_media, profile_snapshot IN ACCESS EXCLUSIVE MODE");
    }
    return c;
  }

  /**
   * Polls until one of the run's statements like {@code queryLike} waits for a lock (while it runs,
   * a run's only SELECTs are its reads of published rows).
   */
  private void waitForRunWaitingOnLock(String queryLike, Process run, String runId) throws Exception {
    String sql = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'buzzbeam'"
        + " AND wait_event_type = 'Lock' AND query LIKE '" + queryLike + "'";
    long deadline = System.currentTimeMillis() + 300_000;
    while (System.currentTimeMillis() < deadline) {
      try (Connection c = pg.connect()) {
        if (!SinkDumps.query(c, sql).get(0).equals("0")) {
          return;
        }
      }
      assertTrue(run.isAlive(), "the run ended before waiting on the lock: " + log(runId));
      Thread.sleep(50);
    }
    throw new AssertionError("the run did not reach " + queryLike + " within 300 s: " + log(runId));
  }

  /** SIGSTOPs PostgreSQL until {@code run} exits (120 s at most), then SIGCONTs it; returns the seconds in between. */
  private double stopPostgresUntilExit(Process run, String runId) throws Exception {
    List<Long> pids = signalPostgres("STOP");
    long stoppedAt = System.nanoTime();
    try {
      return secondsUntilExit(run, runId, stoppedAt);
    } finally {
      for (long pid : pids) {
        signal("CONT", pid);
      }
    }
  }

  /**
   * Sends {@code signal} to the postmaster of {@link #dataDir} (first line of its pid file) and to
   * its children (backends, checkpointer, ...). The postmaster is stopped first so that it forks
   * no child the list would miss. Returns the pids, postmaster first.
   */
  private List<Long> signalPostgres(String signal) throws Exception {
    long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).trim());
    signal("STOP", postmaster);
    List<Long> pids = new ArrayList<>(List.of(postmaster));
    ProcessHandle.of(postmaster).orElseThrow().children().forEach(p -> pids.add(p.pid()));
    assertTrue(pids.size() > 3, "postmaster and backends: " + pids);
    for (long pid : pids) {
      signal(signal, pid);
    }
    return pids;
  }

  /** {@code kill -SIGNAL pid}; a child that exited meanwhile (a backend whose client left) is fine. */
  private static void signal(String signal, long pid) throws Exception {
    String failed = run("kill", "-" + signal, String.valueOf(pid));
    assertTrue(failed.isEmpty() || ProcessHandle.of(pid).isEmpty(), failed);
  }

  /** The published tables (run-keyed ones too) without {@code pipeline_run}, which runs always write. */
  private Map<String, List<String>> published() throws SQLException {
    try (Connection c = pg.connect()) {
      Map<String, List<String>> tables = SinkDumps.tables(c);
      tables.remove("pipeline_run");
      tables.put("profile_snapshot", SinkDumps.query(c, "SELECT * FROM profile_snapshot ORDER BY 1, 2"));
      return tables;
    }
  }

  /** {@code run_id|status|reason} of {@code runIds}, by run id. */
  private List<String> runs(String... runIds) throws SQLException {
    try (Connection c = pg.connect()) {
      return SinkDumps.query(c, "SELECT run_id, status, coalesce(reason, '') FROM pipeline_run WHERE run_id IN ('"
          + String.join("', '", runIds) + "') ORDER BY 1");
    }
  }

  /** Binds {@code mongo} to a free loopback port; returns its URI. */
  private static String serve(MongoServer mongo) {
    mongo.bind("127.0.0.1", 0);
    return "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort();
  }

  // --- the full disk ---

  /** Mounts a tmpfs of {@code size} on {@code dir}; returns "" or why it could not. */
  private static String mountTmpfs(Path dir, String size) throws Exception {
    return run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
  }

  /** Writes into {@code dir} until its file system is full. */
  private static void fill(Path dir) throws IOException {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(dir.resolve("filler"))) {
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException e) {
      assertTrue(String.valueOf(e.getMessage()).contains("No space left on device"), e.toString());
    }
  }

  /** Runs a command; returns "" on exit 0, else its exit status and output. */
  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() == 0 ? "" : "'" + String.join(" ", cmd) + "' exited " + p.exitValue() + ": " + output.strip();
  }
}
