package io.buzzbeam.pipelines.publish;

import io.buzzbeam.pipelines.sinks.JdbcTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One run at a time per database (SPEC §5 rev. 2 "Two runs never write the same target at once"):
 * a PostgreSQL session-level advisory lock, held on a connection of its own for the whole run. The
 * server releases it when that session ends, so a run killed with SIGKILL never leaves it behind.
 * A second run waits up to {@code --lockWaitSeconds}, then is refused with {@link Busy}.
 */
public final class RunLock implements AutoCloseable {
  /** "buzzbeam" in ASCII: the advisory lock key every buzzbeam run and {@code serve} take. */
  static final long KEY = 0x6275_7a7a_6265_616dL;

  private static final long POLL_MILLIS = 250;

  private final Connection connection;

  private RunLock(Connection connection) {
    this.connection = connection;
  }

  /** The lock is held by another run (and did not come free within the wait). */
  public static final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Busy(String message) {
      super(message);
    }
  }

  /** Takes the lock, waiting up to {@code wait}; throws {@link Busy} if another run keeps it. */
  public static RunLock acquire(JdbcTarget target, Duration wait) throws SQLException {
    Connection c = target.connect();
    try {
      long deadline = System.nanoTime() + wait.toNanos();
      while (true) {
        if (tryLock(c)) {
          return new RunLock(c);
        }
        if (System.nanoTime() >= deadline) {
          throw new Busy(
              "another buzzbeam run is writing to "
                  + target.url()
                  + (wait.isZero() ? "" : " and did not finish within " + wait.toSeconds() + " s")
                  + "; not started (wait for it with --lockWaitSeconds=N)");
        }
        Thread.sleep(POLL_MILLIS);
      }
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    } catch (InterruptedException e) {
      c.close();
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for the run lock", e);
    }
  }

  /** Takes the lock if it is free, else returns null (for {@code serve}'s housekeeping). */
  public static RunLock tryAcquire(JdbcTarget target) throws SQLException {
    Connection c = target.connect();
    if (tryLock(c)) {
      return new RunLock(c);
    }
    c.close();
    return null;
  }

  private static boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
      ps.setLong(1, KEY);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** The lock's own connection: what the driver uses for its bookkeeping while it holds the lock. */
  public Connection connection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    connection.close(); // ending the session releases the advisory lock
  }
}
