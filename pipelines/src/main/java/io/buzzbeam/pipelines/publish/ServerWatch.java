package io.buzzbeam.pipelines.publish;

import io.buzzbeam.pipelines.sinks.JdbcTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the publish transaction by the server's liveness rather than by its duration. Its
 * statements rewrite whole tables and may wait for a dashboard's lock, so no statement or socket
 * timeout fits them on a large database; but a live server answers a {@code SELECT 1} on another
 * connection at once, whatever the publish is doing. So while the publish runs, its connection has
 * no socket timeout and this watch pings the server every {@link #PING_MILLIS} on a connection of
 * its own (which keeps {@code --jdbcSocketTimeoutSeconds}); when a ping gets no answer in time, it
 * aborts the publish's connection — the server rolls the transaction back when it sees the session
 * end — and {@link #failure()} says why.
 */
public final class ServerWatch implements AutoCloseable {
  static final long PING_MILLIS = 2_000;

  /** Runs pgJDBC's abort and timeout changes in the calling thread: they only close or set a socket. */
  private static final Executor DIRECT = Runnable::run;

  private final Connection watched;
  private final int watchedTimeoutMillis;
  private final Connection ping;
  private final ScheduledExecutorService timer;
  private volatile SQLException failure;

  private ServerWatch(Connection watched, Connection ping, int socketSeconds) throws SQLException {
    this.watched = watched;
    this.watchedTimeoutMillis = watched.getNetworkTimeout();
    this.ping = ping;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "buzzbeam-publish-watch");
              t.setDaemon(true);
              return t;
            });
    watched.setNetworkTimeout(DIRECT, 0);
    timer.scheduleWithFixedDelay(() -> pingOnce(socketSeconds), PING_MILLIS, PING_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Watches {@code watched} until {@link #close()}, pinging through a new connection of {@code
   * target}. Returns null with no socket timeout ({@code --jdbcSocketTimeoutSeconds=0}): the user
   * asked to wait forever.
   */
  public static ServerWatch start(JdbcTarget target, Connection watched) throws SQLException {
    int socketSeconds = target.timeouts().socketSeconds();
    return socketSeconds == 0 ? null : new ServerWatch(watched, target.connect(), socketSeconds);
  }

  private void pingOnce(int socketSeconds) {
    try (Statement s = ping.createStatement()) {
      s.execute("SELECT 1");
    } catch (SQLException e) {
      // The ping's own error (a bare read timeout) is attached, not the cause: the run prints
      // the innermost cause, and this is the one that says what happened.
      failure =
          new SQLException(
              "PostgreSQL stopped answering during the publish (no answer to a ping within --jdbcSocketTimeoutSeconds="
                  + socketSeconds + "); the publish was abandoned and is rolled back by the server");
      failure.addSuppressed(e);
      try {
        watched.abort(DIRECT);
      } catch (SQLException abort) {
        failure.addSuppressed(abort);
      }
      timer.shutdown();
    }
  }

  /** Why the publish's connection was aborted, or null while the server answers. */
  public SQLException failure() {
    return failure;
  }

  /**
   * Stops pinging and gives the watched connection its socket timeout back. Throws nothing: the
   * publish's outcome is its commit's, and a connection that broke afterwards fails the next use.
   */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(1, TimeUnit.MINUTES); // a ping in flight ends within its socket timeout
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      ping.close();
      if (failure == null) {
        watched.setNetworkTimeout(DIRECT, watchedTimeoutMillis);
      }
    } catch (SQLException afterTheOutcome) {
      // see above
    }
  }
}
