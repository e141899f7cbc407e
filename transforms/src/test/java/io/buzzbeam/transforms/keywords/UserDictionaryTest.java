package io.buzzbeam.transforms.keywords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDictionaryTest {

  @TempDir Path dir;

  @Test
  void defaultsHoldTheSlangAndTheBrandsAsCaptionsWriteThem() {
    Set<String> words = UserDictionary.defaults().words();
    assertTrue(words.containsAll(List.of("육퇴", "맘스타그램", "등원룩", "이유식")), words.toString());
    // The Hangul names of pipelines' generate Brand.koreanName(): 셀린느, not 셀린.
    assertTrue(
        words.containsAll(
            List.of("샤넬", "루이비통", "구찌", "디올", "프라다", "생로랑", "펜디", "버버리", "에르메스", "셀린느", "보테가베네타")),
        words.toString());
    assertTrue(words.stream().noneMatch(w -> w.startsWith("#")), "comments are not words");
  }

  @Test
  void aFileReplacesTheDefaultsInTheStopwordFormat() throws Exception {
    Path file = dir.resolve("dict.txt");
    String nfd = Normalizer.normalize("육퇴", Normalizer.Form.NFD); // typed on a Mac
    Files.writeString(
        file, "\uFEFF# mine\n\n  " + nfd + "  \n완밥\n# 통잠\n완밥\n", StandardCharsets.UTF_8);
    assertEquals(Set.of("육퇴", "완밥"), UserDictionary.fromFile(file).words());
  }

  @Test
  void wordsWithSpacesAreRefused() throws Exception {
    // Nori would read "육아 퇴근" as the word 육아 segmented into 퇴근; Okt never sees a space
    // inside a noun.
    Path file = dir.resolve("dict.txt");
    Files.writeString(file, "육아 퇴근\n", StandardCharsets.UTF_8);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> UserDictionary.fromFile(file));
    assertEquals("a user dictionary word must not contain spaces: '육아 퇴근'", e.getMessage());
  }
}
