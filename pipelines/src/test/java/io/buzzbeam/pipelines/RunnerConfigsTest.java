package io.buzzbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.pipelines.command.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerConfigsTest {
  @TempDir Path dir;
  final Map<String, String> env = Map.of("BUZZBEAM_HOME", "/srv/buzzbeam");

  /** The message of the usage error that {@code RunnerConfigs.apply(args)} throws. */
  private String usageError(String... args) {
    return assertThrows(
            UsageException.class, () -> RunnerConfigs.apply(args, dir, env), String.join(" ", args))
        .getMessage();
  }

  @BeforeEach
  void files() throws IOException {
    Files.writeString(
        dir.resolve("local.options"),
        "# a comment\n\n--runner=FlinkRunner\n  --flinkMaster=[local]  \n--parallelism=2\n#--ignored=1\n--objectReuse\n");
    Files.writeString(
        dir.resolve("cluster.options"),
        "--flinkMaster=127.0.0.1:${REST_PORT:-8081}\n"
            + "--filesToStage=pipelines/target/job.jar, /abs/other.jar,gs://bucket/x.jar\n"
            + "--jobName=${JOB}\n"
            + "--landing=landing/../landing\n");
  }

  @Test
  void withoutRunnerConfigArgsAreUnchanged() {
    String[] args = {"run", "--landing=x", "--parallelism=3"};
    assertArrayEquals(args, RunnerConfigs.apply(args, dir, env));
  }

  @Test
  void expandsInPlaceAndCommandLineWins() {
    String[] out =
        RunnerConfigs.apply(
            new String[] {"run", "--landing=x", "--runnerConfig=local", "--parallelism=4"}, dir, env);
    assertArrayEquals(
        new String[] {
          "run", "--landing=x", "--runner=FlinkRunner", "--flinkMaster=[local]", "--objectReuse",
          "--parallelism=4"
        },
        out);
  }

  @Test
  void commandLineFlagWithoutValueAlsoWins() {
    String[] out =
        RunnerConfigs.apply(new String[] {"--objectReuse=false", "--runnerConfig=local"}, dir, env);
    assertArrayEquals(
        new String[] {
          "--objectReuse=false", "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"
        },
        out);
  }

  @Test
  void unknownNameIsAUsageErrorNamingTheOption() {
    assertEquals(
        "--runnerConfig: unknown runner config 'nope' (known: cluster, local)",
        usageError("--runnerConfig=nope"));
  }

  @Test
  void emptyOrPathLikeNamesAreUsageErrors() {
    for (String arg : new String[] {"--runnerConfig", "--runnerConfig=", "--runnerConfig=../local"}) {
      String message = usageError(arg);
      assertTrue(message.startsWith("--runnerConfig"), message);
    }
  }

  @Test
  void givenTwiceIsAUsageError() {
    assertEquals(
        "--runnerConfig may be given only once", usageError("--runnerConfig=local", "--runnerConfig=cluster"));
  }

  @Test
  void expandsEnvironmentAndResolvesPathOptionsAgainstHome() {
    String[] out =
        RunnerConfigs.apply(
            new String[] {"--runnerConfig=cluster"},
            dir,
            Map.of("BUZZBEAM_HOME", "/srv/buzzbeam", "REST_PORT", "18081", "JOB", "nightly"));
    assertArrayEquals(
        new String[] {
          "--flinkMaster=127.0.0.1:18081",
          "--filesToStage=/srv/buzzbeam/pipelines/target/job.jar,/abs/other.jar,gs://bucket/x.jar",
          "--jobName=nightly",
          "--landing=/srv/buzzbeam/landing"
        },
        out);
  }

  @Test
  void defaultsApplyAndHomeFallsBackToTheRepositoryRoot() {
    String[] out =
        RunnerConfigs.apply(new String[] {"--runnerConfig=cluster"}, dir, Map.of("JOB", "j"));
    // Maven runs these tests in pipelines/, whose parent holds runner-configs/: that is the home.
    Path cwd = Paths.get("").toAbsolutePath();
    Path home = Files.isDirectory(cwd.resolve("runner-configs")) ? cwd : cwd.getParent();
    assertTrue(Files.isDirectory(home.resolve("runner-configs")), home.toString());
    assertEquals("--flinkMaster=127.0.0.1:8081", out[0]);
    assertEquals(
        "--filesToStage=" + home.resolve("pipelines/target/job.jar") + ",/abs/other.jar,gs://bucket/x.jar",
        out[1]);
  }

  @Test
  void unsetVariableWithoutDefaultIsAUsageError() {
    assertEquals(
        "--runnerConfig=cluster: cluster.options line 3: environment variable JOB is not set",
        usageError("--runnerConfig=cluster"));
  }

  @Test
  void malformedLinesAreUsageErrors() throws IOException {
    Files.writeString(dir.resolve("bad.options"), "--runner=FlinkRunner\nparallelism=2\n");
    Files.writeString(dir.resolve("dup.options"), "--a=1\n--a=2\n");
    Files.writeString(dir.resolve("nested.options"), "--runnerConfig=local\n");
    assertEquals(
        "--runnerConfig=bad: bad.options line 2 is not --option=value: 'parallelism=2'",
        usageError("--runnerConfig=bad"));
    assertEquals(
        "--runnerConfig=dup: dup.options line 2: --a is given twice",
        usageError("--runnerConfig=dup"));
    assertTrue(
        usageError("--runnerConfig=nested").startsWith("--runnerConfig=nested: nested.options line 1"));
  }

  /** The repository's own option sets are valid Beam options for their runners. */
  @Test
  void repositoryRunnerConfigsParseAsBeamOptions() {
    Path repoConfigs = Paths.get("..", "runner-configs").toAbsolutePath().normalize();
    Map<String, String> e =
        Map.of("BUZZBEAM_HOME", "/srv/buzzbeam", "BUZZBEAM_FLINK_REST_PORT", "18081");
    PipelineOptionsFactory.register(BuzzbeamOptions.class); // the configs also set buzzbeam's own options

    String[] cluster = RunnerConfigs.apply(new String[] {"--runnerConfig=flink-cluster"}, repoConfigs, e);
    FlinkPipelineOptions fc = PipelineOptionsFactory.fromArgs(cluster).as(FlinkPipelineOptions.class);
    assertEquals(FlinkRunner.class, fc.getRunner());
    assertEquals("127.0.0.1:18081", fc.getFlinkMaster());
    assertEquals(
        java.util.List.of("/srv/buzzbeam/pipelines/target/buzzbeam-job.jar"), fc.getFilesToStage());
    assertEquals(2, fc.getParallelism());
    assertTrue(fc.getFasterCopy());
    assertEquals("4194304", fc.as(BuzzbeamOptions.class).getMaxLineBytes());

    String[] local =
        RunnerConfigs.apply(
            new String[] {"--runnerConfig=flink-local", "--parallelism=1"}, repoConfigs, e);
    FlinkPipelineOptions fl = PipelineOptionsFactory.fromArgs(local).as(FlinkPipelineOptions.class);
    assertEquals("[local]", fl.getFlinkMaster());
    assertEquals(1, fl.getParallelism());

    String[] direct = RunnerConfigs.apply(new String[] {"--runnerConfig=direct"}, repoConfigs, e);
    DirectOptions d = PipelineOptionsFactory.fromArgs(direct).as(DirectOptions.class);
    assertEquals(DirectRunner.class, d.getRunner());
    assertEquals(2, d.getTargetParallelism());
  }
}
