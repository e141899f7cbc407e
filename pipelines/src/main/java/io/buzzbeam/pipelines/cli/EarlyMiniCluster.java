package io.buzzbeam.pipelines.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.client.deployment.executors.LocalExecutor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Flink MiniCluster of a {@code --flinkMaster=[local]} batch run, started on a second
 * thread when the run begins instead of after the pipeline is translated.
 *
 * <p>Why: Beam's FlinkRunner translates the pipeline on one thread (about 3 s here) and only then
 * lets Flink start the MiniCluster (another 2.5 s: RPC services, blob server, TaskManager), while
 * the second core idles. Started early, the cluster is up by the time the job is submitted.
 *
 * <p>How, without changing what runs: {@link #install} builds the Flink configuration exactly as
 * Beam 2.70's {@code FlinkExecutionEnvironments} does for {@code [local]} (the {@code
 * --flinkConfDir} file, managed memory as a fraction of the free heap, no leaked-classloader
 * check), starts a MiniCluster from it with the slots Flink would give the job, and installs a
 * Flink context environment whose executor is Flink's own {@link LocalExecutor} handed that
 * cluster. The run's {@code --flinkMaster} becomes {@code [auto]}, which makes Beam use the
 * context environment. If the job asks for a different cluster shape than the one started (its
 * parallelism differs from {@code --parallelism}), the early cluster is shut down and Flink starts
 * its own as before. Flink shuts the cluster down when the job ends; {@link #close} makes sure
 * of it on every other path.
 */
final class EarlyMiniCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EarlyMiniCluster.class);
  static final String LOCAL = "[local]";
  static final String AUTO = "[auto]";

  private final Background cluster;

  private EarlyMiniCluster(Background cluster) {
    this.cluster = cluster;
  }

  /**
   * Starts the cluster of a local batch Flink run (see {@link #useFor}); {@code null} for any
   * other run.
   */
  static @Nullable EarlyMiniCluster install(FlinkPipelineOptions options, Class<?> runner) {
    if (runner != FlinkRunner.class
        || !LOCAL.equals(options.getFlinkMaster())
        || options.isStreaming()
        || options.getUseDataStreamForBatch()
        || options.getParallelism() == null
        || options.getParallelism() < 1) {
      return null;
    }
    Configuration config = flinkConfiguration(options.getFlinkConfDir());
    Background cluster = new Background(clusterConfiguration(config, options.getParallelism()));
    cluster.startInBackground();
    Environment.install(config, cluster);
    return new EarlyMiniCluster(cluster);
  }

  /**
   * Points the run at the early cluster: {@code --flinkMaster} becomes {@code [auto]}. Called just
   * before the pipeline is built, so the options stay as the user gave them until then.
   */
  void useFor(FlinkPipelineOptions options) {
    options.setFlinkMaster(AUTO);
  }

  /** As Beam's {@code FlinkExecutionEnvironments.createBatchExecutionEnvironment} for {@code [local]}, plus {@code LocalEnvironment}'s target. */
  static Configuration flinkConfiguration(@Nullable String confDir) {
    Configuration config =
        confDir == null || confDir.isEmpty()
            ? GlobalConfiguration.loadConfiguration()
            : GlobalConfiguration.loadConfiguration(confDir);
    if (!config.containsKey(TaskManagerOptions.MANAGED_MEMORY_SIZE.key())) {
      float fraction = config.get(TaskManagerOptions.MANAGED_MEMORY_FRACTION);
      long bytes = (long) (EnvironmentInformation.getSizeOfFreeHeapMemoryWithDefrag() * fraction);
      config.setString(TaskManagerOptions.MANAGED_MEMORY_SIZE.key(), String.valueOf(bytes));
    }
    if (!config.containsKey("classloader.check-leaked-classloader")) {
      config.setBoolean("classloader.check-leaked-classloader", false);
    }
    config.set(DeploymentOptions.TARGET, LocalExecutor.NAME);
    config.set(DeploymentOptions.ATTACHED, true);
    return config;
  }

  /** As Flink's {@code PerJobMiniClusterFactory} sizes the cluster of a job of this parallelism. */
  static MiniClusterConfiguration clusterConfiguration(Configuration flink, int parallelism) {
    Configuration config = new Configuration(flink);
    if (!config.contains(RestOptions.BIND_PORT)) {
      config.set(RestOptions.BIND_PORT, "0");
    }
    int taskManagers = config.get(TaskManagerOptions.MINI_CLUSTER_NUM_TASK_MANAGERS);
    int slots =
        config.getOptional(TaskManagerOptions.NUM_TASK_SLOTS)
            .orElse((parallelism + taskManagers - 1) / taskManagers);
    return new MiniClusterConfiguration.Builder()
        .setConfiguration(config)
        .setNumTaskManagers(taskManagers)
        .setRpcServiceSharing(RpcServiceSharing.SHARED)
        .setNumSlotsPerTaskManager(slots)
        .build();
  }

  /** True once Flink took the early cluster for the job (for tests). */
  boolean used() {
    return cluster.handedOver;
  }

  @Override
  public void close() throws Exception {
    Environment.uninstall();
    // Idempotent: after a job Flink has shut it down already.
    cluster.closeAsync().get(30, TimeUnit.SECONDS);
  }

  /** A MiniCluster whose {@link #start} waits for the start begun in the background. */
  private static final class Background extends MiniCluster {
    private final MiniClusterConfiguration configuration;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile boolean handedOver;

    Background(MiniClusterConfiguration configuration) {
      super(configuration);
      this.configuration = configuration;
    }

    void startInBackground() {
      Thread t =
          new Thread(
              () -> {
                try {
                  super.start();
                  started.complete(null);
                } catch (Throwable e) {
                  started.completeExceptionally(e);
                }
              },
              "buzzbeam-minicluster-start");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void start() throws Exception {
      try {
        started.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
      }
    }

    private static int slots(MiniClusterConfiguration c) {
      return c.getConfiguration().get(TaskManagerOptions.NUM_TASK_SLOTS);
    }

    /** This cluster for a job that fits its shape; otherwise a fresh one, as Flink would make. */
    MiniCluster forJob(MiniClusterConfiguration wanted) {
      if (!handedOver
          && wanted.getNumTaskManagers() == configuration.getNumTaskManagers()
          && slots(wanted) == slots(configuration)) {
        handedOver = true;
        return this;
      }
      LOG.info("the job wants a different Flink MiniCluster than the one started early; starting its own");
      closeAsync();
      return new MiniCluster(wanted);
    }
  }

  /** The context environment: Flink's {@link LocalExecutor}, handed the early cluster. */
  private static final class Environment extends ExecutionEnvironment {
    private Environment(Configuration config, Background cluster) {
      super(executors(cluster), config, Thread.currentThread().getContextClassLoader());
    }

    static void install(Configuration config, Background cluster) {
      initializeContextEnvironment(() -> new Environment(config, cluster));
    }

    static void uninstall() {
      resetContextEnvironment();
    }

    private static PipelineExecutorServiceLoader executors(Background cluster) {
      PipelineExecutorFactory local =
          new PipelineExecutorFactory() {
            @Override
            public String getName() {
              return LocalExecutor.NAME;
            }

            @Override
            public boolean isCompatibleWith(Configuration configuration) {
              return LocalExecutor.NAME.equals(configuration.get(DeploymentOptions.TARGET));
            }

            @Override
            public LocalExecutor getExecutor(Configuration configuration) {
              return LocalExecutor.createWithFactory(configuration, cluster::forJob);
            }
          };
      return new PipelineExecutorServiceLoader() {
        @Override
        public PipelineExecutorFactory getExecutorFactory(Configuration configuration) {
          return local;
        }

        @Override
        public java.util.stream.Stream<String> getExecutorNames() {
          return java.util.stream.Stream.of(LocalExecutor.NAME);
        }
      };
    }
  }
}
