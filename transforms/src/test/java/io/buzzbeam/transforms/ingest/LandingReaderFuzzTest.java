package io.buzzbeam.transforms.ingest;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
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

  /**
   * The dictionary: the keys and values the rules look at, and the JSON shapes and numbers at their
   * edges, so that mutations swap a value for an object, a NUL, a huge count or a late time.
   */
  @DictionaryEntries({
    "\"kind\"", "\"brand\"", "\"hashtag\"", "\"collected_at\"", "\"response\"",
    "\"business_discovery\"", "\"hashtag_recent_media\"", "\"hashtag_top_media\"",
    "\"error\"", "\"code\"", "\"media\"", "\"data\"", "\"id\"", "\"username\"", "\"name\"",
    "\"followers_count\"", "\"follows_count\"", "\"media_count\"", "\"timestamp\"",
    "\"media_type\"", "\"media_product_type\"", "\"like_count\"", "\"comments_count\"",
    "\"caption\"", "\"media_url\"", "\"permalink\"", "\"node\"", "\"instaloader\"",
    "\"node_type\"", "\"Post\"", "\"taken_at_timestamp\"", "\"date\"", "\"edge_media_to_caption\"",
    "\"edges\"", "\"text\"", "\"edge_media_preview_like\"", "\"edge_liked_by\"", "\"count\"",
    "\"edge_media_to_comment\"", "\"comments\"", "\"owner\"", "\"__typename\"", "\"GraphSidecar\"",
    "\"product_type\"", "\"clips\"", "\"is_video\"", "{}", "[]", "null", "true", "\\u0000", "\\t",
    "-1", "9223372036854775808", "1e400", "253402300800", "\"9999-12-31T23:59:59+0000\""
  })
  @FuzzTest(maxDuration = "2m")
  void everyInputEndsValidRejectedOrSkipped(byte[] input) {
    FuzzedLandingFile.check(input);
  }
}
