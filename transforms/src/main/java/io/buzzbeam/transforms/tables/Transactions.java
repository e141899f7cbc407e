package io.buzzbeam.transforms.tables;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One JDBC transaction on a connection, the way buzzbeam's driver needs it: everything {@code work}
 * does commits together or not at all, and the connection's auto-commit is restored. When the work
 * fails on a broken connection, the rollback and the restore fail too (the server rolls back when
 * the session ends); those failures are attached to the first cause, never thrown instead of it.
 */
public final class Transactions {
  private Transactions() {}

  /** What runs inside the transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run() throws SQLException;
  }

  /** Runs {@code work} in one transaction on {@code c} and returns its result. */
  public static <T> T inOne(Connection c, Work<T> work) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    T result;
    try {
      result = work.run();
      c.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
        c.setAutoCommit(autoCommit);
      } catch (SQLException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    c.setAutoCommit(autoCommit);
    return result;
  }
}
