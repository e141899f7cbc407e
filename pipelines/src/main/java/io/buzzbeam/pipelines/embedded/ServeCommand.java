package io.buzzbeam.pipelines.embedded;

import io.buzzbeam.pipelines.publish.RunLock;
import io.buzzbeam.pipelines.publish.StagingTables;
import io.buzzbeam.pipelines.sinks.JdbcTarget;
import io.buzzbeam.pipelines.sinks.PipelineRuns;
import io.buzzbeam.transforms.tables.Tables;
import java.sql.SQLException;
import io.buzzbeam.pipelines.command.Command;
import io.buzzbeam.pipelines.command.CommandOptions;
import io.buzzbeam.pipelines.command.UsageException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./buzzbeam serve [--dataDir=./data] [--pgPort=5432] [--mongoPort=27017]}: starts the
 * embedded PostgreSQL and Mongo kept under {@code --dataDir}, prints how to reach them (the
 * password stays in {@code postgres.credentials}; the psql hint reads it from there) and keeps them
 * up until Ctrl-C, when a shutdown hook snapshots Mongo and stops both cleanly. Without an explicit
 * port, the default one is used if free, else any free port (printed). While it runs, {@code run}
 * on the same data directory uses these servers.
 */
public final class ServeCommand implements Command {
  /** How often a long-lived serve snapshots Mongo, bounding what a kill -9 can lose. */
  static final long SNAPSHOT_MINUTES = 5;

  private final PrintStream out;
  private final CountDownLatch stop;

  public ServeCommand() {
    this(System.out, null);
  }

  /** For tests: output to {@code out}; counting down {@code stop} acts as Ctrl-C. */
  ServeCommand(PrintStream out, CountDownLatch stop) {
    this.out = out;
    this.stop = stop;
  }

  @Override
  public String name() {
    return "serve";
  }

  @Override
  public String summary() {
    return "keep the embedded PostgreSQL and MongoDB (under --dataDir) up until Ctrl-C";
  }

  @Override
  public Class<ServeOptions> options() {
    return ServeOptions.class;
  }

  @Override
  public int run(String[] args) throws Exception {
    ServeOptions options = CommandOptions.parse(args, ServeOptions.class);
    Path dataDir = Paths.get(options.getDataDir()).toAbsolutePath().normalize();
    int pgPort = port("pgPort", options.getPgPort(), EmbeddedPostgresServer.DEFAULT_PORT);
    int mongoPort = port("mongoPort", options.getMongoPort(), EmbeddedMongoServer.DEFAULT_PORT);

    EmbeddedServers servers = EmbeddedServers.start(dataDir, null, null, null, pgPort, mongoPort);
    EmbeddedPostgresServer pg = servers.postgres();
    EmbeddedMongoServer mongo = servers.mongo();
    out.println("buzzbeam serve: embedded servers for " + dataDir);
    out.println("  PostgreSQL  " + pg.url() + "  (user " + pg.user() + ", password in "
        + pg.credentialsFile() + ")" + (pg.attached() ? "  [already served by another process]" : ""));
    out.println("    psql:     " + pg.psqlHint());
    out.println("  MongoDB     " + mongo.uri() + "  (database buzzbeam)"
        + (mongo.attached() ? "  [already served by another process]" : ""));
    if (pg.attached() && mongo.attached()) {
      out.println("Both servers are already up (another serve or run owns them); nothing to do.");
      servers.close();
      return 0;
    }
    markDeadRuns(servers.jdbcTarget());
    mongo.snapshotEvery(SNAPSHOT_MINUTES, TimeUnit.MINUTES);
    out.println("Press Ctrl-C to stop.");
    out.flush();

    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              try {
                servers.close();
              } catch (Exception e) {
                System.err.println("serve: clean shutdown failed: " + e);
              } finally {
                stopped.countDown();
              }
            },
            "buzzbeam-serve-shutdown");
    if (stop == null) {
      Runtime.getRuntime().addShutdownHook(hook);
      stopped.await(); // until Ctrl-C runs the hook (the JVM then exits)
    } else {
      stop.await();
      hook.run();
    }
    out.println("buzzbeam serve: stopped.");
    return 0;
  }

  /**
   * SPEC §5 rev. 2: a run that died without finishing is marked {@code failed} (reason {@code
   * abandoned}) by the next run or {@code serve}. Only while no run holds the run lock: a run that
   * holds it is alive. Leftover staging tables of dead runs are dropped too.
   */
  private void markDeadRuns(JdbcTarget jdbc) {
    try (RunLock lock = RunLock.tryAcquire(jdbc)) {
      if (lock == null) {
        out.println("  (a run is in progress; its pipeline_run row is left to it)");
        return;
      }
      Tables.ensureAll(lock.connection());
      int abandoned = PipelineRuns.abandonDead(lock.connection(), null);
      StagingTables.dropLeftovers(lock.connection());
      if (abandoned > 0) {
        out.println("  marked " + abandoned + " run(s) that died before finishing as failed (abandoned)");
      }
    } catch (SQLException e) {
      out.println("  note: could not check pipeline_run for dead runs: " + e.getMessage());
    }
  }

  private static int port(String name, Integer value, int preferred) {
    if (value == null) {
      return EmbeddedServers.choosePort(preferred);
    }
    int port = CommandOptions.atLeast(name, value, 0);
    if (port > 65535) {
      throw new UsageException("--" + name + " must be a port number 0-65535, got " + port);
    }
    return port;
  }
}
