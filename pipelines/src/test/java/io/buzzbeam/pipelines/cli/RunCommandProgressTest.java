package io.buzzbeam.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.buzzbeam.pipelines.BuzzbeamOptions;
import io.buzzbeam.pipelines.RunReport;
import io.buzzbeam.pipelines.command.CommandOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** Which runs can show counts while they go, and what a run on a standalone cluster shows instead. */
class RunCommandProgressTest {

  private static BuzzbeamOptions options(String... args) {
    PipelineOptionsFactory.register(BuzzbeamOptions.class);
    return CommandOptions.parseWithRegistered(args, BuzzbeamOptions.class);
  }

  @Test
  void embeddedRunnersCountWhileTheyRun() {
    assertNull(RunCommand.remoteWorkers(options("--runner=DirectRunner")));
    assertNull(RunCommand.remoteWorkers(options("--runner=FlinkRunner", "--flinkMaster=[local]")));
    // What EarlyMiniCluster turns [local] into once its MiniCluster is up.
    assertNull(RunCommand.remoteWorkers(options("--runner=FlinkRunner", "--flinkMaster=[auto]")));
    assertNull(RunCommand.remoteWorkers(options("--runner=FlinkRunner", "--flinkMaster=[collection]")));
  }

  @Test
  void aStandaloneClusterSaysWhereItRunsInsteadOfPrintingZeros() {
    String where =
        RunCommand.remoteWorkers(options("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081"));
    assertEquals("the Flink cluster at 127.0.0.1:8081", where);
    assertEquals(
        "[progress 36.5 s] running on the Flink cluster at 127.0.0.1:8081"
            + " (the workers' counts reach this client when the job ends)",
        RunReport.remoteProgressLine(36_500, where));
  }
}
