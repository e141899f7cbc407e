package io.buzzbeam.pipelines.embedded;

import java.nio.file.Paths;

/**
 * Test helper run in a separate JVM by {@link EmbeddedPostgresServerTest}: starts the embedded server
 * on {@code args[0]}, prints {@code READY <port>} and waits to be killed, so that the test can
 * leave an orphaned postmaster behind exactly like a SIGKILLed {@code ./buzzbeam run} would.
 */
public final class PostgresChild {
  public static void main(String[] args) throws Exception {
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Paths.get(args[0]), 0);
    System.out.println("READY " + server.port());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
