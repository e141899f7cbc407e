package io.buzzbeam.pipelines;

import io.buzzbeam.pipelines.cli.Main;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./buzzbeam} in a JVM of its own, on the test's class path: for tests that kill a run, or
 * whose run must not be able to wedge the test's JVM.
 */
public final class ChildRuns {
  private ChildRuns() {}

  /** Starts {@code ./buzzbeam args...}; stdout and stderr go to {@code log}. */
  public static Process start(Path log, List<String> args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
        "--add-opens=java.base/java.time=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("BUZZBEAM_DEBUG", "1"); // a failed run's log shows where
    return pb.start();
  }
}
