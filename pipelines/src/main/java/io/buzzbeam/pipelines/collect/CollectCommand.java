package io.buzzbeam.pipelines.collect;

import io.buzzbeam.pipelines.command.Command;
import io.buzzbeam.pipelines.command.CommandOptions;
import io.buzzbeam.pipelines.command.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./buzzbeam collect --targets=FILE --landing=DIR --igUserId=ID [--once]}: the Instagram
 * Graph API collector that fills the landing zone with SPEC §1a envelopes.
 *
 * <p>{@code --once} runs one pass (business discovery and/or hashtags, see {@code --only}) and
 * exits 0 when every request succeeded, 1 otherwise (the cause on stderr, and on the optional
 * {@code --alertWebhook}). Without it the command keeps collecting on the schedule of {@link
 * CollectSchedule} until stopped (exit 0) or until the token expires (exit 1). Every pass prints
 * one summary line on stdout.
 */
public final class CollectCommand implements Command {
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final Clock clock;
  private final Sleeper sleeper;
  private volatile boolean stopRequested;
  private volatile Thread worker;
  private volatile CountDownLatch finished;

  public CollectCommand() {
    this(System.out, System.err, System.getenv(), Clock.systemUTC(), Sleeper.REAL);
  }

  /** For tests and embedding: explicit streams, environment, clock and way of waiting. */
  public CollectCommand(PrintStream out, PrintStream err, Map<String, String> env, Clock clock, Sleeper sleeper) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public String name() {
    return "collect";
  }

  @Override
  public String summary() {
    return "collect Instagram Graph API data into the landing zone (--targets, --landing, --igUserId, [--once])";
  }

  @Override
  public Class<CollectCommandOptions> options() {
    return CollectCommandOptions.class;
  }

  /** Ends the schedule loop after the current pass (used by the shutdown hook and tests). */
  public void requestStop() {
    stopRequested = true;
  }

  /**
   * What SIGTERM / Ctrl-C does: stop at once (interrupting a wait or a request in flight), let the
   * current pass write what it collected, and wait up to 20 s for that before the JVM halts.
   */
  void shutdown() {
    requestStop();
    Thread w = worker;
    CountDownLatch f = finished;
    if (w == null || f == null) {
      return;
    }
    w.interrupt();
    try {
      f.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException ignored) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public int run(String[] args) throws Exception {
    CollectCommandOptions given = CommandOptions.parse(args, CollectCommandOptions.class);
    CollectOptions options = CollectOptions.parse(given);
    AccessToken token =
        AccessToken.load(given.getTokenFile() != null ? CommandOptions.required("tokenFile", given.getTokenFile()) : null, env);
    List<BrandTarget> targets = CollectTargets.load(options.targets());
    if (options.profiles() == false && CollectTargets.uniqueHashtags(targets).isEmpty()) {
      throw new UsageException("--only=hashtags but --targets lists no hashtags");
    }
    CollectLog log = new CollectLog(err, token);
    AlertWebhook alert = new AlertWebhook(options.alertWebhook(), log);
    try {
      Files.createDirectories(options.landing());
      Files.createDirectories(options.stateDir());
    } catch (IOException e) {
      log.warn("cannot create --landing / --stateDir directories: " + e.getMessage());
      alert.postFailure("buzzbeam collect cannot start: cannot create " + options.landing());
      return 1;
    }
    GraphApiClient client = new GraphApiClient(
        options,
        token,
        new UsageThrottle(options.usageThreshold(), options.usagePauseMax()),
        new RetryPolicy(options.retryBase(), options.retryCap(), options.maxAttempts(),
            options.maxRetryTime(), new SecureRandom()),
        sleeper,
        clock,
        log);
    HashtagRegistry registry = new HashtagRegistry(options.stateDir(), clock, CollectTargets.WEEKLY_HASHTAG_LIMIT);
    CollectionPass pass = new CollectionPass(options, targets, client, registry, token, clock, log);

    // On SIGTERM/Ctrl-C: stop making calls, let the current pass write what it collected
    // (the batch is written in a finally block), then exit. The JVM halts once hooks return,
    // so the hook waits (boundedly) for that.
    worker = Thread.currentThread();
    finished = new CountDownLatch(1);
    Thread hook = new Thread(this::shutdown, "buzzbeam-collect-stop");
    boolean hooked = addShutdownHook(hook);
    try {
      if (options.once()) {
        CollectStats stats = runPass(pass, options.profiles(), options.hashtags(), log, alert);
        return stats.failed() ? 1 : 0;
      }
      CollectSchedule schedule = new CollectSchedule(clock, sleeper, options.profileInterval(),
          options.hashtagInterval(), options.profiles(), options.hashtags());
      boolean tokenOk = schedule.loop(
          (p, h) -> !runPass(pass, p, h, log, alert).tokenExpired,
          () -> !stopRequested);
      return tokenOk ? 0 : 1;
    } catch (InterruptedException e) {
      if (!stopRequested) {
        throw e;
      }
      log.warn("stopped on request; envelopes collected so far were written");
      return options.once() ? 1 : 0;
    } finally {
      finished.countDown();
      if (hooked) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is already stopping; nothing to remove
        }
      }
    }
  }

  private CollectStats runPass(CollectionPass pass, boolean profiles, boolean hashtags, CollectLog log,
      AlertWebhook alert) throws InterruptedException {
    CollectStats stats = pass.run(profiles, hashtags);
    out.println(log.redact(stats.summaryLine()));
    out.flush();
    if (stats.failed()) {
      String cause = stats.failureCause();
      log.warn("FAILED: " + cause);
      alert.postFailure("buzzbeam collect failed: " + cause + "\n" + stats.summaryLine());
    }
    return stats;
  }

  private static boolean addShutdownHook(Thread hook) {
    try {
      Runtime.getRuntime().addShutdownHook(hook);
      return true;
    } catch (IllegalStateException | SecurityException e) {
      return false;
    }
  }
}
