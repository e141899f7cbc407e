package io.buzzbeam.pipelines.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.PipelineResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TaskManager is SIGKILLed while a job runs on a real standalone cluster of two TaskManagers; a
 * new one is started; the job is restarted by the cluster's restart strategy and finishes with the
 * exact output and counters: nothing lost, nothing counted twice.
 */
class FlinkFaultToleranceTest {
  static final int FILES = 4;
  static final int LINES_PER_FILE = 300;
  static final int LINES = FILES * LINES_PER_FILE; // 1200
  static final long SLOW_MILLIS = 40; // 1200 lines * 40 ms / parallelism 2 = ~24 s per attempt

  @TempDir Path tmp;

  @Test
  @Timeout(1500)
  void jobSurvivesAKilledTaskManager() throws Exception {
    // Line i is "alpha beta{i%3} gamma{i%4}": alpha 1200, beta0..2 400 each, gamma0..3 300 each.
    Path input = Files.createDirectories(tmp.resolve("in"));
    for (int f = 0; f < FILES; f++) {
      try (BufferedWriter w = Files.newBufferedWriter(input.resolve("part-" + f + ".txt"))) {
        for (int j = 0; j < LINES_PER_FILE; j++) {
          int i = f * LINES_PER_FILE + j;
          w.write("alpha beta" + (i % 3) + " gamma" + (i % 4) + "\n");
        }
      }
    }
    List<String> expectedLines =
        List.of(
            "alpha\t1200", "beta0\t400", "beta1\t400", "beta2\t400", "gamma0\t300", "gamma1\t300",
            "gamma2\t300", "gamma3\t300");
    Map<String, Long> expectedMetrics =
        new TreeMap<>(
            Map.of(
                "lines", 1200L,
                "words", 3600L,
                "distinctWords", 8L,
                "wordLength.count", 3600L,
                "wordLength.sum", 1200L * (5 + 5 + 6), // alpha, betaN, gammaN
                "wordLength.min", 5L,
                "wordLength.max", 6L));

    long tAll = System.nanoTime();
    try (FlinkCluster cluster = new FlinkCluster(tmp.resolve("flink-work"));
        AutoCloseableExecutor exec = new AutoCloseableExecutor()) {
      cluster.jobJar();
      long t0 = System.nanoTime();
      cluster.start(2);
      System.out.printf("[timing] cluster.sh start 2: %.1f s%n", (System.nanoTime() - t0) / 1e9);

      Path out = tmp.resolve("out");
      Future<SmokeRun> job =
          exec.pool.submit(
              () ->
                  SmokeRun.run(
                      "flink-cluster", cluster.env(), input, out,
                      "--slowMillisPerLine=" + SLOW_MILLIS));

      // Wait until the source tasks run on the TaskManagers, then let them work for a while.
      String jobId = null;
      String victim = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
      while (victim == null) {
        assertTrue(System.nanoTime() < deadline, "the job did not start running on the cluster");
        if (job.isDone()) {
          job.get(); // throws if the job failed
          fail("the job finished before the fault was injected");
        }
        Thread.sleep(500);
        JsonNode jobs = cluster.rest("/jobs/overview").get("jobs");
        if (jobs.size() == 0) {
          continue;
        }
        jobId = jobs.get(0).get("jid").asText();
        for (JsonNode v : cluster.rest("/jobs/" + jobId).get("vertices")) {
          if (!v.get("name").asText().contains("Read/Read")) {
            continue;
          }
          JsonNode tms = cluster.rest("/jobs/" + jobId + "/vertices/" + v.get("id").asText() + "/taskmanagers");
          for (JsonNode tm : tms.get("taskmanagers")) {
            if (tm.get("status").asText().equals("RUNNING")) {
              victim = tm.get("taskmanager-id").asText();
            }
          }
        }
      }
      Thread.sleep(6000);
      assertEquals("RUNNING", cluster.rest("/jobs/" + jobId).get("state").asText(), "still running before the kill");

      long pid = cluster.taskManagerPid(victim);
      ProcessHandle tm = ProcessHandle.of(pid).orElseThrow();
      long tKill = System.nanoTime();
      assertTrue(tm.destroyForcibly(), "SIGKILL " + victim); // SIGKILL on Linux
      tm.onExit().get(30, TimeUnit.SECONDS);
      System.out.printf("[fault] SIGKILLed TaskManager %s (pid %d) of job %s%n", victim, pid, jobId);
      long tAdd = System.nanoTime();
      cluster.addTaskManager();
      System.out.printf("[timing] cluster.sh add-taskmanager: %.1f s%n", (System.nanoTime() - tAdd) / 1e9);

      SmokeRun run = job.get(900, TimeUnit.SECONDS);
      System.out.printf("[timing] job finished %.1f s after the kill%n", (System.nanoTime() - tKill) / 1e9);

      assertEquals(PipelineResult.State.DONE, run.state());
      assertEquals(List.of("counts-00000-of-00002.txt", "counts-00001-of-00002.txt"), run.outputFiles());
      assertEquals(expectedLines, run.sortedLines(), "same output, no duplicates");
      assertEquals(expectedMetrics, run.metrics(), "counters of the successful attempt only");

      // The cluster saw the failure and restarted the job.
      JsonNode history = cluster.rest("/jobs/" + jobId + "/exceptions").get("exceptionHistory").get("entries");
      assertTrue(history.size() >= 1, "a failure was recorded: " + history);
      String failure = history.get(0).toString();
      System.out.printf("[fault] recorded failure: %.300s%n", failure);
      assertEquals("FINISHED", cluster.rest("/jobs/" + jobId).get("state").asText());
      JsonNode tms = cluster.rest("/taskmanagers").get("taskmanagers");
      assertFalse(tms.toString().contains("\"" + victim + "\""), "the killed TaskManager is gone: " + tms);
    }
    System.out.printf("[timing] fault test total: %.1f s%n", (System.nanoTime() - tAll) / 1e9);
  }

  /** Runs the job client in the background; interrupted on close. */
  static final class AutoCloseableExecutor implements AutoCloseable {
    final ExecutorService pool = Executors.newSingleThreadExecutor();

    @Override
    public void close() throws InterruptedException {
      pool.shutdownNow();
      pool.awaitTermination(60, TimeUnit.SECONDS);
    }
  }
}
