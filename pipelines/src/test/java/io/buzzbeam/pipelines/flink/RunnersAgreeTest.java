package io.buzzbeam.pipelines.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.buzzbeam.pipelines.RunnerConfigs;
import io.buzzbeam.pipelines.SinkDumps;
import io.buzzbeam.pipelines.cli.ClusterBuild;
import io.buzzbeam.pipelines.cli.Main;
import io.buzzbeam.pipelines.embedded.PostgresCredentials;
import io.buzzbeam.pipelines.generate.GenerationSummary;
import io.buzzbeam.pipelines.generate.GeneratorConfig;
import io.buzzbeam.pipelines.generate.LandingGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #4 with the real pipeline, through the command line ({@code Main.run("run", ...)}) on the
 * embedded PostgreSQL and Mongo wire server (each run its own {@code --dataDir}):
 *
 * <ol>
 *   <li>the landing fixture {@code e2e-landing} on the DirectRunner, Flink {@code [local]} and a
 *       real standalone cluster (cluster.sh, 2 TaskManagers, the slim job jar staged with {@code
 *       --filesToStage}) leaves identical rows in every SPEC §5 table and identical documents in
 *       the four §6 collections (processing-time columns and the runner's name aside), and the
 *       run reports print identical counters;
 *   <li>on the cluster, a TaskManager running the job's tasks is SIGKILLed mid-job and another is
 *       started; the job is restarted by the cluster and leaves the same rows as a clean run of the
 *       same generated landing zone, with one row per key; the same zone on the DirectRunner
 *       leaves those rows too;
 *   <li>the cluster's JVMs carry a copy of the job jar named after its digest, parent-first; a run
 *       of that build uploads a manifest-only stand-in instead of the jar, and a run that stages
 *       another build is refused in one line (exit 2) before it starts anything;
 *   <li>the cluster script: {@code status} lists the TaskManagers, a second {@code start} is
 *       refused, Flink's own client ({@code cluster.sh flink run}) runs the pipeline from the job
 *       jar's {@code Main}, and {@code stop} ends exactly the processes it started.
 * </ol>
 *
 * The cluster's processes get {@code BUZZBEAM_JDBC_PASSWORD} from cluster.sh's environment (the
 * {@code --jdbcUrl} case); no password shows in the job's configuration (Flink's UI), the run
 * output or the cluster's logs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunnersAgreeTest {
  /** A small real volume: 1 day, 3 brands, a hashtag poll every 25 minutes, 2 crawled accounts. */
  static final GeneratorConfig FAULT_ZONE =
      GeneratorConfig.defaults().withDays(1).withBrands(3).withScale(0.2).withCrawlAccounts(2);

  /**
   * When the TaskManager dies, as a share of the clean job's duration after the faulted job's start.
   * Relative, not a fixed number of seconds: a fixed 5 s once fell after the last task of a job that
   * had become faster (7.7 s in all here, less on a faster machine), and the job then finished with
   * no failure to recover from. The REST view of the tasks may also lag by up to web.refresh-interval
   * (3 s), so the share leaves most of the job still to run.
   */
  static final double KILL_AT_SHARE_OF_CLEAN_JOB = 0.4;

  @TempDir static Path tmp;

  private final String envSecret = "env-secret-" + UUID.randomUUID();
  private FlinkCluster cluster;
  private Path jobJar;
  private ExecutorService background;
  /** The fixture's run on the DirectRunner (test 2), which {@code flink run}'s is compared with. */
  private Run fixtureOnDirect;

  @BeforeAll
  void startCluster() throws Exception {
    long t0 = System.nanoTime();
    cluster = new FlinkCluster(tmp.resolve("flink-work"), Map.of("BUZZBEAM_JDBC_PASSWORD", envSecret));
    jobJar = cluster.jobJar();
    long t1 = System.nanoTime();
    cluster.start(2);
    System.out.printf("[timing] cluster.sh start 2: %.1f s%n", (System.nanoTime() - t1) / 1e9);
    background = Executors.newSingleThreadExecutor();
    System.out.printf("[timing] setup (job jar + cluster): %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  @AfterAll
  void stopCluster() throws Exception {
    try {
      if (background != null) {
        background.shutdownNow();
        background.awaitTermination(60, TimeUnit.SECONDS);
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  @Order(0)
  void theClusterScriptStartsOnceAndReportsItsTaskManagers() throws Exception {
    String status = cluster.script(60, "status");
    assertTrue(status.contains("registered taskmanagers: 2 "), status);
    IllegalStateException again = assertThrows(IllegalStateException.class, () -> cluster.start(2));
    assertTrue(again.getMessage().contains("already running"), again.getMessage());
  }

  @Test
  @Order(1)
  void theJobJarHoldsNoFlinkAndIsWhatTheClusterConfigStages() throws IOException {
    List<String> flink = new ArrayList<>();
    boolean main = false;
    boolean runner = false;
    try (JarFile jar = new JarFile(jobJar.toFile())) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (name.startsWith("org/apache/flink/")
            || name.startsWith("com/esotericsoftware/kryo/")
            || name.startsWith("com/twitter/chill/")
            || name.startsWith("org/slf4j/")
            || name.startsWith("org/apache/log4j/")
            || name.startsWith("org/apache/logging/log4j/")) {
          flink.add(name);
        }
        main |= name.equals("io/buzzbeam/pipelines/cli/Main.class");
        runner |= name.equals("org/apache/beam/runners/flink/FlinkRunner.class");
      }
      assertEquals(
          "io.buzzbeam.pipelines.cli.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
    }
    assertEquals(List.of(), flink.stream().limit(20).collect(Collectors.toList()), "Flink/kryo/logging classes in the job jar");
    assertTrue(main, "buzzbeam's Main is in the job jar");
    assertTrue(runner, "Beam's Flink runner (translation classes) is in the job jar");

    // flink-cluster stages exactly that jar; the cluster's own classpath holds Flink and a copy of
    // that jar named after its digest (cluster.sh start), resolved parent-first, and nothing else
    // of buzzbeam or Beam.
    String[] expanded =
        RunnerConfigs.apply(
            new String[] {"--runnerConfig=flink-cluster"}, cluster.repo.resolve("runner-configs"), cluster.env());
    assertTrue(List.of(expanded).contains("--filesToStage=" + jobJar), List.of(expanded).toString());
    List<String> tmCommand = List.of(commandLine(cluster.taskManagerPid("tm-1")).split("\0"));
    String classpath = tmCommand.get(tmCommand.indexOf("-classpath") + 1);
    // The cluster runs the Flink the runner was built against (the parent pom's flink.version).
    String flinkRuntime = "flink-runtime-" + EnvironmentInformation.getVersion() + ".jar";
    assertTrue(classpath.contains(flinkRuntime), flinkRuntime + " in " + classpath);
    String copy = cluster.work.resolve("usrlib").resolve("buzzbeam-job-" + ClusterBuild.digest(jobJar) + ".jar").toString();
    assertEquals(
        List.of(copy),
        List.of(classpath.split(":")).stream().filter(e -> e.contains("beam")).collect(Collectors.toList()),
        "TaskManager classpath: " + classpath);
    assertEquals(Files.size(jobJar), Files.size(Path.of(copy)));
    assertTrue(tmCommand.contains("classloader.resolve-order=parent-first"), tmCommand.toString());
  }

  @Test
  @Order(1)
  void aRunThatStagesAnotherBuildThanTheClustersIsRefused() throws Exception {
    // The cluster runs its own copy of the job's classes (parent-first), so a run that stages
    // another build would run the cluster's older code: the command line refuses it in one line,
    // exit 2, before it starts anything. The jar the cluster was started from passes the check,
    // and is not uploaded: a manifest-only stand-in is staged instead.
    String master = "127.0.0.1:" + cluster.restPort;
    List<String> staged = ClusterBuild.filesToStage(master, List.of(jobJar.toString()));
    assertEquals(1, staged.size(), staged.toString());
    assertTrue(Files.size(Path.of(staged.get(0))) < 1024, staged.get(0));
    try (java.util.jar.JarFile stand = new java.util.jar.JarFile(staged.get(0))) {
      assertTrue(stand.getManifest().getMainAttributes().getValue("Buzzbeam-Job-Classes")
          .startsWith("buzzbeam-job-" + ClusterBuild.digest(jobJar) + ".jar"));
    }
    Path other = tmp.resolve("rebuilt-job.jar");
    Files.copy(jobJar, other);
    Files.write(other, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {
              "run", "--landing=" + SinkDumps.copyFixture(tmp.resolve("refused-landing")), "--dataDir=" + tmp.resolve("data-refused"),
              "--progressSeconds=0", "--runnerConfig=flink-cluster", "--flinkMaster=" + master, "--filesToStage=" + other
            },
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String message = err.toString(StandardCharsets.UTF_8).strip();
    assertEquals(2, status, out.toString(StandardCharsets.UTF_8) + message);
    assertEquals(1, message.lines().count(), message);
    assertTrue(
        message.contains("the Flink cluster at " + master + " runs buzzbeam job jar " + ClusterBuild.digest(jobJar))
            && message.contains("this run stages " + ClusterBuild.digest(other))
            && message.contains("restart the cluster"),
        message);
    assertFalse(Files.exists(tmp.resolve("data-refused").resolve("postgres")), "nothing started for a refused run");
    assertEquals(0, cluster.rest("/jobs/overview").get("jobs").size(), "no job submitted");
  }

  @Test
  @Order(2)
  @Timeout(1200)
  void theFixtureGivesTheSameRowsDocumentsAndCountersOnEveryRunner() throws Exception {
    Path landing = SinkDumps.copyFixture(tmp.resolve("e2e-landing"));
    Map<String, Run> runs = new LinkedHashMap<>();
    // The DirectRunner is the reference that both Flink runs are compared with.
    runs.put("direct", run(landing, tmp.resolve("data-direct"), "--runner=DirectRunner"));
    runs.put("flink-local", run(landing, tmp.resolve("data-flink-local"), "--runnerConfig=flink-local"));
    runs.put("flink-cluster", runOnCluster(landing, tmp.resolve("data-flink-cluster")));

    // The cluster really ran it: one finished job, with our counters as accumulators.
    JsonNode jobs = cluster.rest("/jobs/overview").get("jobs");
    assertEquals(1, jobs.size(), jobs.toString());
    assertEquals("FINISHED", jobs.get(0).get("state").asText());
    String jobId = jobs.get(0).get("jid").asText();
    System.out.printf("[timing] fixture job on the cluster (Flink's duration): %.1f s%n", jobs.get(0).get("duration").asLong() / 1e3);
    assertNoPasswordExposed(jobId, tmp.resolve("data-flink-cluster"), runs.get("flink-cluster").output);

    Run reference = runs.get("direct");
    fixtureOnDirect = reference;
    // Hand-checked anchors (EndToEndTest has the full hand computation of this fixture).
    assertEquals(7, reference.tables.get("fact_media").size());
    assertEquals(3 * 7 * 24, reference.tables.get("mart_upload_heatmap").size());
    assertEquals(12, reference.tables.get("rejected").size());
    assertEquals(
        List.of("file|8|7|1", "envelope|12|7|5", "media|15|11|4", "profile|5|3|2"), reference.modelCounts());
    for (Map.Entry<String, Run> e : runs.entrySet()) {
      Run r = e.getValue();
      String name = e.getKey();
      for (String table : SinkDumps.KEYS.keySet()) {
        assertEquals(reference.comparable(table), r.comparable(table), name + " vs direct: table " + table);
      }
      assertEquals(reference.documents, r.documents, name + " vs direct: Mongo documents");
      assertEquals(reference.modelCounts(), r.modelCounts(), name + " vs direct: read/valid/rejected");
      assertEquals(reference.reportBody(), r.reportBody(), name + " vs direct: the whole report");
      assertEquals(reference.stageFiles, r.stageFiles, name + " vs direct: Avro stage partitions");
      assertEquals(
          List.of(name.equals("direct") ? "DirectRunner" : "FlinkRunner"),
          r.tables.get("pipeline_run").stream().map(row -> row.split("\\|")[2]).collect(Collectors.toList()));
    }
  }

  @Test
  @Order(3)
  @Timeout(1500)
  void aKilledTaskManagerLeavesTheSameRowsAsACleanRun() throws Exception {
    long t0 = System.nanoTime();
    GenerationSummary summary = LandingGenerator.generate(tmp.resolve("zone"), FAULT_ZONE);
    Path zone = tmp.resolve("zone");
    System.out.printf("[timing] generated zone: %.1f s, %d media items, %d files%n",
        (System.nanoTime() - t0) / 1e9, summary.mediaItems(), summary.files());

    Run clean = runOnCluster(zone, tmp.resolve("data-clean"));
    JsonNode jobs = cluster.rest("/jobs/overview").get("jobs");
    String cleanJob = newestJob(jobs);
    Set<String> before = jobIds(jobs);
    long cleanMillis = jobById(jobs, cleanJob).get("duration").asLong();
    System.out.printf("[timing] clean job on the cluster (Flink's duration): %.1f s%n", cleanMillis / 1e3);
    // The report agrees with the generator's own tally of what it wrote.
    Map<String, Long> read = new TreeMap<>();
    for (String line : clean.modelCounts()) {
      String[] f = line.split("\\|");
      read.put(f[0], Long.parseLong(f[1]));
    }
    assertEquals(new TreeMap<>(summary.readByModel()), read, "items read per model");

    Path faultData = tmp.resolve("data-fault");
    Future<Run> faulty = background.submit(() -> runOnCluster(zone, faultData));

    String jobId = null;
    String victim = null;
    // What the run uploads: the stand-in for the job jar, which the cluster carries (ClusterBuild).
    long standInSize = Files.size(ClusterBuild.referenceJar(ClusterBuild.digest(jobJar)));
    boolean standInOnCluster = false;
    boolean jobJarOnCluster = false;
    long jobStartMillis = 0; // the JobManager's clock: the same host's wall clock
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(600);
    while (victim == null) {
      assertTrue(System.nanoTime() < deadline, "the job did not start running on the cluster");
      if (faulty.isDone()) {
        faulty.get();
        fail("the job finished before the fault was injected: make the zone bigger");
      }
      Thread.sleep(250);
      jobs = cluster.rest("/jobs/overview").get("jobs");
      for (JsonNode j : jobs) {
        if (!before.contains(j.get("jid").asText())) {
          jobId = j.get("jid").asText();
          jobStartMillis = j.get("start-time").asLong();
        }
      }
      if (jobId == null || !cluster.rest("/jobs/" + jobId).get("state").asText().equals("RUNNING")) {
        continue;
      }
      standInOnCluster |= blobOfSize(standInSize);
      jobJarOnCluster |= blobOfSize(Files.size(jobJar));
      if (System.currentTimeMillis() < jobStartMillis + Math.round(KILL_AT_SHARE_OF_CLEAN_JOB * cleanMillis)) {
        continue;
      }
      victim = taskManagerRunningTasks(jobId);
    }
    assertTrue(standInOnCluster, "the JobManager's blob store holds the job jar's stand-in (" + standInSize + " bytes)");
    assertFalse(jobJarOnCluster, "the job jar itself was uploaded: " + jobJar);

    long pid = cluster.taskManagerPid(victim);
    ProcessHandle tm = ProcessHandle.of(pid).orElseThrow();
    long tKill = System.nanoTime();
    long killedAfterMillis = System.currentTimeMillis() - jobStartMillis;
    assertTrue(tm.destroyForcibly(), "SIGKILL " + victim); // SIGKILL on Linux
    tm.onExit().get(30, TimeUnit.SECONDS);
    System.out.printf("[fault] SIGKILLed TaskManager %s (pid %d) of job %s, %.1f s after the job started (clean job: %.1f s)%n",
        victim, pid, jobId, killedAfterMillis / 1e3, cleanMillis / 1e3);
    long tAdd = System.nanoTime();
    cluster.addTaskManager();
    System.out.printf("[timing] cluster.sh add-taskmanager: %.1f s%n", (System.nanoTime() - tAdd) / 1e9);
    String added = "tm-3";
    assertTrue(environ(cluster.taskManagerPid(added)).contains("BUZZBEAM_JDBC_PASSWORD=" + envSecret),
        "the added TaskManager has BUZZBEAM_JDBC_PASSWORD from cluster.sh's environment");

    Run fault = faulty.get(900, TimeUnit.SECONDS);
    System.out.printf("[timing] faulted run finished %.1f s after the kill%n", (System.nanoTime() - tKill) / 1e9);

    // The failure hit the job and the cluster restarted it.
    JsonNode job = cluster.rest("/jobs/" + jobId);
    assertEquals("FINISHED", job.get("state").asText());
    JsonNode history = cluster.rest("/jobs/" + jobId + "/exceptions").get("exceptionHistory").get("entries");
    assertTrue(history.size() >= 1, "a failure was recorded (none means the kill came after the job's last task): " + history);
    System.out.printf("[fault] recorded failure: %.300s%n", history.get(0).toString());

    // Same rows, same documents, same counters as the clean run; one row per key.
    for (String table : SinkDumps.KEYS.keySet()) {
      assertEquals(clean.comparable(table), fault.comparable(table), "table " + table + " after the fault");
    }
    assertEquals(clean.documents, fault.documents, "Mongo documents after the fault");
    assertEquals(clean.reportBody(), fault.reportBody(), "counters of the successful attempt only");
    Map<String, String> counts = SinkDumps.rowAndKeyCounts(faultData);
    for (Map.Entry<String, String> e : counts.entrySet()) {
      String[] f = e.getValue().split(" ");
      assertEquals(f[0].substring(5), f[1].substring(5), "no duplicate keys in " + e.getKey() + ": " + e.getValue());
    }
    assertEquals(clean.tables.get("fact_media").size(), Integer.parseInt(counts.get("fact_media").split(" ")[0].substring(5)));
    assertTrue(clean.tables.get("fact_media").size() > 1000, "real volume: " + clean.tables.get("fact_media").size());
    assertNoPasswordExposed(jobId, faultData, fault.output);

    // The generated zone through the DirectRunner: the same rows, documents and counters as
    // through the cluster (over a thousand distinct media, every mart populated).
    long tDirect = System.nanoTime();
    Run direct = run(zone, tmp.resolve("data-zone-direct"), "--runner=DirectRunner");
    System.out.printf("[timing] generated zone on the DirectRunner: %.1f s%n", (System.nanoTime() - tDirect) / 1e9);
    for (String table : SinkDumps.KEYS.keySet()) {
      assertEquals(clean.comparable(table), direct.comparable(table), "table " + table + ": cluster vs DirectRunner");
    }
    assertEquals(clean.documents, direct.documents, "Mongo documents: cluster vs DirectRunner");
    assertEquals(clean.reportBody(), direct.reportBody(), "counters: cluster vs DirectRunner");
    System.out.printf("[timing] fault test: %.1f s%n", (System.nanoTime() - t0) / 1e9);
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  @Order(4)
  @Timeout(900)
  void flinkRunRunsThePipelineFromTheJobJarAndStopEndsTheClusterProcesses() throws Exception {
    // Flink's own client (`flink run`) with the job jar and buzzbeam's Main, as runner-configs/README.md
    // shows: the fixture, Avro sink only (the embedded servers live in a client JVM, not here).
    Path landing = SinkDumps.copyFixture(tmp.resolve("flink-run-landing"));
    Path stage = tmp.resolve("flink-run-stage");
    long t0 = System.nanoTime();
    String stdout =
        cluster.script(
            600, "flink", "run", "-c", Main.class.getName(), jobJar.toString(),
            "run", "--runner=FlinkRunner", "--flinkMaster=[auto]", "--landing=" + landing,
            "--sinks=avro", "--stageDir=" + stage, "--progressSeconds=0");
    System.out.printf("[timing] cluster.sh flink run (the fixture): %.1f s%n", (System.nanoTime() - t0) / 1e9);
    assertTrue(stdout.contains(" on FlinkRunner: "), stdout);
    assertEquals(
        List.of("file|8|7|1", "envelope|12|7|5", "media|15|11|4", "profile|5|3|2"), Run.modelCounts(stdout), stdout);
    if (fixtureOnDirect != null) {
      assertEquals(fixtureOnDirect.stageFiles, Run.directories(stage), "Avro stage partitions: flink run vs direct");
    }

    // stop ends exactly the processes start (and add-taskmanager) recorded
    List<Long> pids = new ArrayList<>();
    pids.add(Long.parseLong(Files.readString(cluster.work.resolve("jobmanager.pid")).strip()));
    for (String tm : List.of("tm-1", "tm-2", "tm-3")) {
      try {
        pids.add(cluster.taskManagerPid(tm));
      } catch (IOException noPidFile) {
        // not started (tm-3 only exists after the fault test)
      }
    }
    cluster.stop();
    for (long pid : pids) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " stopped");
    }
  }

  /** A finished {@code run}: its output and what it left in its data dir. */
  static final class Run {
    final String output;
    final Map<String, List<String>> tables;
    final Map<String, List<String>> documents;
    final List<String> stageFiles;

    Run(String output, Path dataDir) throws Exception {
      this.output = output;
      this.tables = SinkDumps.tables(dataDir);
      this.documents = SinkDumps.documents(dataDir);
      this.stageFiles = directories(dataDir.resolve("stage"));
    }

    /** The directories under {@code root}, relative to it, sorted. */
    static List<String> directories(Path root) throws IOException {
      try (Stream<Path> s = Files.walk(root)) {
        return s.filter(Files::isDirectory).map(p -> root.relativize(p).toString()).sorted().collect(Collectors.toList());
      }
    }

    /**
     * A table's rows without processing-time values: {@code rejected_at}; of {@code pipeline_run}
     * only run id and status (the options name the runner and this run's data dir).
     */
    List<String> comparable(String table) {
      List<String> rows = tables.get(table);
      if (table.equals("rejected")) {
        return SinkDumps.withoutLastColumn(rows);
      }
      if (table.equals("pipeline_run")) {
        return rows.stream().map(r -> String.join("|", List.of(r.split("\\|")).subList(0, 2))).collect(Collectors.toList());
      }
      return rows;
    }

    /** The report's model table as {@code model|read|valid|rejected}. */
    List<String> modelCounts() {
      return modelCounts(output);
    }

    static List<String> modelCounts(String output) {
      List<String> rows = new ArrayList<>();
      for (String line : output.split("\\R")) {
        String[] f = line.strip().split("\\s+");
        if (f.length == 4 && List.of("file", "envelope", "media", "profile").contains(f[0])) {
          rows.add(String.join("|", f[0], f[1].replace(",", ""), f[2].replace(",", ""), f[3].replace(",", "")));
        }
      }
      return rows;
    }

    /** The report after its first line (which names the runner and the elapsed time). */
    List<String> reportBody() {
      List<String> lines = List.of(output.split("\\R"));
      int at = -1;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("buzzbeam run ") && lines.get(i).contains(": succeeded in ")) {
          at = i;
        }
      }
      assertTrue(at >= 0, "no report in: " + output);
      // Everything but the publish transaction's duration, which is wall-clock time.
      return lines.subList(at + 1, lines.size()).stream()
          .filter(l -> l.startsWith("  "))
          .map(l -> l.replaceFirst("published in one transaction \\([0-9.]+ s\\)", "published in one transaction"))
          .collect(Collectors.toList());
    }
  }

  private Run run(Path landing, Path dataDir, String... runnerArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of("run", "--landing=" + landing, "--dataDir=" + dataDir, "--progressSeconds=0"));
    args.addAll(List.of(runnerArgs));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    int status =
        Main.run(
            args.toArray(new String[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    double seconds = (System.nanoTime() - t0) / 1e9;
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, text + err.toString(StandardCharsets.UTF_8));
    System.out.printf("[timing] run %s on %s: %.1f s%n", landing.getFileName(), String.join(" ", runnerArgs), seconds);
    return new Run(text, dataDir);
  }

  /** flink-cluster with this test's REST port; the config stages pipelines/target/buzzbeam-job.jar. */
  private Run runOnCluster(Path landing, Path dataDir) throws Exception {
    return run(landing, dataDir, "--runnerConfig=flink-cluster", "--flinkMaster=127.0.0.1:" + cluster.restPort);
  }

  /** The embedded server's password and the TaskManagers' env password are nowhere to be seen. */
  private void assertNoPasswordExposed(String jobId, Path dataDir, String runOutput) throws Exception {
    Path credentials;
    try (Stream<Path> s = Files.walk(dataDir)) {
      credentials = s.filter(p -> p.getFileName().toString().equals("postgres.credentials")).findFirst().orElseThrow();
    }
    String embedded = PostgresCredentials.load(credentials).password();
    assertTrue(embedded.length() >= 8, "a real password");
    String config = cluster.rest("/jobs/" + jobId + "/config").toString();
    assertTrue(config.contains("user-config") || config.contains("execution-config"), config);
    for (String secret : List.of(embedded, envSecret)) {
      assertFalse(config.contains(secret), "password in the job's configuration (Flink UI)");
      assertFalse(runOutput.contains(secret), "password in the run output");
      try (Stream<Path> logs = Files.list(cluster.work.resolve("log"))) {
        for (Path log : (Iterable<Path>) logs::iterator) {
          assertFalse(Files.readString(log, StandardCharsets.ISO_8859_1).contains(secret), "password in " + log);
        }
      }
    }
    // The --jdbcUrl case: the TaskManagers have BUZZBEAM_JDBC_PASSWORD from cluster.sh's environment.
    // Every TaskManager still alive (the fault test SIGKILLed one of tm-1/tm-2 and added tm-3).
    int alive = 0;
    for (String tm : List.of("tm-1", "tm-2", "tm-3")) {
      Path proc;
      try {
        proc = Path.of("/proc/" + cluster.taskManagerPid(tm));
      } catch (IOException noPidFile) {
        continue;
      }
      if (Files.isDirectory(proc)) {
        assertTrue(environ(cluster.taskManagerPid(tm)).contains("BUZZBEAM_JDBC_PASSWORD=" + envSecret), tm);
        alive++;
      }
    }
    assertTrue(alive >= 2, "two live TaskManagers checked, got " + alive);
  }

  /** A TaskManager (resource id) running a task of the job, or null. */
  private String taskManagerRunningTasks(String jobId) throws Exception {
    for (JsonNode v : cluster.rest("/jobs/" + jobId).get("vertices")) {
      if (!v.get("status").asText().equals("RUNNING")) {
        continue;
      }
      JsonNode tms = cluster.rest("/jobs/" + jobId + "/vertices/" + v.get("id").asText() + "/taskmanagers");
      for (JsonNode tm : tms.get("taskmanagers")) {
        if (tm.get("status").asText().equals("RUNNING")) {
          return tm.get("taskmanager-id").asText();
        }
      }
    }
    return null;
  }

  private boolean blobOfSize(long size) throws IOException {
    Path blobs = cluster.work.resolve("tmp").resolve("blobs");
    if (!Files.isDirectory(blobs)) {
      return false;
    }
    try (Stream<Path> s = Files.walk(blobs)) {
      return s.anyMatch(p -> {
        try {
          return Files.isRegularFile(p) && Files.size(p) == size;
        } catch (IOException e) {
          return false; // deleted meanwhile
        }
      });
    }
  }

  private static String newestJob(JsonNode jobs) {
    String id = null;
    long start = -1;
    for (JsonNode j : jobs) {
      if (j.get("start-time").asLong() > start) {
        start = j.get("start-time").asLong();
        id = j.get("jid").asText();
      }
    }
    return id;
  }

  private static Set<String> jobIds(JsonNode jobs) {
    Set<String> ids = new HashSet<>();
    jobs.forEach(j -> ids.add(j.get("jid").asText()));
    return ids;
  }

  private static JsonNode jobById(JsonNode jobs, String id) {
    for (JsonNode j : jobs) {
      if (j.get("jid").asText().equals(id)) {
        return j;
      }
    }
    throw new IllegalStateException("no job " + id);
  }

  private static String environ(long pid) throws IOException {
    return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), StandardCharsets.UTF_8).replace('\0', '\n');
  }

  private static String commandLine(long pid) throws IOException {
    return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
  }
}
