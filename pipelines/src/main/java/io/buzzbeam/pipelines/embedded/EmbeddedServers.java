package io.buzzbeam.pipelines.embedded;

import io.buzzbeam.pipelines.sinks.JdbcTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What the {@code run} command needs from SPEC §7 "Without {@code --jdbcUrl} / {@code --mongoUri}
 * the run uses embedded servers kept under {@code --dataDir}": starts only the servers that are not
 * configured, when their target is first asked for (a run with a sink off never starts its
 * server), and hands back the sink targets either way. Close it when the pipeline is done: the
 * embedded Mongo then writes its snapshot and PostgreSQL shuts down cleanly. If {@code serve} is
 * already running on the same data directory, its servers are used (attached) and left running.
 */
public final class EmbeddedServers implements AutoCloseable {
  private final Path dataDir;
  private final @Nullable String jdbcUrl;
  private final @Nullable String jdbcUser;
  private final @Nullable String configuredMongoUri;
  private final int pgPort;
  private final int mongoPort;
  private @Nullable EmbeddedPostgresServer postgres;
  private @Nullable EmbeddedMongoServer mongo;

  /** As {@link #start}, but each embedded server starts when its target is first asked for. */
  public EmbeddedServers(
      Path dataDir,
      @Nullable String jdbcUrl,
      @Nullable String jdbcUser,
      @Nullable String mongoUri,
      int pgPort,
      int mongoPort) {
    this.dataDir = dataDir;
    this.jdbcUrl = jdbcUrl;
    this.jdbcUser = jdbcUser;
    this.configuredMongoUri = mongoUri;
    this.pgPort = pgPort;
    this.mongoPort = mongoPort;
  }

  /**
   * For a run: a null {@code jdbcUrl} starts the embedded PostgreSQL (preferring port 5432), a
   * null {@code mongoUri} the embedded Mongo (preferring 27017); configured ones are only wrapped
   * ({@code jdbcUser} + password from {@code BUZZBEAM_JDBC_PASSWORD}).
   */
  public static EmbeddedServers forRun(
      Path dataDir, @Nullable String jdbcUrl, @Nullable String jdbcUser, @Nullable String mongoUri)
      throws IOException {
    return start(
        dataDir,
        jdbcUrl,
        jdbcUser,
        mongoUri,
        choosePort(EmbeddedPostgresServer.DEFAULT_PORT),
        choosePort(EmbeddedMongoServer.DEFAULT_PORT));
  }

  /** As {@link #forRun} with explicit ports for the embedded servers (0 = any free port). */
  public static EmbeddedServers start(
      Path dataDir,
      @Nullable String jdbcUrl,
      @Nullable String jdbcUser,
      @Nullable String mongoUri,
      int pgPort,
      int mongoPort)
      throws IOException {
    EmbeddedServers servers = new EmbeddedServers(dataDir, jdbcUrl, jdbcUser, mongoUri, pgPort, mongoPort);
    try {
      servers.jdbcTarget();
      servers.mongoUri();
      return servers;
    } catch (IOException | RuntimeException e) {
      try {
        servers.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  private static boolean isBlank(@Nullable String s) {
    return s == null || s.isBlank();
  }

  /** {@code preferred} if it is free on 127.0.0.1, else 0 (any free port). */
  public static int choosePort(int preferred) {
    try (ServerSocket s = new ServerSocket(preferred, 1, InetAddress.getByName("127.0.0.1"))) {
      return preferred;
    } catch (IOException busy) {
      return 0;
    }
  }

  /** The configured PostgreSQL, or the embedded one (started now if it is not yet). */
  public synchronized JdbcTarget jdbcTarget() throws IOException {
    if (!isBlank(jdbcUrl)) {
      return JdbcTarget.of(jdbcUrl, jdbcUser);
    }
    if (postgres == null) {
      postgres = EmbeddedPostgresServer.start(dataDir, pgPort);
    }
    return postgres.target();
  }

  /** The configured MongoDB, or the embedded one (started now if it is not yet). */
  public synchronized String mongoUri() throws IOException {
    if (!isBlank(configuredMongoUri)) {
      return configuredMongoUri;
    }
    if (mongo == null) {
      mongo = EmbeddedMongoServer.start(dataDir, mongoPort);
    }
    return mongo.uri();
  }

  /** The embedded PostgreSQL, or null when {@code --jdbcUrl} was given. */
  public @Nullable EmbeddedPostgresServer postgres() {
    return postgres;
  }

  /** The embedded Mongo, or null when {@code --mongoUri} was given. */
  public @Nullable EmbeddedMongoServer mongo() {
    return mongo;
  }

  /** Snapshots and stops Mongo, then stops PostgreSQL (attached servers are left running). */
  @Override
  public synchronized void close() throws IOException {
    IOException first = null;
    if (mongo != null) {
      try {
        mongo.close();
      } catch (IOException e) {
        first = e;
      }
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
