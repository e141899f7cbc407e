package io.buzzbeam.pipelines.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL: real server processes, started as the current user (root here). */
class EmbeddedPostgresServerTest {
  @TempDir Path dataDir;

  @Test
  void keepsDataAcrossRestartsWithDurableSettingsAndPasswords() throws Exception {
    int firstPort;
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0)) {
      firstPort = pg.port();
      assertTrue(pg.url().startsWith("jdbc:postgresql://127.0.0.1:"));
      try (Connection c = pg.connect(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (id int PRIMARY KEY, note text)");
        s.execute("INSERT INTO kept VALUES (1, '육아일기'), (2, 'chanel')");
        assertEquals("on", show(s, "fsync"));
        assertEquals("on", show(s, "synchronous_commit"));
        assertEquals("on", show(s, "full_page_writes"));
        assertEquals("127.0.0.1", show(s, "listen_addresses"));
        assertEquals("17", show(s, "server_version").split("\\.")[0]);
        assertEquals("buzzbeam", scalar(s, "SELECT current_database()"));
        assertEquals("buzzbeam", scalar(s, "SELECT current_user"));
      }
      // From the first start on, neither role gets in without its password: initdb itself set up
      // SCRAM and the superuser's password, so there never was a trust window.
      for (String user : List.of("buzzbeam", "postgres")) {
        Properties wrong = new Properties();
        wrong.setProperty("user", user);
        wrong.setProperty("password", "not-the-password");
        assertThrows(SQLException.class, () -> DriverManager.getConnection(pg.url(), wrong).close());
        Properties none = new Properties();
        none.setProperty("user", user);
        assertThrows(SQLException.class, () -> DriverManager.getConnection(pg.url(), none).close());
        String postgresDb = pg.url().replaceAll("/buzzbeam$", "/postgres");
        assertThrows(SQLException.class, () -> DriverManager.getConnection(postgresDb, none).close());
      }
      String hba = Files.readString(dataDir.resolve("postgres/pg_hba.conf"));
      assertFalse(hba.contains("trust"), hba);
      assertFalse(hba.lines().anyMatch(l -> l.startsWith("local")), "no Unix-socket logins: " + hba);
      assertFalse(Files.exists(dataDir.resolve("postgres.initdb-pwfile")), "initdb's password file is gone");
      // The hint never contains the password itself.
      String password = PostgresCredentials.load(pg.credentialsFile()).password();
      assertFalse(pg.psqlHint().contains(password));
      assertFalse(pg.toString().contains(password));
      assertFalse(pg.target().toString().contains(password));
    }
    Path creds = dataDir.resolve("postgres.credentials");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(creds)));
    String log = Files.readString(dataDir.resolve("postgres.log"));
    String password = PostgresCredentials.load(creds).password();
    assertFalse(log.contains(password), "the server log must not contain the password");
    assertFalse(Files.exists(dataDir.resolve("postgres/postmaster.pid")), "clean shutdown");

    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0)) {
      try (Connection c = pg.connect(); Statement s = c.createStatement()) {
        assertEquals("2", scalar(s, "SELECT count(*) FROM kept"));
        assertEquals("육아일기", scalar(s, "SELECT note FROM kept WHERE id = 1"));
      }
      assertEquals(password, PostgresCredentials.load(creds).password(), "credentials reused");
    }
  }

  @Test
  void removesAStalePidFileWhoseProcessIsGone() throws Exception {
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0);
        Connection c = pg.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (x int)");
      s.execute("INSERT INTO t VALUES (42)");
    }
    // A pid file as a crash leaves it, naming a process that no longer exists.
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    long deadPid = gone.pid();
    Path pidFile = dataDir.resolve("postgres/postmaster.pid");
    Files.writeString(
        pidFile,
        deadPid + "\n" + dataDir.resolve("postgres") + "\n1700000000\n5432\n\n127.0.0.1\n"
            + "  5432001         0\nready   \n");
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0);
        Connection c = pg.connect();
        Statement s = c.createStatement()) {
      assertEquals("42", scalar(s, "SELECT x FROM t"));
    }
  }

  /**
   * A stale postmaster.pid whose pid now belongs to another program must not get that program
   * signalled, even when its executable is called {@code postgres}: first one that does not serve
   * this directory, then one that names it ({@code -D}, working directory) but started at another
   * time than the pid file records.
   */
  @Test
  void leavesAnUnrelatedProcessNamedPostgresAlone() throws Exception {
    Path pgData = dataDir.resolve("postgres");
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0);
        Connection c = pg.connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (x int)");
      s.execute("INSERT INTO t VALUES (42)");
    }
    Path bin = Files.createDirectories(dataDir.resolve("bin"));
    Path fakeSleep = Files.copy(Path.of("/bin/sleep"), bin.resolve("postgres"));
    Path fakeShellDir = Files.createDirectories(bin.resolve("shell"));
    Path fakeShell = Files.copy(Path.of("/bin/bash"), fakeShellDir.resolve("postgres"));
    assertTrue(fakeSleep.toFile().setExecutable(true) && fakeShell.toFile().setExecutable(true));

    Process sleeper = new ProcessBuilder(fakeSleep.toString(), "300").start();
    Process namesOurDir =
        new ProcessBuilder(fakeShell.toString(), "-c", "sleep 300; exit 0", "-D", pgData.toString())
            .directory(pgData.toFile())
            .start();
    try {
      long sleeperStart = sleeper.info().startInstant().orElseThrow().getEpochSecond();
      writeStalePidFile(pgData, sleeper.pid(), sleeperStart);
      try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0);
          Connection c = pg.connect();
          Statement s = c.createStatement()) {
        assertFalse(pg.attached());
        assertEquals("42", scalar(s, "SELECT x FROM t"));
      }
      assertTrue(sleeper.isAlive(), "a process that is not a postmaster of this directory was signalled");

      writeStalePidFile(pgData, namesOurDir.pid(), 1700000000L);
      try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0);
          Connection c = pg.connect();
          Statement s = c.createStatement()) {
        assertEquals("42", scalar(s, "SELECT x FROM t"));
      }
      assertTrue(namesOurDir.isAlive(), "a process started at another time than recorded was signalled");
    } finally {
      for (Process p : List.of(sleeper, namesOurDir)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** A pid file as a crash leaves it (PostgreSQL's layout: pid, data dir, start time, port...). */
  private static void writeStalePidFile(Path pgData, long pid, long startEpochSeconds)
      throws Exception {
    Files.writeString(
        pgData.resolve("postmaster.pid"),
        pid + "\n" + pgData + "\n" + startEpochSeconds + "\n5432\n\n127.0.0.1\n"
            + "  5432001         0\nready   \n");
  }

  @Test
  void stopsTheOrphanOfAKilledJvmAndRestarts() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                PostgresChild.class.getName(),
                dataDir.toString())
            .redirectErrorStream(true)
            .start();
    int orphanPort;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      orphanPort = -1;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("READY ")) {
          orphanPort = Integer.parseInt(line.substring(6).trim());
          break;
        }
      }
      assertNotEquals(-1, orphanPort, "child JVM did not start the server");
      // Write through the child's server, then kill its JVM without any shutdown hook.
      Properties p = new Properties();
      PostgresCredentials creds = PostgresCredentials.load(dataDir.resolve("postgres.credentials"));
      p.setProperty("user", creds.user());
      p.setProperty("password", creds.password());
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:postgresql://127.0.0.1:" + orphanPort + "/buzzbeam", p);
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE survived (x int)");
        s.execute("INSERT INTO survived VALUES (7)");
      }
      child.destroyForcibly();
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    Path pidFile = dataDir.resolve("postgres/postmaster.pid");
    assertTrue(Files.exists(pidFile), "the orphan keeps its pid file");
    long orphanPid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    Optional<ProcessHandle> orphan = ProcessHandle.of(orphanPid);
    assertTrue(orphan.isPresent() && orphan.get().isAlive(), "the postmaster outlived its JVM");

    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0);
        Connection c = pg.connect();
        Statement s = c.createStatement()) {
      assertFalse(pg.attached(), "an orphan is stopped, not attached to");
      assertFalse(orphan.get().isAlive(), "the orphan was shut down");
      assertEquals("7", scalar(s, "SELECT x FROM survived"));
    }
  }

  @Test
  void twoServersRunSideBySide() throws Exception {
    Path other = Files.createDirectories(dataDir.resolve("other"));
    Path mine = Files.createDirectories(dataDir.resolve("mine"));
    try (EmbeddedPostgresServer a = EmbeddedPostgresServer.start(mine, 0);
        EmbeddedPostgresServer b = EmbeddedPostgresServer.start(other, 0)) {
      assertNotEquals(a.port(), b.port());
      try (Connection ca = a.connect(); Connection cb = b.connect()) {
        assertTrue(ca.isValid(2) && cb.isValid(2));
      }
    }
  }

  private static String show(Statement s, String setting) throws SQLException {
    return scalar(s, "SHOW " + setting);
  }

  private static String scalar(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
      return rs.getString(1);
    }
  }

}
