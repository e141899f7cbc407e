package io.buzzbeam.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.api.java.LocalEnvironment;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.junit.jupiter.api.Test;

/** {@link EarlyMiniCluster}: real Beam pipelines on a real Flink MiniCluster started early. */
class EarlyMiniClusterTest {
  private static final String LOCAL_CONF = "../runner-configs/flink/local-conf";

  private static FlinkPipelineOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(FlinkPipelineOptions.class);
  }

  private static FlinkPipelineOptions local(int parallelism) {
    return options(
        "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=" + parallelism,
        "--flinkConfDir=" + LOCAL_CONF);
  }

  /** The sum of 1..n, as a counter the job reports. */
  static class Report extends DoFn<Integer, Void> {
    @ProcessElement
    public void process(@Element Integer sum) {
      Metrics.counter("test", "sum").inc(sum);
    }
  }

  private static long sumOfOneTo(int n, FlinkPipelineOptions options) {
    Pipeline p = Pipeline.create(options);
    java.util.List<Integer> values = new java.util.ArrayList<>();
    for (int i = 1; i <= n; i++) {
      values.add(i);
    }
    p.apply(Create.of(values)).apply(Sum.integersGlobally()).apply(ParDo.of(new Report()));
    PipelineResult result = p.run();
    assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());
    MetricResult<Long> sum =
        result.metrics()
            .queryMetrics(MetricsFilter.builder().addNameFilter(MetricNameFilter.named("test", "sum")).build())
            .getCounters()
            .iterator()
            .next();
    return sum.getAttempted();
  }

  @Test
  void onlyALocalBatchFlinkRunStartsEarly() {
    assertNull(EarlyMiniCluster.install(local(2), DirectRunner.class));
    assertNull(EarlyMiniCluster.install(options("--flinkMaster=127.0.0.1:8081", "--parallelism=2"), FlinkRunner.class));
    FlinkPipelineOptions dataStream = local(2);
    dataStream.setUseDataStreamForBatch(true);
    assertNull(EarlyMiniCluster.install(dataStream, FlinkRunner.class));
    FlinkPipelineOptions streaming = local(2);
    streaming.setStreaming(true);
    assertNull(EarlyMiniCluster.install(streaming, FlinkRunner.class));
  }

  @Test
  void theConfigurationIsBeamsForLocalPlusTheLocalTarget() {
    Configuration config = EarlyMiniCluster.flinkConfiguration(LOCAL_CONF);
    assertEquals("127.0.0.1", config.get(RestOptions.BIND_ADDRESS), "from local-conf/config.yaml");
    assertEquals("local", config.get(DeploymentOptions.TARGET));
    assertTrue(config.get(DeploymentOptions.ATTACHED));
    assertTrue(config.contains(TaskManagerOptions.MANAGED_MEMORY_SIZE), "managed memory, as Beam sets it");
    assertEquals(
        3,
        EarlyMiniCluster.clusterConfiguration(config, 3).getConfiguration().get(TaskManagerOptions.NUM_TASK_SLOTS),
        "one TaskManager with a slot per parallel subtask, as Flink sizes a job's MiniCluster");
  }

  @Test
  void theJobRunsOnTheEarlyClusterAndTheContextIsResetAfter() throws Exception {
    FlinkPipelineOptions options = local(2);
    EarlyMiniCluster early = EarlyMiniCluster.install(options, FlinkRunner.class);
    assertNotNull(early);
    try (early) {
      assertEquals("[local]", options.getFlinkMaster(), "unchanged until the run uses it");
      early.useFor(options);
      assertEquals("[auto]", options.getFlinkMaster());
      assertEquals(5050L, sumOfOneTo(100, options));
      assertTrue(early.used());
    }
    assertTrue(ExecutionEnvironment.getExecutionEnvironment() instanceof LocalEnvironment, "context environment removed");
  }

  @Test
  void aJobOfAnotherShapeGetsItsOwnCluster() throws Exception {
    FlinkPipelineOptions options = local(2);
    try (EarlyMiniCluster early = EarlyMiniCluster.install(options, FlinkRunner.class)) {
      early.useFor(options);
      options.setParallelism(1); // the job now wants one slot, the early cluster has two
      assertEquals(55L, sumOfOneTo(10, options));
      assertFalse(early.used());
    }
  }
}
