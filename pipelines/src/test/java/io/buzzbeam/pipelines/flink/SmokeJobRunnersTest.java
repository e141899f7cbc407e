package io.buzzbeam.pipelines.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same Beam job on the DirectRunner, Flink [local] (MiniCluster in this JVM) and a real
 * standalone Flink cluster (JobManager + TaskManager JVMs started by cluster.sh, job submitted over
 * REST with buzzbeam-job.jar staged, and again through Flink's own {@code flink run} client) writes
 * the same output and reports the same counters; every run is checked against the hand-counted
 * expectations below.
 */
class SmokeJobRunnersTest {
  @TempDir static Path tmp;
  static Path input;

  /** Counted by hand from the two input files. */
  static final List<String> EXPECTED_LINES =
      List.of(
          "barks\t1", "brown\t1", "dog\t2", "fox\t3", "lazy\t1", "quick\t1", "the\t3", "오늘도\t1",
          "육아일기\t2");

  static final Map<String, Long> EXPECTED_METRICS =
      new TreeMap<>(
          Map.of(
              "lines", 6L, // 3 + 3 lines, one of them empty
              "emptyLines", 1L,
              "words", 15L, // 4 + 3 + 3 + 2 + 3
              "distinctWords", 9L,
              "wordLength.count", 15L,
              "wordLength.sum", 54L, // the 3+3+3, quick 5, brown 5, fox 3+3+3, lazy 4, dog 3+3, barks 5,
              // 오늘도 3, 육아일기 4+4
              "wordLength.min", 3L,
              "wordLength.max", 5L));

  static final List<String> EXPECTED_FILES =
      List.of("counts-00000-of-00002.txt", "counts-00001-of-00002.txt");

  static FlinkCluster cluster;

  @BeforeAll
  static void input() throws IOException {
    input = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(input.resolve("a.txt"), "the quick brown fox\n\nthe lazy dog\n", StandardCharsets.UTF_8);
    Files.writeString(
        input.resolve("b.txt"), "The DOG barks\nfox, fox!\n오늘도 육아일기 #육아일기\n", StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  static void check(SmokeRun run) {
    assertEquals(PipelineResult.State.DONE, run.state());
    assertEquals(EXPECTED_FILES, run.outputFiles(), "output files (no temp files left)");
    assertEquals(EXPECTED_LINES, run.sortedLines());
    assertEquals(EXPECTED_METRICS, run.metrics());
  }

  @Test
  @Timeout(300)
  void directRunner() throws IOException {
    check(SmokeRun.run("direct", Map.of(), input, tmp.resolve("direct")));
  }

  @Test
  @Timeout(300)
  void flinkLocal() throws IOException {
    check(SmokeRun.run("flink-local", Map.of(), input, tmp.resolve("flink-local")));
  }

  @Test
  @Timeout(1200)
  void flinkStandaloneCluster() throws Exception {
    cluster = new FlinkCluster(tmp.resolve("flink-work"));
    Path jar = cluster.jobJar();
    long t0 = System.nanoTime();
    cluster.start(1);
    System.out.printf("[timing] cluster.sh start 1: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    String status = cluster.script(60, "status");
    assertTrue(status.contains("registered taskmanagers: 1 tm-1"), status);
    IllegalStateException again = assertThrows(IllegalStateException.class, () -> cluster.start(1));
    assertTrue(again.getMessage().contains("already running"), again.getMessage());
    List<Long> pids =
        List.of(
            Long.parseLong(Files.readString(cluster.work.resolve("jobmanager.pid")).strip()),
            cluster.taskManagerPid("tm-1"));

    SmokeRun run = SmokeRun.run("flink-cluster", cluster.env(), input, tmp.resolve("flink-cluster"));
    check(run);

    // It really ran on the cluster: one finished job there.
    var jobs = cluster.rest("/jobs/overview").get("jobs");
    assertEquals(1, jobs.size());
    assertEquals("FINISHED", jobs.get(0).get("state").asText());
    System.out.printf(
        "[timing] cluster job duration (Flink): %.1f s, job jar %s: %.1f MB%n",
        jobs.get(0).get("duration").asLong() / 1e3, jar, Files.size(jar) / 1e6);

    // The other way in: Flink's own client (`flink run`) with the job jar and a main class.
    Path out = tmp.resolve("flink-run");
    long t1 = System.nanoTime();
    String stdout =
        cluster.script(
            600, "flink", "run", "-c", SmokeJob.class.getName(), jar.toString(),
            "--runner=FlinkRunner", "--flinkMaster=[auto]",
            "--input=" + input.resolve("*.txt"), "--output=" + out.resolve("counts"));
    System.out.printf("[timing] cluster.sh flink run SmokeJob: %.1f s%n", (System.nanoTime() - t1) / 1e9);
    assertTrue(stdout.contains("SmokeJob DONE on FlinkRunner"), stdout);
    Map<String, Long> printed = new TreeMap<>();
    Matcher m = Pattern.compile("(?m)^  (\\S+) = (-?\\d+)$").matcher(stdout);
    while (m.find()) {
      printed.put(m.group(1), Long.parseLong(m.group(2)));
    }
    assertEquals(EXPECTED_METRICS, printed, "counters printed by the job's main under flink run");
    List<String> lines = new ArrayList<>();
    for (String f : EXPECTED_FILES) {
      lines.addAll(Files.readAllLines(out.resolve(f), StandardCharsets.UTF_8));
    }
    lines.sort(null);
    assertEquals(EXPECTED_LINES, lines);
    assertEquals(2, cluster.rest("/overview").get("jobs-finished").asInt());

    // stop ends exactly the processes start recorded
    cluster.stop();
    for (long pid : pids) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " stopped");
    }
  }
}
