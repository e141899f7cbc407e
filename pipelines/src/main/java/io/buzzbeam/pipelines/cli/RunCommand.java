package io.buzzbeam.pipelines.cli;

import io.buzzbeam.transforms.quality.RunCounter;
import io.buzzbeam.pipelines.BuzzbeamOptions;
import io.buzzbeam.pipelines.BuzzbeamPipeline;
import io.buzzbeam.pipelines.RejectRatioGate;
import io.buzzbeam.pipelines.RunIds;
import io.buzzbeam.pipelines.RunReport;
import io.buzzbeam.pipelines.RunSettings;
import io.buzzbeam.pipelines.RunSettings.Sink;
import io.buzzbeam.pipelines.RunnerConfigs;
import io.buzzbeam.pipelines.command.Command;
import io.buzzbeam.pipelines.command.CommandOptions;
import io.buzzbeam.pipelines.command.UsageException;
import io.buzzbeam.pipelines.embedded.EmbeddedServers;
import io.buzzbeam.transforms.keywords.KoreanTokenizer;
import io.buzzbeam.transforms.keywords.TokenizerKind;
import io.buzzbeam.transforms.tables.Tables;
import io.buzzbeam.pipelines.sinks.JdbcTarget;
import io.buzzbeam.pipelines.sinks.PipelineRuns;
import io.buzzbeam.pipelines.collect.AlertWebhook;
import io.buzzbeam.pipelines.publish.Publisher;
import io.buzzbeam.pipelines.publish.SpikeAlerts;
import io.buzzbeam.pipelines.publish.RunLock;
import io.buzzbeam.pipelines.publish.ServerWatch;
import io.buzzbeam.pipelines.publish.StagingTables;
import java.io.PrintStream;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;

/**
 * {@code ./buzzbeam run}: parses and checks the options, starts the embedded servers that no URL
 * replaces, runs the pipeline with a progress line every few seconds, prints the end-of-run report
 * and returns the exit status of SPEC §7 (0 ok, 1 failure, 3 reject-ratio gate tripped).
 */
public final class RunCommand implements Command {

  /** What the demo needs after a run, while the embedded servers are still up. */
  public interface AfterRun {
    void accept(JdbcTarget jdbc, RunReport report) throws Exception;
  }

  private final PrintStream out;
  private final PrintStream err;

  public RunCommand(PrintStream out) {
    this(out, System.err);
  }

  /** {@code err} gets the warnings (an alert the {@code --alertWebhook} did not take). */
  public RunCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public String name() {
    return "run";
  }

  @Override
  public String summary() {
    return "run the pipeline: --landing=DIR [--from --to --timezone --sinks --jdbcUrl --mongoUri --runner ...]";
  }

  @Override
  public int run(String[] args) throws Exception {
    return execute(args, null);
  }

  @Override
  public String[] helpNotes() {
    return new String[] {RUNNER_NOTE};
  }

  @Override
  public Class<BuzzbeamOptions> options() {
    return BuzzbeamOptions.class;
  }

  /** What {@code run --help} adds to the options of {@link BuzzbeamOptions}. */
  static final String RUNNER_NOTE =
      "Runner options: --runner (DirectRunner, FlinkRunner) and the runner's own (e.g. --flinkMaster=HOST:PORT,"
          + " --parallelism=4) come from --runnerConfig (default " + RunCommand.DEFAULT_RUNNER_CONFIG + ") or the command line;"
          + " see runner-configs/README.md.";

  /** Parses the Beam-style arguments into checked options; bad usage throws {@link UsageException}. */
  public static BuzzbeamOptions parseOptions(String[] args) {
    return parseOptions(args, BuzzbeamOptions.class);
  }

  /** As {@link #parseOptions(String[])}, as {@code iface}, which extends {@link BuzzbeamOptions}. */
  static <T extends BuzzbeamOptions> T parseOptions(String[] args, Class<T> iface) {
    String[] expanded = RunnerConfigs.apply(withDefaultRunner(args), RunnerConfigs.defaultDir());
    PipelineOptionsFactory.register(BuzzbeamOptions.class);
    return CommandOptions.parseWithRegistered(expanded, iface);
  }

