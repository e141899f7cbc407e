package io.buzzbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buzzbeam.pipelines.sinks.JdbcTarget;
import io.buzzbeam.pipelines.sinks.MongoTimeouts;
import org.junit.jupiter.api.Test;

/**
 * {@code --maxLineBytes} and {@code --maxFileBytes} (SPEC §2 Limits), and the server timeouts
 * ({@code --jdbc*TimeoutSeconds}, {@code --mongo*TimeoutSeconds}): defaults, values, usage errors.
 */
class RunLimitOptionsTest extends RunOptionsCheck {

  @Test
  void defaultsAreThoseOfTheSpec() {
    RunSettings s = settings();
    assertEquals(16 * 1024 * 1024, s.landingLimits.maxLineBytes);
    assertEquals(4L * 1024 * 1024 * 1024, s.landingLimits.maxFileBytes);
  }

  @Test
  void givenLimitsAreTaken() {
    RunSettings s = settings("--maxLineBytes=1024", "--maxFileBytes=5000000000");
    assertEquals(1024, s.landingLimits.maxLineBytes);
    assertEquals(5_000_000_000L, s.landingLimits.maxFileBytes);
  }

  @Test
  void badLimitsAreOneLineUsageErrors() {
    String line = "--maxLineBytes must be a number of bytes between 1 and 1073741824, got ";
    assertUsage(line + "'0'", "--maxLineBytes=0");
    assertUsage(line + "'2000000000'", "--maxLineBytes=2000000000");
    assertUsage(line + "'16MiB'", "--maxLineBytes=16MiB");
    assertUsage("--maxFileBytes must be a number of bytes between 1 and 9223372036854775807, got '-1'", "--maxFileBytes=-1");
    assertUsage("--maxFileBytes must be a number of bytes between 1 and 9223372036854775807, got '4G'", "--maxFileBytes=4G");
  }

  @Test
  void timeoutsDefaultToMinutesAndTakeGivenSeconds() {
    RunSettings s = settings();
    assertEquals(new JdbcTarget.Timeouts(30, 180, 120), s.jdbcTimeouts);
    assertEquals(new MongoTimeouts(30, 180, 30), s.mongoTimeouts);
    s = settings("--jdbcConnectTimeoutSeconds=0", "--jdbcSocketTimeoutSeconds=0", "--jdbcStatementTimeoutSeconds=0",
        "--mongoConnectTimeoutSeconds=1", "--mongoSocketTimeoutSeconds=0", "--mongoServerSelectionTimeoutSeconds=2");
    assertEquals(JdbcTarget.Timeouts.NONE, s.jdbcTimeouts);
    assertEquals(new MongoTimeouts(1, 0, 2), s.mongoTimeouts);
  }

  @Test
  void badTimeoutsAreOneLineUsageErrors() {
    assertUsage("--jdbcSocketTimeoutSeconds must be an integer, got 'abc'", "--jdbcSocketTimeoutSeconds=abc");
    assertUsage("--lockWaitSeconds must be an integer, got '1.5'", "--lockWaitSeconds=1.5");
    assertUsage("--jdbcConnectTimeoutSeconds must be a number of seconds between 0 and 86400, got -1", "--jdbcConnectTimeoutSeconds=-1");
    assertUsage("--mongoSocketTimeoutSeconds must be a number of seconds between 0 and 86400, got 86401", "--mongoSocketTimeoutSeconds=86401");
    assertUsage("--mongoServerSelectionTimeoutSeconds must be a number of seconds between 1 and 86400, got 0", "--mongoServerSelectionTimeoutSeconds=0");
    // A statement timeout at or above the socket timeout (the 180 s default) would leave the
    // client to give up first, with a bare read timeout.
    assertUsage("--jdbcStatementTimeoutSeconds must be between 1 and --jdbcSocketTimeoutSeconds - 1 (got 180 and 180)", "--jdbcStatementTimeoutSeconds=180");
    assertUsage("--jdbcStatementTimeoutSeconds must be between 1 and --jdbcSocketTimeoutSeconds - 1 (got 0 and 180)", "--jdbcStatementTimeoutSeconds=0");
  }
}
