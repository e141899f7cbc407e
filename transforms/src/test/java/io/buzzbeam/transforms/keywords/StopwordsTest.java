package io.buzzbeam.transforms.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StopwordsTest {

  @Test
  void defaultListHasKoreanFunctionWordsAndEnglish() {
    Stopwords defaults = Stopwords.defaults();
    for (String w : new String[] {"하다", "있다", "되다", "것", "수", "the", "and"}) {
      assertTrue(defaults.contains(w), w);
    }
    assertFalse(defaults.contains("샤넬"));
    assertFalse(defaults.contains("가방"));
  }

  @Test
  void aFileReplacesTheDefaults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("stop.txt");
    Files.writeString(
        file, "\uFEFF# my list\n\n  Chanel  \n샤넬\n", StandardCharsets.UTF_8);
    Stopwords mine = Stopwords.fromFile(file);
    // Two words: the comment and the blank line are not words; Chanel is stored lowercased.
    assertEquals(2, mine.size());
    assertTrue(mine.contains("chanel"));
    assertTrue(mine.contains("샤넬"));
    assertFalse(mine.contains("하다"), "the default list is replaced, not extended");
  }

  @Test
  void survivesSerializationIntoADoFn() {
    Stopwords defaults = Stopwords.defaults();
    assertEquals(defaults, SerializableUtils.clone(defaults));
  }
}
