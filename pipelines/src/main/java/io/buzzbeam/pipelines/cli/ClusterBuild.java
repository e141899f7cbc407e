package io.buzzbeam.pipelines.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.buzzbeam.pipelines.command.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses a run on a Flink cluster whose JVMs carry another build of buzzbeam's job classes.
 *
 * <p>{@code runner-configs/flink/cluster.sh start} puts a copy of the job jar, named after its
 * SHA-256 ({@code buzzbeam-job-<16 hex digits>.jar}), on every cluster JVM's classpath and has
 * Flink resolve classes parent-first, so that the job's classes stay loaded and JIT-compiled from
 * one run to the next. A job then runs the cluster's classes, not the ones in the jar it uploads:
 * after a rebuild, without a cluster restart, a run would silently execute the old code. The
 * JobManager lists its classpath at {@code GET /jobmanager/environment}; when that names such a
 * copy, one of the files the run stages must have the same digest. A cluster without a copy
 * (another Flink cluster, or {@code BUZZBEAM_FLINK_JOB_CLASSES=off}) and a JobManager that does not
 * answer are left to the submission itself.
 */
public final class ClusterBuild {
  private static final Pattern COPY = Pattern.compile("(?:^|/)buzzbeam-job-([0-9a-f]{16})\\.jar$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClusterBuild() {}

  /** Throws {@link UsageException} when the cluster at {@code master} (host:port) runs another build. */
  public static void check(String master, List<String> filesToStage) {
    Optional<String> cluster = fromClasspath(classpath(master));
    if (cluster.isEmpty()) {
      return;
    }
    List<String> staged = new ArrayList<>();
    for (String file : filesToStage == null ? List.<String>of() : filesToStage) {
      Path p = Paths.get(file);
      if (Files.isRegularFile(p)) {
        staged.add(digest(p));
      }
    }
    String mismatch = mismatch(cluster.get(), staged, filesToStage);
    if (mismatch != null) {
      throw new UsageException("the Flink cluster at " + master + " " + mismatch);
    }
  }

  /** Why a run must not go to a cluster carrying build {@code cluster}, or null when it may. */
  static String mismatch(String cluster, List<String> stagedDigests, List<String> filesToStage) {
    if (stagedDigests.contains(cluster)) {
      return null;
    }
    return "runs buzzbeam job jar " + cluster + " from its own classpath, but this run stages "
        + (stagedDigests.isEmpty() ? "no job jar" : String.join(", ", stagedDigests) + " (" + String.join(", ", filesToStage) + ")")
        + ": restart the cluster (runner-configs/flink/cluster.sh stop, then start) so that it runs this build";
  }

  /** The build (16 hex digits) of the first job jar copy in a JobManager's classpath listing. */
  static Optional<String> fromClasspath(List<String> classpath) {
    for (String entry : classpath) {
      Matcher m = COPY.matcher(entry);
      if (m.find()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  /** The first 16 hex digits of a file's SHA-256, as cluster.sh names its copy ({@code sha256sum | cut -c1-16}). */
  public static String digest(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JobManager's classpath, or nothing when it does not answer (the submission will say why). */
  private static List<String> classpath(String master) {
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://" + master + "/jobmanager/environment"))
              .timeout(Duration.ofSeconds(10))
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return List.of();
      }
      List<String> entries = new ArrayList<>();
      for (JsonNode entry : JSON.readTree(response.body()).path("classpath")) {
        entries.add(entry.asText());
      }
      return entries;
    } catch (IOException | IllegalArgumentException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }
}