  /**
   * Without {@code --runner} or {@code --runnerConfig}, a run uses {@value #DEFAULT_RUNNER_CONFIG}:
   * Flink's embedded MiniCluster. The DirectRunner ({@code --runner=DirectRunner}) gives the same
   * rows, slower (no fusion of steps, and costs per bundle; see {@code CombinePerKeyInShards}).
   */
  static final String DEFAULT_RUNNER_CONFIG = "flink-local";

  static String[] withDefaultRunner(String[] args) {
    if (CommandOptions.mentions(args, "runner") || CommandOptions.mentions(args, RunnerConfigs.OPTION)) {
      return args;
    }
    String[] withDefault = new String[args.length + 1];
    withDefault[0] = "--" + RunnerConfigs.OPTION + "=" + DEFAULT_RUNNER_CONFIG;
    System.arraycopy(args, 0, withDefault, 1, args.length);
    return withDefault;
  }

  public int execute(String[] args, AfterRun afterRun) throws Exception {
    return execute(parseOptions(args), args, afterRun);
  }

  /** Runs with {@code options} parsed from {@code args} (what the user gave, for defaults that depend on it). */
  int execute(BuzzbeamOptions options, String[] args, AfterRun afterRun) throws Exception {
    RunSettings settings = RunSettings.of(options);
    RunIds.Listing landingFiles = RunIds.list(settings);
    String runId = options.getRunId() != null ? options.getRunId() : RunIds.derive(settings, landingFiles);
    String runner = options.getRunner().getSimpleName();
    if (remoteWorkers(options) != null) {
      // Before anything starts or is recorded: a cluster carrying another build's classes would
      // run those instead of this build's; one carrying this build needs no copy of its jar.
      FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
      flink.setFilesToStage(ClusterBuild.filesToStage(flink.getFlinkMaster(), flink.getFilesToStage()));
    }
    // The run's day (UTC) is taken once, here: the stage files its dead letters under it.
    java.time.LocalDate runDay = java.time.LocalDate.now(java.time.ZoneOffset.UTC);

    // The embedded servers that no URL replaces, each started when its sink first needs it.
    EmbeddedServers servers =
        new EmbeddedServers(settings.dataDir, options.getJdbcUrl(), options.getJdbcUser(), options.getMongoUri(), 0, 0);
    RunLock lock = null;
    StagingTables staging = null;
    Throwable failure = null;
    EarlyMiniCluster early = null;
    try {
      // A local Flink run's MiniCluster starts now, on another thread, while the servers start and
      // the pipeline is built and translated (see EarlyMiniCluster).
      early = EarlyMiniCluster.install(options.as(FlinkPipelineOptions.class), options.getRunner());
      if (settings.tokenizer == TokenizerKind.OKT && (early != null || options.getRunner() == DirectRunner.class)) {
        // The workers share this JVM and its one set of open-korean-text dictionaries: loaded on
        // a spare thread now, they are not loaded on the job's critical path later.
        Thread dictionaries = new Thread(KoreanTokenizer::loadDictionaries, "buzzbeam-okt-dictionaries");
        dictionaries.setDaemon(true);
        dictionaries.start();
      }
      JdbcTarget jdbc = null;
      if (settings.has(Sink.JDBC)) {
        jdbc = servers.jdbcTarget();
        if (servers.postgres() != null) {
          out.println("embedded PostgreSQL: " + servers.postgres().url());
        }
        // Every connection of the run, the workers' too, gets the timeouts with the target.
        jdbc = jdbc.withTimeouts(settings.jdbcTimeouts);
        // Before anything is written: one run at a time, tables as the catalogue says, dead runs
        // and their staging tables cleared, this run recorded as running. The lock's connection
        // also publishes, so it has no statement timeout (ServerWatch bounds the publish).
        lock = RunLock.acquire(jdbc.withoutStatementTimeout(), java.time.Duration.ofSeconds(options.getLockWaitSeconds()));
        Connection c = lock.connection();
        Tables.ensureAll(c);
        int abandoned = PipelineRuns.abandonDead(c, runId);
        if (abandoned > 0) {
          out.println("marked " + abandoned + " run(s) that died before finishing as failed (abandoned)");
        }
        StagingTables.dropLeftovers(c);
        PipelineRuns.start(c, runId, runner, optionsJson(options, settings));
        staging = StagingTables.fresh();
      }
      long started;
      RunReport report;
      boolean open;
      Map<String, Long> published = null;
      try {
        if (staging != null) {
          staging.create(lock.connection());
        }
        String mongoUri = null;
        if (settings.has(Sink.MONGO)) {
          mongoUri = servers.mongoUri();
          if (servers.mongo() != null) {
            out.println("embedded MongoDB: " + mongoUri);
          }
        }
        String stageDir = settings.has(Sink.AVRO) ? settings.stageDir : null;

        out.printf(
            Locale.ROOT,
            "buzzbeam run %s on %s: landing %s, window %s..%s, time zone %s, sinks %s, Java %s%n",
            runId,
            runner,
            settings.landing,
            settings.from == null ? "*" : settings.from,
            settings.to == null ? "*" : settings.to,
            settings.timezone,
            settings.sinks.toString().toLowerCase(Locale.ROOT),
            System.getProperty("java.version"));

        started = System.currentTimeMillis();
        if (early != null) {
          early.useFor(options.as(FlinkPipelineOptions.class));
        }
        Pipeline pipeline = Pipeline.create(options);
        BuzzbeamPipeline.assemble(
            pipeline,
            settings,
            runId,
            new BuzzbeamPipeline.Targets(
                jdbc, staging, mongoUri, options.getMongoDatabase(), stageDir, runDay));
        report = RunReport.of(runWithProgress(pipeline, options, args, started, RunIds.filesToRead(settings, landingFiles)));
        if (jdbc != null) {
          // The exact decision: the staged quality_report holds the pipeline's summed counts
          // (upserted, so a retried bundle cannot double them), and the same rule as in the pipeline.
          Map<String, Long> quality = stagedQuality(lock.connection(), staging);
          report = report.withQuality(quality);
          open = RejectRatioGate.decide(k -> quality.getOrDefault(k, 0L), settings.maxRejectRatio);
          // New = not in the published spike mart before this publish (docs/METRICS.md §4).
          List<SpikeAlerts.Spike> newSpikes =
              open && settings.alertWebhook != null ? SpikeAlerts.newSpikes(lock.connection(), staging) : List.of();
          long publishStart = System.currentTimeMillis();
          published = publishWatched(jdbc, lock.connection(), staging, settings, runId, open);
          report = report.withPublishMillis(System.currentTimeMillis() - publishStart);
          alertSpikes(settings, newSpikes);
        } else {
          open = report.get(RejectRatioGate.CLOSED_COUNTER) == 0;
        }
      } catch (Exception | Error e) {
        // From PipelineRuns.start on, a failure is recorded, but never instead of its first cause.
        if (staging != null) {
          recordFailure(lock.connection(), runId, e);
        }
        throw e;
      }
      long elapsed = System.currentTimeMillis() - started;
      String status = open ? PipelineRuns.SUCCEEDED : PipelineRuns.GATED;
      report.print(out, runId, runner, elapsed, status);
      if (published != null) {
        report.printPublished(out, published);
      }
      if (!open) {
        long[] items = RejectRatioGate.items(report::get);
        out.printf(
            Locale.ROOT,
            "  reject ratio %.3f (%d of %d items) exceeds --maxRejectRatio=%s: dead letters and the quality report were written, marts and facts were not%n",
            items[0] == 0 ? 0.0 : (double) items[1] / items[0],
            items[1],
            items[0],
            settings.maxRejectRatio);
      }
      if (afterRun != null && open) {
        afterRun.accept(jdbc, report);
      }
      return open ? 0 : 3;
    } catch (Exception | Error e) {
      failure = e;
      throw e;
    } finally {
      closeAll(failure, lock, staging, servers, early);
    }
  }

