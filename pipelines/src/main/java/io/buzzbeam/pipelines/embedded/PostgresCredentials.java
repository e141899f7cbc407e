package io.buzzbeam.pipelines.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Properties;

/**
 * The embedded PostgreSQL's generated credentials, kept in {@code <dataDir>/postgres.credentials}
 * (a properties file, mode 600). They are generated once, on the first start, and reused so that a
 * dashboard configured against the data directory keeps working. Passwords are never logged or
 * printed; {@link #toString()} leaves them out.
 *
 * <p>Keys: {@code user}, {@code password} (the application role that owns the {@code buzzbeam}
 * database), {@code database}, {@code superuser}, {@code superuser_password} (the cluster's
 * {@code postgres} role, needed only to bootstrap).
 */
public final class PostgresCredentials {
  static final String USER = "user";
  static final String PASSWORD = "password";
  static final String DATABASE = "database";
  static final String SUPERUSER = "superuser";
  static final String SUPERUSER_PASSWORD = "superuser_password";

  private static final String ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private final String user;
  private final String password;
  private final String database;
  private final String superuser;
  private final String superuserPassword;

  private PostgresCredentials(
      String user, String password, String database, String superuser, String superuserPassword) {
    this.user = user;
    this.password = password;
    this.database = database;
    this.superuser = superuser;
    this.superuserPassword = superuserPassword;
  }

  /** Reads {@code file}, creating it with fresh random passwords (mode 600) when absent. */
  public static PostgresCredentials loadOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      return load(file);
    }
    PostgresCredentials fresh =
        new PostgresCredentials("buzzbeam", randomSecret(), "buzzbeam", "postgres", randomSecret());
    Properties props = new Properties();
    props.setProperty(USER, fresh.user);
    props.setProperty(PASSWORD, fresh.password);
    props.setProperty(DATABASE, fresh.database);
    props.setProperty(SUPERUSER, fresh.superuser);
    props.setProperty(SUPERUSER_PASSWORD, fresh.superuserPassword);
    Files.createDirectories(file.toAbsolutePath().getParent());
    // Created with mode 600 from the start (no window in which the file is world-readable), then
    // moved into place so that a crash never leaves a half-written credentials file.
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    createOwnerOnly(tmp);
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      props.store(w, "buzzbeam embedded PostgreSQL credentials - keep private (mode 600)");
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return fresh;
  }

  /** Reads an existing credentials file. */
  public static PostgresCredentials load(Path file) throws IOException {
    Properties props = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(r);
    }
    String password = props.getProperty(PASSWORD);
    if (password == null || password.isEmpty()) {
      throw new IOException("no password in " + file);
    }
    return new PostgresCredentials(
        props.getProperty(USER, "buzzbeam"),
        password,
        props.getProperty(DATABASE, "buzzbeam"),
        props.getProperty(SUPERUSER, "postgres"),
        props.getProperty(SUPERUSER_PASSWORD, ""));
  }

  private static void createOwnerOnly(Path path) throws IOException {
    try {
      Files.createFile(
          path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(path);
    }
  }

  static String randomSecret() {
    SecureRandom random = new SecureRandom();
    StringBuilder sb = new StringBuilder(24);
    for (int i = 0; i < 24; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public String database() {
    return database;
  }

  String superuser() {
    return superuser;
  }

  String superuserPassword() {
    return superuserPassword;
  }

  @Override
  public String toString() {
    return "PostgresCredentials{user=" + user + ", database=" + database + ", password=***}";
  }
}
