package io.buzzbeam.transforms.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RawTextTest {

  @Test
  void shortTextIsKept() {
    assertEquals("{\"a\":1}", RawText.truncate("{\"a\":1}"));
    assertEquals("", RawText.truncate(null));
  }

  @Test
  void longTextIsCutTo64KibOfUtf8() {
    String ascii = "a".repeat(70_000);
    assertEquals(65_536, RawText.truncate(ascii).length());
    // 3 bytes per Hangul syllable: 21845 syllables = 65535 bytes; the next would overflow.
    String hangul = "샤".repeat(30_000);
    String cut = RawText.truncate(hangul);
    assertEquals(21_845, cut.length());
    assertTrue(RawText.utf8Length(cut) <= RawText.MAX_BYTES);
  }

  @Test
  void surrogatePairsAreNotSplit() {
    String emoji = "a" + "😀".repeat(20_000); // 1 + 4 bytes each
    String cut = RawText.truncate(emoji);
    assertEquals(1 + 2 * 16_383, cut.length()); // 1 + 16383 * 4 = 65533 bytes
    assertTrue(RawText.utf8Length(cut) <= RawText.MAX_BYTES);
  }

  @Test
  void aDeadLettersRawTextHoldsNoNul() {
    // PostgreSQL text refuses NUL: a raw NUL byte of a malformed line must not fail the sink.
    assertEquals("{\"id\":\"a\uFFFDb\"}", RawText.of("{\"id\":\"a\u0000b\"}"));
  }
}
