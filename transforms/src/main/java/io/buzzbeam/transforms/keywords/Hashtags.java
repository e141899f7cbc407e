package io.buzzbeam.transforms.keywords;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SPEC §4 hashtags of a caption: {@code #} followed by one or more Unicode letters, marks, digits
 * or {@code _}; NFC-normalized, lowercased with {@link Locale#ROOT}; each distinct tag once per
 * media, in first-seen order, stored without the {@code #}.
 *
 * <p>Marks ({@code \p{M}}) are part of a tag so that decomposed (NFD) Hangul and accented Latin
 * letters stay in one tag; NFC afterwards makes {@code #샤넬} typed on a Mac equal to the same tag
 * typed on a phone.
 */
public final class Hashtags {

  private static final Pattern HASHTAG = Pattern.compile("#([\\p{L}\\p{M}\\p{N}_]+)");

  private Hashtags() {}

  /** The distinct hashtags of {@code caption}, normalized, in first-seen order; empty for null. */
  public static List<String> extract(String caption) {
    if (caption == null || caption.indexOf('#') < 0) {
      return List.of();
    }
    Set<String> tags = new LinkedHashSet<>();
    Matcher m = HASHTAG.matcher(caption);
    while (m.find()) {
      tags.add(normalize(m.group(1)));
    }
    return new ArrayList<>(tags);
  }

  /** NFC first (so that NFD Hangul composes), then a locale-independent lowercase. */
  static String normalize(String tag) {
    return Normalizer.normalize(tag, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }
}
