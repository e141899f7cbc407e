package io.buzzbeam.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules of {@link ClusterBuild} without a cluster (RunnersAgreeTest checks them against a
 * real one): which classpath entry is the job jar copy cluster.sh made, the digest it is named
 * after, when a run is refused, and what a run stages for a cluster carrying its build or for a
 * JobManager that does not answer.
 */
class ClusterBuildTest {
  @TempDir Path tmp;

  @Test
  void theCopyIsFoundByItsNameInAJobManagersClasspathListing() {
    List<String> listing =
        List.of(
            "/srv/flink/lib/flink-runtime-1.19.3.jar",
            "/srv/flink/lib/beam-like-buzzbeam-job.jar",
            "/srv/flink/work/usrlib/buzzbeam-job-60f3adfb591b63b9.jar",
            "/srv/flink/work/usrlib/buzzbeam-job-0000000000000000.jar");
    assertEquals(Optional.of("60f3adfb591b63b9"), ClusterBuild.fromClasspath(listing));
    assertEquals(
        Optional.empty(),
        ClusterBuild.fromClasspath(List.of("/lib/flink-dist.jar", "/x/buzzbeam-job.jar", "/x/buzzbeam-job-60F3ADFB591B63B9.jar")));
  }

  @Test
  void theDigestIsTheFirstSixteenHexDigitsOfSha256AsCoreutilsPrintsIt() throws Exception {
    Path file = Files.writeString(tmp.resolve("job.jar"), "buzzbeam\n", StandardCharsets.UTF_8);
    // Computed by hand with `printf 'buzzbeam\n' | sha256sum | cut -c1-16`.
    assertEquals("2fa568a6c4fc6edb", ClusterBuild.digest(file));
    Process p = new ProcessBuilder("sha256sum", file.toString()).redirectErrorStream(true).start();
    String coreutils = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertEquals(0, p.waitFor());
    assertEquals(coreutils.substring(0, 16), ClusterBuild.digest(file));
  }

  @Test
  void aRunIsRefusedUnlessOneOfItsStagedFilesIsTheClustersBuild() {
    assertNull(ClusterBuild.mismatch("aaaaaaaaaaaaaaaa", List.of("bbbbbbbbbbbbbbbb", "aaaaaaaaaaaaaaaa"), List.of("/a.jar", "/b.jar")));
    String refused = ClusterBuild.mismatch("aaaaaaaaaaaaaaaa", List.of("bbbbbbbbbbbbbbbb"), List.of("/new/buzzbeam-job.jar"));
    assertEquals(
        "runs buzzbeam job jar aaaaaaaaaaaaaaaa from its own classpath, but this run stages bbbbbbbbbbbbbbbb"
            + " (/new/buzzbeam-job.jar): restart the cluster (runner-configs/flink/cluster.sh stop, then start)"
            + " so that it runs this build",
        refused);
    assertTrue(ClusterBuild.mismatch("aaaaaaaaaaaaaaaa", List.of(), List.of()).contains("this run stages no job jar"));
  }

  @Test
  void aJobManagerThatDoesNotAnswerLeavesTheFilesToTheSubmission() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    // Nothing listens there: no classpath, so no copy, no refusal and no stand-in (the submission
    // itself reports the unreachable cluster). The files are not even hashed.
    List<String> files = List.of("/nonexistent/buzzbeam-job.jar");
    assertSame(files, ClusterBuild.filesToStage("localhost:" + port, files));
  }

  @Test
  void aClusterCarryingThisBuildIsStagedNeitherItsJarNorNothing() {
    Path reference = Path.of("/tmp/reference.jar");
    // The job jar of the cluster's build is left out; other files (another digest, a directory) stay.
    assertEquals(
        List.of("/x/extra.jar", "/x/classes"),
        ClusterBuild.withoutTheClustersBuild(
            "aaaaaaaaaaaaaaaa",
            List.of("/x/buzzbeam-job.jar", "/x/extra.jar", "/x/classes"),
            Arrays.asList("aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb", null),
            () -> reference));
    // Nothing left: the stand-in, never an empty list (Beam would then stage the whole classpath).
    assertEquals(
        List.of(reference.toString()),
        ClusterBuild.withoutTheClustersBuild(
            "aaaaaaaaaaaaaaaa", List.of("/x/buzzbeam-job.jar"), List.of("aaaaaaaaaaaaaaaa"), () -> reference));
  }

  @Test
  void theStandInIsAManifestOnlyJarNamingTheBuildWithTheSameBytesEveryTime() throws Exception {
    Path a = ClusterBuild.referenceJar("60f3adfb591b63b9");
    Path b = ClusterBuild.referenceJar("60f3adfb591b63b9");
    assertNotEquals(a, b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertTrue(Files.size(a) < 1024, "size " + Files.size(a));
    try (JarFile jar = new JarFile(a.toFile())) {
      assertEquals(List.of(JarFile.MANIFEST_NAME), jar.stream().map(JarEntry::getName).toList());
      assertTrue(
          jar.getManifest().getMainAttributes().getValue("Buzzbeam-Job-Classes")
              .startsWith("buzzbeam-job-60f3adfb591b63b9.jar on the Flink cluster's classpath"));
    }
    assertNotEquals(
        ClusterBuild.digest(a), ClusterBuild.digest(ClusterBuild.referenceJar("0000000000000000")));
  }
}
