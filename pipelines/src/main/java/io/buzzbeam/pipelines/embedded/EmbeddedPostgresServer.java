package io.buzzbeam.pipelines.embedded;

import io.buzzbeam.pipelines.sinks.JdbcTarget;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL 17 (zonky binaries) that the {@code run} and {@code serve} commands use
 * when no {@code --jdbcUrl} is given (SPEC §7).
 *
 * <p>What it adds to zonky's test-oriented defaults, and why:
 *
 * <ul>
 *   <li><b>Data persists</b> under {@code <dataDir>/postgres} ({@code setCleanDataDirectory(false)}):
 *       it is the dashboards' database, not a throw-away test fixture.
 *   <li><b>Durability</b>: zonky starts the server with {@code -F} (fsync off) and {@code
 *       synchronous_commit=off}; we set {@code fsync=on}, {@code synchronous_commit=on} and {@code
 *       full_page_writes=on} so that a crash or power loss never corrupts the cluster.
 *   <li><b>Network</b>: listens on 127.0.0.1 only, no Unix socket (avoids clashes in /tmp between
 *       parallel servers); the server log goes to {@code <dataDir>/postgres.log}.
 *   <li><b>Credentials</b>: an application role {@code buzzbeam} owning the database {@code
 *       buzzbeam}, with a random password generated once and kept in {@code
 *       <dataDir>/postgres.credentials} (mode 600, see {@link PostgresCredentials}); TCP logins
 *       need SCRAM passwords (pg_hba). Passwords are set with a client-side SCRAM hash, so they
 *       never appear in a server log either. There is no password-less moment, not even on the
 *       first start: initdb itself runs with {@code --auth=scram-sha-256} and the superuser's
 *       password from a mode-600 file (see {@link #initdbOptions}), and pg_hba.conf is rewritten
 *       before every postmaster start.
 *   <li><b>Stale {@code postmaster.pid}</b>: when a JVM is killed (SIGKILL, OOM) its postmaster
 *       lives on as an orphan and pg_ctl refuses to start. On start we read the pid file and
 *       only believe it when its process provably is the postmaster of this directory: its
 *       command line names the directory ({@code -D}) or runs in it, and it started when the pid
 *       file says (line 3). Such an orphan is shut down (SIGTERM, then SIGKILL after 30 s) unless
 *       a live buzzbeam process holds the data directory (zonky's {@code epg-lock} file lock,
 *       which the kernel releases when a JVM dies); any other pid file is stale (its pid may
 *       belong to any program by now) and is removed without signalling anything.
 *   <li><b>Sharing with {@code serve}</b>: if another live process (e.g. {@code ./buzzbeam
 *       serve}) holds the data directory and its postmaster is up, we attach to it instead of
 *       failing; {@link #close()} then leaves it running.
 *   <li><b>Root</b>: PostgreSQL refuses to run as root. zonky 2.x runs initdb/pg_ctl under {@code
 *       unshare -U} when the JVM is root, which makes the server an unprivileged user of a new
 *       user namespace; verified here (gVisor, uid 0) by {@code EmbeddedPostgresServerTest}.
 * </ul>
 *
 * <p>{@code port} 0 means any free port (tests); the CLI prefers 5432 and falls back to a free
 * port (see {@link EmbeddedServers#choosePort}).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  public static final int DEFAULT_PORT = 5432;
  static final String HOST = "127.0.0.1";
  private static final String LOCK_FILE = "epg-lock";
  private static final String INITDB_PWFILE = "postgres.initdb-pwfile";
  /**
   * How much later than its process the postmaster may record its start time (it does so early in
   * its main, but a loaded machine can delay that); never earlier, save rounding to seconds.
   */
  private static final long START_TIME_SLACK_SECONDS = 10;

  /**
   * The clusters whose server this JVM started and has not closed. Asking the kernel instead (a
   * second channel on {@code epg-lock}) would lose the lock: closing any descriptor of a file drops
   * all of a process's POSIX locks on it, so the next JVM would take a live server for an orphan.
   */
  private static final Set<Path> STARTED_HERE = ConcurrentHashMap.newKeySet();

  private final Path dataDir;
  private final int port;
  private final PostgresCredentials credentials;
  private final EmbeddedPostgres postgres; // null when attached to another process's server

  private EmbeddedPostgresServer(
      Path dataDir, int port, PostgresCredentials credentials, EmbeddedPostgres postgres) {
    this.dataDir = dataDir;
    this.port = port;
    this.credentials = credentials;
    this.postgres = postgres;
  }

  /**
   * Starts (or attaches to) the server whose cluster lives in {@code dataDir/postgres}; {@code
   * port} 0 picks a free port.
   */
  public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
    dataDir = dataDir.toAbsolutePath().normalize();
    Path pgData = dataDir.resolve("postgres");
    Files.createDirectories(pgData);
    PostgresCredentials credentials =
        PostgresCredentials.loadOrCreate(dataDir.resolve("postgres.credentials"));

    Optional<Integer> runningPort = recoverOrFindRunning(pgData);
    if (runningPort.isPresent()) {
      LOG.info("Attaching to the embedded PostgreSQL already serving {} on port {}", pgData,
          runningPort.get());
      return new EmbeddedPostgresServer(dataDir, runningPort.get(), credentials, null);
    }

    int chosenPort = port == 0 ? freePort() : port;
    Path log = dataDir.resolve("postgres.log");
    // zonky runs initdb only when the directory holds no cluster yet.
    boolean initdb = !Files.exists(pgData.resolve("postgresql.conf"));
    Path pwfile = dataDir.resolve(INITDB_PWFILE);
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(pgData)
            .setCleanDataDirectory(false)
            .setPort(chosenPort)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setServerConfig("listen_addresses", HOST)
            .setServerConfig("unix_socket_directories", "")
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on")
            .setServerConfig("max_connections", "100")
            .setLocaleConfig("locale", "C")
            .setConnectConfig("password", credentials.superuserPassword())
            .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
            // Runs after initdb and before every postmaster start: only SCRAM logins over
            // loopback TCP, whatever an older version or a hand edit left in pg_hba.conf.
            .setDataDirectoryCustomizer(EmbeddedPostgresServer::writeHba);
    if (initdb) {
      writeOwnerOnly(pwfile, credentials.superuserPassword());
      initdbOptions(pwfile).forEach(builder::setLocaleConfig);
    }
    EmbeddedPostgres pg;
    try {
      pg = builder.start();
    } catch (RuntimeException | IOException e) {
      throw new IOException(
          "embedded PostgreSQL did not start on port " + chosenPort + " (see " + log + ")", e);
    } finally {
      Files.deleteIfExists(pwfile);
    }
    STARTED_HERE.add(pgData);
    EmbeddedPostgresServer server =
        new EmbeddedPostgresServer(dataDir, chosenPort, credentials, pg);
    try {
      server.bootstrap();
    } catch (SQLException | RuntimeException e) {
      server.close();
      throw new IOException("embedded PostgreSQL bootstrap failed: " + e.getMessage(), e);
    }
    LOG.info("Embedded PostgreSQL up: {} (data in {})", server.url(), pgData);
    return server;
  }

  /**
   * Extra initdb options so that the cluster never accepts a login without a password. zonky has
   * no setting for initdb's arguments, but it passes every "locale config" entry to initdb as
   * {@code --key=value} after its own {@code -A trust}; initdb takes the last {@code -A/--auth},
   * so {@code --auth=scram-sha-256} wins for local and host lines alike, and {@code --pwfile}
   * gives the superuser its password in the same initdb run.
   */
  private static Map<String, String> initdbOptions(Path pwfile) {
    return Map.of("auth", "scram-sha-256", "pwfile", pwfile.toString());
  }

  /** Creates {@code file} with mode 600 from the start and writes {@code text} into it. */
  private static void writeOwnerOnly(Path file, String text) throws IOException {
    if (text.isEmpty()) {
      throw new IOException("no superuser_password in the credentials file: initdb needs one");
    }
    Files.deleteIfExists(file);
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, text + "\n", StandardCharsets.UTF_8);
  }

  /**
   * Creates the application role and database if missing, (re)sets both passwords from the
   * credentials file. Idempotent: runs on every start.
   */
  private void bootstrap() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", credentials.superuser());
    props.setProperty("password", credentials.superuserPassword());
    String adminUrl = "jdbc:postgresql://" + HOST + ":" + port + "/postgres";
    try (Connection c = DriverManager.getConnection(adminUrl, props)) {
      PGConnection pgc = c.unwrap(PGConnection.class);
      try (Statement s = c.createStatement()) {
        if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", credentials.user())) {
          s.execute("CREATE ROLE " + quoteIdent(credentials.user()) + " LOGIN");
        }
        // The hash is computed here, in the client: no plain password reaches the server.
        pgc.alterUserPassword(
            credentials.user(), credentials.password().toCharArray(), "scram-sha-256");
        pgc.alterUserPassword(
            credentials.superuser(),
            credentials.superuserPassword().toCharArray(),
            "scram-sha-256");
        if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", credentials.database())) {
          s.execute(
              "CREATE DATABASE "
                  + quoteIdent(credentials.database())
                  + " OWNER "
                  + quoteIdent(credentials.user())
                  + " ENCODING 'UTF8' TEMPLATE template0");
        }
      }
    }
  }

  private static boolean exists(Connection c, String sql, String value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, value);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static String quoteIdent(String ident) {
    return "\"" + ident.replace("\"", "\"\"") + "\"";
  }

  /** Loopback TCP only, SCRAM passwords for everyone; no Unix socket is opened. */
  private static void writeHba(File pgData) {
    String hba =
        "# written by buzzbeam: loopback TCP only, passwords required\n"
            + "host    all             all             127.0.0.1/32            scram-sha-256\n"
            + "host    all             all             ::1/128                 scram-sha-256\n";
    try {
      Files.writeString(new File(pgData, "pg_hba.conf").toPath(), hba, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Deals with a {@code postmaster.pid} left in {@code pgData}. Returns the port of a server that a
   * live process (e.g. {@code serve}) is running on this directory, to attach to; otherwise stops
   * an orphaned postmaster of this directory or removes a stale pid file, and returns empty.
   */
  static Optional<Integer> recoverOrFindRunning(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    long pid = lines.isEmpty() ? -1 : parseLong(lines.get(0));
    long recordedStart = lines.size() > 2 ? parseLong(lines.get(2)) : -1;
    int pidPort = lines.size() > 3 ? (int) parseLong(lines.get(3)) : -1;
    Optional<ProcessHandle> postmaster =
        (pid > 0 ? ProcessHandle.of(pid) : Optional.<ProcessHandle>empty())
            .filter(p -> isPostmasterOf(p, pgData, recordedStart));
    boolean inUse = STARTED_HERE.contains(pgData) || isLockedByAnotherProcess(pgData.resolve(LOCK_FILE));
    if (inUse) {
      if (postmaster.isPresent() && pidPort > 0) {
        return Optional.of(pidPort);
      }
      throw new IOException(
          pgData + " is in use by another process, but its postmaster.pid (pid " + pid
              + ") names no postmaster of this directory");
    }
    if (postmaster.isPresent()) {
      LOG.warn(
          "Found an orphaned PostgreSQL (pid {}) on {} left by a killed process; shutting it down",
          pid, pgData);
      ProcessHandle orphan = postmaster.get();
      orphan.destroy(); // SIGTERM: "smart" shutdown; its clients died with their JVM
      if (!waitForExit(orphan, 30)) {
        LOG.warn("PostgreSQL pid {} did not stop in 30 s; killing it", pid);
        orphan.destroyForcibly();
        waitForExit(orphan, 10);
      }
    } else {
      LOG.warn(
          "Removing a stale postmaster.pid in {}: pid {} is not a running postmaster of it", pgData,
          pid);
    }
    Files.deleteIfExists(pidFile);
    return Optional.empty();
  }

  private static boolean waitForExit(ProcessHandle process, int seconds) {
    try {
      process.onExit().get(seconds, TimeUnit.SECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return !process.isAlive();
    }
  }

  /**
   * True only when {@code process} provably is the postmaster that wrote the pid file of {@code
   * pgData}: pids are reused (after a reboot, in a fresh container, after long uptimes), so a
   * live pid alone says nothing. Its command line must name the directory ({@code -D DIR}, as
   * pg_ctl starts it) or it must run in it (a postmaster changes into its data directory), and
   * its start time must be the one the pid file records. Without that proof nothing is signalled.
   */
  static boolean isPostmasterOf(ProcessHandle process, Path pgData, long recordedStartEpoch) {
    if (!process.isAlive() || recordedStartEpoch <= 0) {
      return false;
    }
    Optional<Long> started = process.info().startInstant().map(i -> i.getEpochSecond());
    if (started.isEmpty()
        || recordedStartEpoch < started.get() - 1
        || recordedStartEpoch > started.get() + START_TIME_SLACK_SECONDS) {
      return false;
    }
    Path dir = realPath(pgData);
    String[] args = process.info().arguments().orElse(new String[0]);
    for (int i = 0; i < args.length; i++) {
      String named =
          args[i].equals("-D") && i + 1 < args.length
              ? args[i + 1]
              : args[i].startsWith("-D") ? args[i].substring(2) : null;
      if (named != null && !named.isEmpty() && realPath(Path.of(named)).equals(dir)) {
        return true;
      }
    }
    try {
      Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"));
      return realPath(cwd).equals(dir);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  /** True when another live process holds zonky's lock on the data directory. */
  private static boolean isLockedByAnotherProcess(Path lockFile) throws IOException {
    if (!Files.exists(lockFile)) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = ch.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException sameJvm) {
      return true; // a server started by this JVM is still open
    }
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** The JDBC URL of the {@code buzzbeam} database (no credentials in it). */
  public String url() {
    return "jdbc:postgresql://" + HOST + ":" + port + "/" + credentials.database();
  }

  public int port() {
    return port;
  }

  public String user() {
    return credentials.user();
  }

  public Path credentialsFile() {
    return dataDir.resolve("postgres.credentials");
  }

  /** True when this handle attached to a server run by another process ({@code serve}). */
  public boolean attached() {
    return postgres == null;
  }

  /** The sink target; the password is read from the credentials file where the pipeline runs. */
  public JdbcTarget target() {
    return JdbcTarget.withCredentialsFile(url(), credentials.user(), credentialsFile());
  }

  /** A new connection to the {@code buzzbeam} database as the application role. */
  public Connection connect() throws SQLException {
    return target().connect();
  }

  /** A psql command line that reads the password from the credentials file (never shown). */
  public String psqlHint() {
    return "PGPASSWORD=\"$(sed -n 's/^password=//p' '"
        + credentialsFile()
        + "')\" psql -h "
        + HOST
        + " -p "
        + port
        + " -U "
        + credentials.user()
        + " "
        + credentials.database();
  }

  /** Stops the server (a fast shutdown; committed data is on disk). Attached handles do nothing. */
  @Override
  public void close() throws IOException {
    if (postgres != null) {
      try {
        postgres.close();
      } finally {
        STARTED_HERE.remove(dataDir.resolve("postgres"));
      }
    }
  }

  @Override
  public String toString() {
    return "EmbeddedPostgresServer{" + url() + (attached() ? ", attached" : "") + "}";
  }
}
