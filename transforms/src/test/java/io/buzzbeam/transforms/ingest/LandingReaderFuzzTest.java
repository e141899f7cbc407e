package io.buzzbeam.transforms.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the landing reader and parser (docs/FUZZING.md): whatever bytes a
 * landing file holds — plain, gzip or xz — the run reads them into valid, rejected or skipped
 * items with {@code read = valid + rejected} per model, nothing escapes as an exception, and
 * nothing held passes {@code maxLineBytes} ({@link FuzzedLandingFile}).
 *
 * <p>In a normal test run Jazzer only replays the committed inputs (real Graph API bodies and
 * Instaloader files, generator output, and every crash found so far) from {@code
 * src/test/resources/io/buzzbeam/transforms/ingest/LandingReaderFuzzTestInputs/}; with {@code
 * JAZZER_FUZZ=1} it fuzzes for {@code maxDuration}.
 */
class LandingReaderFuzzTest {

  @FuzzTest(maxDuration = "2m")
  void everyInputEndsValidRejectedOrSkipped(byte[] input) {
    FuzzedLandingFile.check(input);
  }
}