  /** After a successful publish: one alert per new spike; a failing webhook is a warning line, not a failure. */
  private void alertSpikes(RunSettings settings, List<SpikeAlerts.Spike> newSpikes) {
    if (settings.alertWebhook == null) {
      return;
    }
    AlertWebhook webhook =
        new AlertWebhook(settings.alertWebhook, line -> err.println("buzzbeam run: warning: " + line), text -> text);
    int delivered = SpikeAlerts.post(webhook, newSpikes);
    out.println("hashtag spike alerts: " + delivered + " of " + newSpikes.size() + " new spike(s) delivered");
  }

  /**
   * Publishes the staging tables with the publish's connection watched by {@link ServerWatch}. If
   * the watch gave up on the server, its finding is the cause (the publish's own error is only the
   * aborted connection), with the publish's error added to it.
   */
  private static Map<String, Long> publishWatched(
      JdbcTarget jdbc, Connection c, StagingTables staging, RunSettings settings, String runId, boolean open)
      throws java.sql.SQLException {
    String status = open ? PipelineRuns.SUCCEEDED : PipelineRuns.GATED;
    Publisher.Plan plan =
        new Publisher.Plan(runId, day(settings.from), day(settings.to), open, status, open ? null : "reject ratio");
    ServerWatch watch = ServerWatch.start(jdbc, c);
    if (watch == null) {
      return Publisher.publish(c, staging, plan);
    }
    try (watch) {
      return Publisher.publish(c, staging, plan);
    } catch (java.sql.SQLException | RuntimeException e) {
      java.sql.SQLException silent = watch.failure();
      if (silent == null) {
        throw e;
      }
      silent.addSuppressed(e);
      throw silent;
    }
  }

