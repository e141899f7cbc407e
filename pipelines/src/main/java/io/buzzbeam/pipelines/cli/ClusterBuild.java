package io.buzzbeam.pipelines.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.buzzbeam.pipelines.command.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * What a run on a Flink cluster stages: refused when the cluster's JVMs carry another build of
 * buzzbeam's job classes, no job jar when they carry this one.
 *
 * <p>{@code runner-configs/flink/cluster.sh start} puts a copy of the job jar, named after its
 * SHA-256 ({@code buzzbeam-job-<16 hex digits>.jar}), on every cluster JVM's classpath and has
 * Flink resolve classes parent-first, so that the job's classes stay loaded and JIT-compiled from
 * one run to the next. A job then runs the cluster's classes, not the ones in the jar it uploads:
 * after a rebuild, without a cluster restart, a run would silently execute the old code. The
 * JobManager lists its classpath at {@code GET /jobmanager/environment}; when that names such a
 * copy, one of the files the run is given to stage must have the same digest. A cluster without a copy
 * (another Flink cluster, or {@code BUZZBEAM_FLINK_JOB_CLASSES=off}) and a JobManager that does not
 * answer are left to the submission itself.
 *
 * <p>When the cluster carries this very build, the run does not upload the job jar: the JobManager
 * would store its ~100 MB and every TaskManager fetch it and open a class loader over it, only to
 * resolve every class from its own copy. A manifest-only jar naming the build is staged in its
 * place (Beam stages the whole classpath when it is given nothing): about 1 s less per run (zone A,
 * README "Performance").
 */
public final class ClusterBuild {
  private static final Pattern COPY = Pattern.compile("(?:^|/)buzzbeam-job-([0-9a-f]{16})\\.jar$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ClusterBuild() {}

  /**
   * The files a run on the cluster at {@code master} (host:port) stages instead of {@code
   * filesToStage}: the same when the cluster carries no copy of the job jar; without the jar of the
   * cluster's build (a manifest-only jar naming it when nothing else is left) when it carries this
   * build. Throws {@link UsageException} when it carries another build.
   */
  public static List<String> filesToStage(String master, List<String> filesToStage) {
    Optional<String> cluster = fromClasspath(classpath(master));
    if (cluster.isEmpty()) {
      return filesToStage;
    }
    List<String> files = filesToStage == null ? List.of() : filesToStage;
    List<String> digests = new ArrayList<>();
    for (String file : files) {
      Path p = Paths.get(file);
      digests.add(Files.isRegularFile(p) ? digest(p) : null);
    }
    String mismatch = mismatch(cluster.get(), digests.stream().filter(d -> d != null).toList(), files);
    if (mismatch != null) {
      throw new UsageException("the Flink cluster at " + master + " " + mismatch);
    }
    return withoutTheClustersBuild(cluster.get(), files, digests, () -> referenceJar(cluster.get()));
  }

  /** {@code files} less those of digest {@code cluster}; the reference jar if that leaves none. */
  static List<String> withoutTheClustersBuild(
      String cluster, List<String> files, List<String> digests, Supplier<Path> reference) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      if (!cluster.equals(digests.get(i))) {
        kept.add(files.get(i));
      }
    }
    if (kept.isEmpty()) {
      kept.add(reference.get().toString());
    }
    return kept;
  }

  /**
   * A jar with nothing but a manifest naming build {@code digest}, staged in place of the job jar a
   * cluster already carries (a temporary file, deleted when this JVM exits). Its bytes depend on the
   * digest only, so the JobManager's content-addressed blob store keeps one copy of it.
   */
  public static Path referenceJar(String digest) {
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Buzzbeam-Job-Classes", "buzzbeam-job-" + digest + ".jar on the Flink cluster's classpath"
        + " (runner-configs/flink/cluster.sh start); this jar stands in for it");
    try {
      Path jar = Files.createTempFile("buzzbeam-job-" + digest + "-on-cluster-", ".jar");
      jar.toFile().deleteOnExit();
      try (OutputStream out = Files.newOutputStream(jar);
          ZipOutputStream zip = new ZipOutputStream(out)) {
        ZipEntry entry = new ZipEntry(JarFile.MANIFEST_NAME);
        entry.setTime(0L); // the same bytes from every run
        zip.putNextEntry(entry);
        manifest.write(zip);
        zip.closeEntry();
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException("writing the job jar's stand-in", e);
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
