package io.buzzbeam.pipelines.sinks;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the JDBC sink writes: a URL, a user and where the password comes from. It travels with the
 * pipeline to the workers, so it never carries a password it does not have to:
 *
 * <ul>
 *   <li>{@link #of} (the {@code --jdbcUrl}/{@code --jdbcUser} case): the password is read on the
 *       worker from the environment variable {@code BUZZBEAM_JDBC_PASSWORD} (SPEC §7);
 *   <li>{@link #withCredentialsFile}: read on the worker from a properties file (key {@code
 *       password}), used for the embedded server, whose file lives under {@code --dataDir};
 *   <li>{@link #withPassword}: an explicit password (tests, embedded servers); it is serialized
 *       with the pipeline, so do not use it for a production database.
 * </ul>
 *
 * <p>It also carries the {@link Timeouts} of {@code --jdbcConnectTimeoutSeconds}, {@code
 * --jdbcSocketTimeoutSeconds} and {@code --jdbcStatementTimeoutSeconds}, so that every connection a
 * run opens — the workers' upserts, {@code ReadPublished}'s queries, the driver's lock and publish
 * connection — gives up on a server that stops answering instead of waiting forever.
 *
 * <p>{@link #toString()} never shows the password.
 */
public final class JdbcTarget implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The environment variable holding the JDBC password (SPEC §7). */
  public static final String PASSWORD_ENV = "BUZZBEAM_JDBC_PASSWORD";

  private final String url;
  private final String user;
  private final String passwordEnv;
  private final String credentialsFile;
  private final String password;
  private final Timeouts timeouts;

  /**
   * How long a connection waits on PostgreSQL, in seconds, 0 meaning no limit: {@code connect}
   * bounds opening a connection and logging in (pgJDBC {@code connectTimeout} and {@code
   * loginTimeout}); {@code socket} bounds each wait for an answer (pgJDBC {@code socketTimeout}: a
   * read timeout, so an idle connection such as the run lock's never trips it); {@code statement}
   * is the server's {@code statement_timeout}, shorter than {@code socket} so that a live but slow
   * server says so itself and cancels the statement rather than leaving it running.
   */
  public record Timeouts(int connectSeconds, int socketSeconds, int statementSeconds) implements Serializable {
    public static final int DEFAULT_CONNECT_SECONDS = 30;
    public static final int DEFAULT_SOCKET_SECONDS = 180;
    public static final int DEFAULT_STATEMENT_SECONDS = 120;

    /** What pgJDBC and PostgreSQL do by themselves: wait forever (the embedded server's own tools). */
    public static final Timeouts NONE = new Timeouts(0, 0, 0);
  }

  private JdbcTarget(
      String url, String user, String passwordEnv, String credentialsFile, String password, Timeouts timeouts) {
    this.url = Objects.requireNonNull(url, "url");
    this.user = user;
    this.passwordEnv = passwordEnv;
    this.credentialsFile = credentialsFile;
    this.password = password;
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
  }

  /** {@code url} and {@code user}; the password comes from {@code BUZZBEAM_JDBC_PASSWORD}. */
  public static JdbcTarget of(String url, String user) {
    return new JdbcTarget(url, user, PASSWORD_ENV, null, null, Timeouts.NONE);
  }

  /** The password is the {@code password} key of the properties file {@code file}. */
  public static JdbcTarget withCredentialsFile(String url, String user, java.nio.file.Path file) {
    return new JdbcTarget(url, user, null, file.toAbsolutePath().toString(), null, Timeouts.NONE);
  }

  /** An explicit password (embedded servers and tests only: it is serialized with the pipeline). */
  public static JdbcTarget withPassword(String url, String user, String password) {
    return new JdbcTarget(url, user, null, null, password, Timeouts.NONE);
  }

  /** The same target whose connections wait at most {@code timeouts}. */
  public JdbcTarget withTimeouts(Timeouts timeouts) {
    return new JdbcTarget(url, user, passwordEnv, credentialsFile, password, timeouts);
  }

  /**
   * The same target without a statement timeout, for the driver's connection: its publish
   * transaction rewrites whole tables, which may take longer than any per-batch limit on a large
   * database (see {@code ServerWatch} for what bounds it instead).
   */
  public JdbcTarget withoutStatementTimeout() {
    return withTimeouts(new Timeouts(timeouts.connectSeconds(), timeouts.socketSeconds(), 0));
  }

  public Timeouts timeouts() {
    return timeouts;
  }

  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  /** Opens a new connection (auto-commit on, as the driver gives it). */
  public Connection connect() throws SQLException {
    return connect(java.util.Map.of());
  }

  /** Opens a new connection with extra driver properties (e.g. {@code reWriteBatchedInserts}). */
  public Connection connect(java.util.Map<String, String> driverProperties) throws SQLException {
    Properties props = new Properties();
    driverProperties.forEach(props::setProperty);
    if (user != null && !user.isEmpty()) {
      props.setProperty("user", user);
    }
    String secret = resolvePassword();
    if (secret != null) {
      props.setProperty("password", secret);
    }
    // Identify our sessions in pg_stat_activity; harmless for other drivers' unknown keys.
    props.setProperty("ApplicationName", "buzzbeam");
    // Properties, not URL parameters: the same settings written into --jdbcUrl win over these.
    if (timeouts.connectSeconds() > 0) {
      props.setProperty("connectTimeout", String.valueOf(timeouts.connectSeconds()));
      // A stopped server still completes the TCP handshake (the kernel answers for it): the
      // login is where a connection to it hangs.
      props.setProperty("loginTimeout", String.valueOf(timeouts.connectSeconds()));
    }
    if (timeouts.socketSeconds() > 0) {
      props.setProperty("socketTimeout", String.valueOf(timeouts.socketSeconds()));
    }
    if (timeouts.statementSeconds() > 0) {
      props.setProperty("options", "-c statement_timeout=" + timeouts.statementSeconds() + "s");
    }
    return DriverManager.getConnection(url, props);
  }

  private String resolvePassword() throws SQLException {
    if (password != null) {
      return password;
    }
    if (credentialsFile != null) {
      Properties creds = new Properties();
      try (Reader r =
          Files.newBufferedReader(Paths.get(credentialsFile), StandardCharsets.UTF_8)) {
        creds.load(r);
      } catch (IOException e) {
        throw new SQLException("cannot read the JDBC credentials file " + credentialsFile, e);
      }
      return creds.getProperty("password");
    }
    if (passwordEnv != null) {
      String v = System.getenv(passwordEnv);
      return v == null || v.isEmpty() ? null : v;
    }
    return null;
  }

  @Override
  public String toString() {
    String from =
        password != null
            ? "explicit"
            : credentialsFile != null ? "file " + credentialsFile : "env " + passwordEnv;
    // A URL may carry ?password=...; show it redacted.
    String shownUrl = url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    return "JdbcTarget{url=" + shownUrl + ", user=" + user + ", password from " + from + ", " + timeouts + "}";
  }
}
