package io.buzzbeam.pipelines.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.buzzbeam.pipelines.command.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code --targets} YAML file:
 *
 * <pre>
 * brands:
 *   - key: chanel
 *     username: chanelofficial
 *     hashtags: [chanel, 샤넬]
 * </pre>
 *
 * Mistakes are usage errors naming {@code --targets}, found before any API call is spent.
 */
public final class CollectTargets {
  /** Instagram lets one account query this many unique hashtags per rolling 7 days. */
  public static final int WEEKLY_HASHTAG_LIMIT = 30;

  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  // Instagram usernames: letters, digits, '.', '_' (max 30). Also keeps ')' and '{' out of the
  // business_discovery field expansion the username is spliced into.
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._]{1,30}");
  private static final Pattern HASHTAG = Pattern.compile("[\\p{L}\\p{M}\\p{N}_]{1,100}");
  private static final Set<String> BRAND_FIELDS = Set.of("key", "username", "hashtags");

  private CollectTargets() {}

  public static List<BrandTarget> load(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw bad(file, "cannot be read as YAML (" + firstLine(e.getMessage()) + ")");
    }
    if (root == null || !root.path("brands").isArray() || root.path("brands").isEmpty()) {
      throw bad(file, "needs a non-empty 'brands:' list");
    }
    List<BrandTarget> brands = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    int index = 0;
    for (JsonNode b : root.path("brands")) {
      index++;
      String where = "brand #" + index;
      if (!b.isObject()) {
        throw bad(file, where + " must be a mapping with key, username, hashtags");
      }
      for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!BRAND_FIELDS.contains(f)) {
          throw bad(file, where + " has unknown field '" + f + "' (expected key, username, hashtags)");
        }
      }
      String key = b.path("key").asText("");
      if (!KEY.matcher(key).matches()) {
        throw bad(file, where + " needs a lowercase key like 'chanel', got '" + key + "'");
      }
      where = "brand '" + key + "'";
      if (!keys.add(key)) {
        throw bad(file, where + " appears twice");
      }
      String username = b.path("username").asText("");
      if (!USERNAME.matcher(username).matches()) {
        throw bad(file, where + " needs an Instagram username (letters, digits, . and _), got '" + username + "'");
      }
      List<String> hashtags = new ArrayList<>();
      JsonNode tags = b.path("hashtags");
      if (!tags.isMissingNode() && !tags.isNull()) {
        if (!tags.isArray()) {
          throw bad(file, where + ": hashtags must be a list like [chanel, 샤넬]");
        }
        for (JsonNode t : tags) {
          String tag = normalizeHashtag(t.asText(""));
          if (!HASHTAG.matcher(tag).matches()) {
            throw bad(file, where + " has an invalid hashtag '" + t.asText("") + "'");
          }
          if (!hashtags.contains(tag)) {
            hashtags.add(tag);
          }
        }
      }
      brands.add(new BrandTarget(key, username, hashtags));
    }
    int unique = uniqueHashtags(brands).size();
    if (unique > WEEKLY_HASHTAG_LIMIT) {
      throw bad(file, "lists " + unique + " unique hashtags; Instagram allows "
          + WEEKLY_HASHTAG_LIMIT + " per account per rolling 7 days");
    }
    return List.copyOf(brands);
  }

  /** Hashtags as SPEC and ARCHITECTURE store them: without '#', lowercased (ROOT), NFC. */
  static String normalizeHashtag(String raw) {
    String t = raw.strip();
    while (t.startsWith("#")) {
      t = t.substring(1);
    }
    return Normalizer.normalize(t.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
  }

  static Set<String> uniqueHashtags(List<BrandTarget> brands) {
    Set<String> all = new LinkedHashSet<>();
    brands.forEach(b -> all.addAll(b.hashtags()));
    return all;
  }

  private static UsageException bad(Path file, String why) {
    return new UsageException("--targets " + file + ": " + why);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
