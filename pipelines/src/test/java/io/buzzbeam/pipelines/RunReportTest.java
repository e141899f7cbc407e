package io.buzzbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The file lines of the end-of-run report: pruned files beside the balanced read counts. */
class RunReportTest {

  private static String print(Map<String, Long> counters) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new RunReport(counters)
        .print(new PrintStream(bytes, true, StandardCharsets.UTF_8), "run-1", "DirectRunner", 1500, "succeeded");
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void prunedFilesArePrintedAndLeftOutOfTheBalance() {
    String out =
        print(
            Map.of(
                "file.read", 4L,
                "file.valid", 4L,
                "file.pruned", 1234L,
                "file.skipped.link", 2L));
    assertTrue(out.contains("  files pruned by --from: 1,234\n"), out);
    assertTrue(out.contains("read = valid + rejected holds for every model"), out);
    assertTrue(out.contains("  skipped: file link=2\n"), out);
  }

  @Test
  void noPrunedLineWithoutPrunedFiles() {
    String out = print(Map.of("file.read", 4L, "file.valid", 4L, "file.pruned", 0L));
    assertFalse(out.contains("pruned"), out);
  }
}