  /**
   * Drops the staging tables and closes the lock, the embedded servers and an early MiniCluster, each whatever the others
   * do. After a failure, what goes wrong here is added to it; after a success it is thrown (a Mongo
   * snapshot that was not saved is a failure), first problem first.
   */
  private void closeAll(
      Throwable failure, RunLock lock, StagingTables staging, EmbeddedServers servers, EarlyMiniCluster early)
      throws Exception {
    if (staging != null && lock != null) {
      try {
        staging.drop(lock.connection());
      } catch (Exception e) {
        out.println("note: the staging tables were not dropped (" + e.getMessage() + "); the next run drops them");
      }
    }
    Exception closing = null;
    for (AutoCloseable resource : new AutoCloseable[] {lock, servers, early}) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close(); // the lock's session ending releases the advisory lock
      } catch (Exception e) {
        if (failure != null) {
          failure.addSuppressed(e);
        } else if (closing == null) {
          closing = e;
        } else {
          closing.addSuppressed(e);
        }
      }
    }
    if (closing != null) {
      throw closing;
    }
  }

  /** Records the run as failed with its first cause; a failure to record is added to, never hides, it. */
  private static void recordFailure(Connection c, String runId, Throwable cause) {
    try {
      PipelineRuns.finish(c, runId, PipelineRuns.FAILED, Main.rootMessage(cause));
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }

  /** The run's quality counts as the pipeline staged them, by {@code model.metric[.field]}. */
  private static Map<String, Long> stagedQuality(Connection c, StagingTables staging) throws java.sql.SQLException {
    Map<String, Long> quality = new LinkedHashMap<>();
    try (java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs =
            st.executeQuery("SELECT model, metric, field, value FROM " + staging.nameOf(Tables.QUALITY_REPORT))) {
      while (rs.next()) {
        String field = rs.getString(3);
        quality.put(rs.getString(1) + "." + rs.getString(2) + (field.isEmpty() ? "" : "." + field), rs.getLong(4));
      }
    }
    return quality;
  }

  private static java.time.LocalDate day(String day) {
    return day == null ? null : java.time.LocalDate.parse(day);
  }

  /**
   * Runs the job and prints a progress line every {@code --progressSeconds}. The DirectRunner is
   * asked not to block so its counters can be read while it runs; runners that block in run()
   * report elapsed time only until they return.
   */
  private PipelineResult runWithProgress(
      Pipeline pipeline, BuzzbeamOptions options, String[] rawArgs, long started, long filesToRead) {
    int every = options.getProgressSeconds();
    if (options.getRunner() == DirectRunner.class) {
      DirectOptions direct = options.as(DirectOptions.class);
      direct.setBlockOnRun(false);
      // The DirectRunner's immutability/encodability checks are test aids: the immutability check
      // walks the whole pipeline graph for every keyed bundle, i.e. once per key of each
      // GroupByKey, which makes a 100k-media run crawl. Tests (TestPipeline) keep them on; a
      // user may turn them back on with --enforceImmutability=true.
      if (!CommandOptions.mentions(rawArgs, "enforceImmutability")) {
        direct.setEnforceImmutability(false);
      }
      if (!CommandOptions.mentions(rawArgs, "enforceEncodability")) {
        direct.setEnforceEncodability(false);
      }
    }
    AtomicReference<PipelineResult> running = new AtomicReference<>();
    RunCounter.resetLive();
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "buzzbeam-progress");
      t.setDaemon(true);
      return t;
    });
    String remote = remoteWorkers(options);
    if (every > 0) {
      progress.scheduleAtFixedRate(
          () -> {
            long elapsed = System.currentTimeMillis() - started;
            if (remote != null) {
              out.println(RunReport.remoteProgressLine(elapsed, remote));
              return;
            }
            PipelineResult r = running.get();
            try {
              // The DirectRunner answers metrics while it runs; Flink's embedded MiniCluster only
              // at the end, so its workers' counts come from this JVM's mirror (RunCounter).
              RunReport now = r != null ? RunReport.of(r) : new RunReport(RunCounter.live());
              out.println(now.progressLine(elapsed, filesToRead));
            } catch (RuntimeException e) {
              out.println("[progress " + elapsed / 1000 + " s] running");
            }
          },
          every,
          every,
          TimeUnit.SECONDS);
    }
    try {
      PipelineResult result = pipeline.run();
      running.set(result);
      PipelineResult.State state = result.waitUntilFinish(Duration.ZERO);
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the pipeline ended in state " + state);
      }
      return result;
    } finally {
      progress.shutdownNow();
    }
  }

  /**
   * Where the workers run when their counters cannot reach this JVM while the job runs ("the Flink
   * cluster at HOST:PORT"), or null when they can: the DirectRunner answers metrics as it runs, and
   * the workers of Flink's embedded MiniCluster ({@code [local]}, {@code [auto]}, {@code
   * [collection]}) count into this JVM's mirror ({@code RunCounter}). A standalone cluster's
   * workers send their counters with the job's result only.
   */
  static String remoteWorkers(BuzzbeamOptions options) {
    if (!"FlinkRunner".equals(options.getRunner().getSimpleName())) {
      return null;
    }
    String master = options.as(FlinkPipelineOptions.class).getFlinkMaster();
    return master == null || master.startsWith("[") ? null : "the Flink cluster at " + master;
  }

  /** The run's options for {@code pipeline_run.options}; {@link PipelineRuns#optionsJson} drops and masks secrets. */
  static String optionsJson(BuzzbeamOptions o, RunSettings s) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("landing", s.landing);
    options.put("from", s.from);
    options.put("to", s.to);
    options.put("timezone", s.timezone);
    options.put("sinks", o.getSinks());
    options.put("jdbcUrl", o.getJdbcUrl());
    options.put("jdbcUser", o.getJdbcUser());
    options.put("mongoUri", o.getMongoUri());
    options.put("mongoDatabase", o.getMongoDatabase());
    options.put("stageDir", s.stageDir);
    options.put("dataDir", s.dataDir.toString());
    options.put("maxRejectRatio", s.maxRejectRatio);
    options.put("stopwords", s.stopwords);
    options.put("userDictionary", s.userDictionary);
    options.put("tokenizer", s.tokenizer.optionValue());
    options.put("takenAt", o.getTakenAt()); // only when given: the default is the run's start
    options.put("bestTimeMinPosts", s.analytics.bestTimeMinPosts);
    options.put("spikeBaselineDays", s.analytics.spikeBaselineDays);
    options.put("spikeSigma", s.analytics.spikeSigma);
    options.put("spikeMinMentions", s.analytics.spikeMinMentions);
    options.put("lockWaitSeconds", o.getLockWaitSeconds());
    options.put("jdbcTimeouts", s.jdbcTimeouts.toString());
    options.put("mongoTimeouts", s.mongoTimeouts.toString());
    options.put("runner", o.getRunner().getSimpleName());
    return PipelineRuns.optionsJson(options);
  }
}
