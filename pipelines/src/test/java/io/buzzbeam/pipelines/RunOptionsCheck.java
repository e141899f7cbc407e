package io.buzzbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.pipelines.cli.Main;
import io.buzzbeam.pipelines.cli.RunCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The settings of {@code run} over a landing directory, and its usage errors, for option tests. */
final class RunOptionsCheck {

  private RunOptionsCheck() {}

  /** {@code run --runner=DirectRunner --landing=LANDING EXTRA...}, checked. */
  static RunSettings settings(Path landing, String... extra) {
    String[] args = new String[extra.length + 2];
    args[0] = "--runner=DirectRunner";
    args[1] = "--landing=" + landing;
    System.arraycopy(extra, 0, args, 2, extra.length);
    return RunSettings.of(RunCommand.parseOptions(args));
  }

  /** {@code run} with {@code option} exits 2 with one line on stderr holding {@code expected}. */
  static void assertUsage(Path landing, String expected, String option) {
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
