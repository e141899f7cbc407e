package io.buzzbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --maxLineBytes} and {@code --maxFileBytes} (SPEC §2 Limits): defaults, values, usage errors. */
class RunLimitOptionsTest {

  @TempDir Path landing;

  private RunSettings settings(String... extra) {
    return RunOptionsCheck.settings(landing, extra);
  }

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

  private void assertUsage(String expected, String option) {
    RunOptionsCheck.assertUsage(landing, expected, option);
  }
}
