package io.buzzbeam.pipelines.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.pipelines.command.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectTargetsTest {
  @TempDir Path tmp;

  @Test
  void theShippedLuxuryBrandTargetsFitTheWeeklyHashtagBudget() {
    // Surefire runs in pipelines/; the targets ship in runner-configs/ at the repository root.
    List<BrandTarget> brands = CollectTargets.load(Path.of("../runner-configs/targets/luxury-brands.yaml"));
    assertEquals(List.of("chanel", "louisvuitton", "gucci", "dior", "hermes", "prada", "celine", "bottegaveneta",
        "ysl", "fendi", "burberry"), brands.stream().map(BrandTarget::key).collect(Collectors.toList()));
    assertEquals(new BrandTarget("chanel", "chanelofficial", List.of("chanel", "샤넬")), brands.get(0));
    assertEquals(new BrandTarget("burberry", "burberry", List.of("burberry", "버버리")), brands.get(10));
    assertEquals(22, CollectTargets.uniqueHashtags(brands).size());
    assertTrue(brands.stream().allMatch(b -> b.hashtags().size() == 2));
  }

  @Test
  void hashtagsAreNormalizedLikeTheMarts() throws Exception {
    List<BrandTarget> brands = load("brands:\n  - key: gucci\n    username: gucci\n"
        + "    hashtags: ['#Gucci', GUCCI, 구찌]\n");
    assertEquals(List.of("gucci", "구찌"), brands.get(0).hashtags());
    // A decomposed Hangul syllable (NFD) becomes the composed one (NFC).
    assertEquals("구찌", CollectTargets.normalizeHashtag(java.text.Normalizer.normalize("#구찌", java.text.Normalizer.Form.NFD)));
  }

  @Test
  void mistakesAreUsageErrorsNamingTargets() {
    assertBad("brands: []\n", "needs a non-empty 'brands:' list");
    assertBad("brands:\n  - key: Chanel\n    username: chanelofficial\n", "needs a lowercase key");
    assertBad("brands:\n  - key: chanel\n", "needs an Instagram username");
    assertBad("brands:\n  - key: chanel\n    username: 'chanel){id}'\n", "needs an Instagram username");
    assertBad("brands:\n  - key: chanel\n    username: a\n  - key: chanel\n    username: b\n", "brand 'chanel' appears twice");
    assertBad("brands:\n  - key: chanel\n    username: a\n    hashtag: [x]\n", "unknown field 'hashtag'");
    assertBad("brands:\n  - key: chanel\n    username: a\n    hashtags: chanel\n", "hashtags must be a list");
    assertBad("brands:\n  - key: chanel\n    username: a\n    hashtags: ['two words']\n", "invalid hashtag 'two words'");
    assertBad("brands: [\n", "cannot be read as YAML");
    String many = IntStream.rangeClosed(1, 31).mapToObj(i -> "tag" + i).collect(Collectors.joining(", "));
    assertBad("brands:\n  - key: chanel\n    username: a\n    hashtags: [" + many + "]\n",
        "lists 31 unique hashtags; Instagram allows 30 per account per rolling 7 days");
    UsageException missing = assertThrows(UsageException.class, () -> CollectTargets.load(tmp.resolve("nope.yaml")));
    assertTrue(missing.getMessage().startsWith("--targets "), missing.getMessage());
  }

  private List<BrandTarget> load(String yaml) throws Exception {
    Path f = tmp.resolve("t.yaml");
    Files.writeString(f, yaml);
    return CollectTargets.load(f);
  }

  private void assertBad(String yaml, String expected) {
    UsageException e = assertThrows(UsageException.class, () -> load(yaml));
    assertTrue(e.getMessage().startsWith("--targets "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
