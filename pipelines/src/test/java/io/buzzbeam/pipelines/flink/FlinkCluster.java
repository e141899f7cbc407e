package io.buzzbeam.pipelines.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real standalone Flink cluster for tests, driven through {@code runner-configs/flink/cluster.sh}
 * (so the tests exercise the script itself): free, non-default REST and RPC ports, its own work
 * dir, and stopped on {@link #close()} or, failing that, at JVM exit.
 */
final class FlinkCluster implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final Path repo;
  final Path work;
  final int restPort;
  final int rpcPort;
  /** More environment for cluster.sh and so for the JobManager and TaskManagers it starts. */
  final Map<String, String> processEnv;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Thread shutdownHook;
  private boolean stopped;

  FlinkCluster(Path work) {
    this(work, Map.of());
  }

  FlinkCluster(Path work, Map<String, String> processEnv) {
    this.processEnv = Map.copyOf(processEnv);
    this.repo = repoRoot();
    this.work = work;
    this.restPort = freePort();
    int rpc = freePort();
    while (rpc == restPort) {
      rpc = freePort();
    }
    this.rpcPort = rpc;
    this.shutdownHook = new Thread(this::stopQuietly, "flink-cluster-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The repository root: the first directory upwards holding runner-configs/flink/cluster.sh. */
  static Path repoRoot() {
    Path p = Paths.get("").toAbsolutePath();
    while (p != null && !Files.isRegularFile(p.resolve("runner-configs/flink/cluster.sh"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no runner-configs/flink/cluster.sh above " + Paths.get("").toAbsolutePath());
    }
    return p;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Environment for cluster.sh and for RunnerConfigs (BUZZBEAM_FLINK_REST_PORT, BUZZBEAM_HOME). */
  Map<String, String> env() {
    return Map.of(
        "BUZZBEAM_HOME", repo.toString(),
        "BUZZBEAM_FLINK_WORK", work.toString(),
        "BUZZBEAM_FLINK_REST_PORT", Integer.toString(restPort),
        "BUZZBEAM_FLINK_RPC_PORT", Integer.toString(rpcPort),
        "BUZZBEAM_FLINK_START_TIMEOUT", "240");
  }

  /** Runs {@code cluster.sh args...}; returns its output (stdout + stderr); fails on a non-zero exit. */
  String script(long timeoutSeconds, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("bash");
    cmd.add(repo.resolve("runner-configs/flink/cluster.sh").toString());
    cmd.addAll(List.of(args));
    Files.createDirectories(work);
    Path out = Files.createTempFile(work, "cluster-sh-", ".out");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().putAll(env());
    pb.environment().putAll(processEnv);
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " timed out: " + Files.readString(out));
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    Files.deleteIfExists(out);
    if (p.exitValue() != 0) {
      throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " exited " + p.exitValue() + ":\n" + text);
    }
    return text;
  }

  String start(int taskManagers) throws IOException, InterruptedException {
    return script(300, "start", Integer.toString(taskManagers));
  }

  String addTaskManager() throws IOException, InterruptedException {
    return script(300, "add-taskmanager");
  }

  /** pipelines/target/buzzbeam-job.jar, built by cluster.sh if missing or older than the sources. */
  Path jobJar() throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    String out = script(900, "job-jar").strip();
    System.out.printf("[timing] cluster.sh job-jar (builds only if missing or stale): %.1f s%n", (System.nanoTime() - t0) / 1e9);
    // The last line is the jar's path (Maven's build output, which goes to stderr, may end with
    // terminal escape codes and no newline).
    String last = out.substring(out.lastIndexOf('\n') + 1);
    return Paths.get(last.substring(last.indexOf('/')));
  }

  /** The pid of TaskManager {@code tm-N} (its resource id), from cluster.sh's pid file. */
  long taskManagerPid(String resourceId) throws IOException {
    String n = resourceId.substring(resourceId.indexOf('-') + 1);
    return Long.parseLong(Files.readString(work.resolve("taskmanager-" + n + ".pid")).strip());
  }

  JsonNode rest(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + " -> " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  void stop() throws IOException, InterruptedException {
    if (!stopped) {
      stopped = true;
      script(120, "stop");
    }
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (Exception e) {
      System.err.println("stopping the Flink test cluster failed: " + e);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      stop();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // already shutting down
      }
    }
  }
}
