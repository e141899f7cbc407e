package io.buzzbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.pipelines.cli.Main;
import io.buzzbeam.pipelines.cli.RunCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the option tests of {@code run}: its settings over a landing directory of the test's
 * own, and its usage errors.
 */
abstract class RunOptionsCheck {

  @TempDir Path landing;

  /** {@code run --runner=DirectRunner --landing=LANDING EXTRA...}, checked. */
  RunSettings settings(String... extra) {
    String[] args = new String[extra.length + 2];
    args[0] = "--runner=DirectRunner";
    args[1] = "--landing=" + landing;
    System.arraycopy(extra, 0, args, 2, extra.length);
    return RunSettings.of(RunCommand.parseOptions(args));
  }

  /** {@code run} with {@code option} exits 2 with one line on stderr holding {@code expected}. */
  void assertUsage(String expected, String option) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            new String[] {"run", "--runner=DirectRunner", "--landing=" + landing, option},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, status, message);
    assertEquals(1, message.strip().lines().count(), message);
    assertTrue(message.contains(expected), message);
  }
}
