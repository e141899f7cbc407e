package io.buzzbeam.pipelines.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.pipelines.command.CommandOptions;
import io.buzzbeam.pipelines.command.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerateCommandTest {
  private static GeneratorConfig parse(String... args) {
    return GenerateCommand.config(CommandOptions.parse(args, GenerateOptions.class), 1.0);
  }

  @Test
  void defaultsAreTheSeedProjectsSetUp() {
    GeneratorConfig c = parse("--out=x");
    assertEquals(42, c.seed());
    assertEquals(LocalDate.of(2023, 8, 28), c.startDate());
    assertEquals(3, c.days());
    assertEquals(11, c.brands());
    assertEquals(1.0, c.scale());
    assertEquals(3, c.crawlAccounts());
    assertTrue(c.faults());
  }

  @Test
  void optionsAreRead() {
    GeneratorConfig c = parse("--out=x", "--seed=-7", "--days=5", "--startDate=2024-01-02",
        "--brands=4", "--scale=2.5", "--crawlAccounts=0", "--faults=false");
    assertEquals(new GeneratorConfig(-7, LocalDate.of(2024, 1, 2), 5, 4, 2.5, 0, false), c);
  }

  @ParameterizedTest
  @CsvSource({
    "--days=0, --days",
    "--days=400, --days",
    "--days=two, --days",
    "--brands=12, --brands",
    "--brands=0, --brands",
    "--scale=abc, --scale",
    "--scale=0, --scale",
    "--scale=-1, --scale",
    "--startDate=2023-13-01, --startDate",
    "--startDate=28.08.2023, --startDate",
    "--faults=maybe, --faults",
    "--seed=x, --seed",
    "--crawlAccounts=-1, --crawlAccounts",
    "--crawlAccounts=51, --crawlAccounts",
    "--colour=red, --colour",
  })
  void badOptionsAreUsageErrorsNamingTheOption(String arg, String option) {
    UsageException e = assertThrows(UsageException.class, () -> parse("--out=x", arg));
    assertTrue(e.getMessage().contains(option), e.getMessage());
  }

  @Test
  void outIsRequired() {
    UsageException e = assertThrows(UsageException.class, () -> new GenerateCommand().run(new String[] {"--days=1"}));
    assertTrue(e.getMessage().contains("--out"), e.getMessage());
  }

  @Test
  void anExistingZoneIsAUsageErrorNamingOut(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("instaloader"));
    UsageException e = assertThrows(UsageException.class,
        () -> new GenerateCommand().run(new String[] {"--out=" + dir, "--days=1", "--brands=1"}));
    assertTrue(e.getMessage().contains("--out"), e.getMessage());
  }

  @Test
  void runWritesAZone(@TempDir Path dir) throws Exception {
    int status = new GenerateCommand().run(new String[] {"--out=" + dir, "--days=1", "--brands=1",
        "--scale=0.1", "--crawlAccounts=1"});
    assertEquals(0, status);
    assertTrue(Files.isDirectory(dir.resolve("graph/dt=2023-08-28")));
    assertTrue(Files.isDirectory(dir.resolve("instaloader/minjun_mom_diary")));
    assertEquals("generate", new GenerateCommand().name());
  }
}
