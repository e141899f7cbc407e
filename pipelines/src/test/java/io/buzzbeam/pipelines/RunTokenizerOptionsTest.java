package io.buzzbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.buzzbeam.transforms.keywords.TokenizerKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --tokenizer} and {@code --userDictionary} (issue #14): defaults, values, usage errors, run id. */
class RunTokenizerOptionsTest extends RunOptionsCheck {
  @TempDir Path dir;

  @Test
  void oktAndTheBuiltInDictionaryByDefault() {
    RunSettings s = settings();
    assertEquals(TokenizerKind.OKT, s.tokenizer);
    assertNull(s.userDictionary);
  }

  @Test
  void givenValuesAreTaken() throws Exception {
    Path dict = dir.resolve("dict.txt");
    Files.writeString(dict, "# mine\n육퇴\n", StandardCharsets.UTF_8);
    RunSettings s = settings("--tokenizer=nori", "--userDictionary=" + dict);
    assertEquals(TokenizerKind.NORI, s.tokenizer);
    assertEquals(dict.toString(), s.userDictionary);
  }

  @Test
  void badValuesAreOneLineUsageErrors() throws Exception {
    assertUsage("--tokenizer must be okt or nori, got 'mecab'", "--tokenizer=mecab");
    Path missing = dir.resolve("missing.txt");
    assertUsage("--userDictionary: no such file: " + missing, "--userDictionary=" + missing);
    Path spaced = dir.resolve("spaced.txt");
    Files.writeString(spaced, "육아 퇴근\n", StandardCharsets.UTF_8);
    assertUsage(
        "--userDictionary: " + spaced + ": a user dictionary word must not contain spaces: '육아 퇴근'",
        "--userDictionary=" + spaced);
  }

  @Test
  void theRunIdCoversTheTokenizerAndTheDictionaryButNotTheDefaults() throws Exception {
    Path dict = dir.resolve("dict.txt");
    Files.writeString(dict, "육퇴\n", StandardCharsets.UTF_8);
    String defaults = RunIds.derive(settings());
    assertEquals(defaults, RunIds.derive(settings("--tokenizer=okt")));
    assertNotEquals(defaults, RunIds.derive(settings("--tokenizer=nori")));
    assertNotEquals(defaults, RunIds.derive(settings("--userDictionary=" + dict)));
  }
}
