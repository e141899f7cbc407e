package io.buzzbeam.transforms.keywords;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * Nouns the tokenizers must keep whole (issue #14): Instagram slang such as 육퇴 (육아 퇴근) that
 * open-korean-text splits into 육/Modifier 퇴/Noun, and brand names in Hangul.
 *
 * <p>The default list is the resource {@code io/buzzbeam/userdict-ko.txt} (the two domains of the
 * demo: parenting and luxury); {@code --userDictionary=FILE} replaces it, in the format of the
 * stopword list ({@link WordLists}: one word a line, {@code #} comments). Words are NFC-normalized
 * (a dictionary typed on a Mac holds decomposed Hangul that no caption would match) and must not
 * contain whitespace: both tokenizers match a dictionary word inside one run of non-space text,
 * and Nori would read the rest of the line as a segmentation of the word.
 *
 * <p>The same list feeds both tokenizers ({@link KoreanTokenizer}, {@link NoriTokenizer}), so that
 * switching {@code --tokenizer} does not silently drop the user's words.
 */
public final class UserDictionary implements Serializable {

  private static final long serialVersionUID = 1L;
  static final String DEFAULT_RESOURCE = "/io/buzzbeam/userdict-ko.txt";

  private final TreeSet<String> words;

  private UserDictionary(Collection<String> words) {
    TreeSet<String> normalized = new TreeSet<>();
    for (String w : words) {
      String n = Normalizer.normalize(w.strip(), Normalizer.Form.NFC);
      if (n.isEmpty()) {
        continue;
      }
      if (n.codePoints().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("a user dictionary word must not contain spaces: '" + n + "'");
      }
      normalized.add(n);
    }
    this.words = normalized;
  }

  /** The built-in list (parenting slang, luxury brands and shopping slang). */
  public static UserDictionary defaults() {
    return new UserDictionary(WordLists.resource(DEFAULT_RESOURCE));
  }

  /**
   * A user's list, replacing the built-in one.
   *
   * @throws IllegalArgumentException if a word contains whitespace
   */
  public static UserDictionary fromFile(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return new UserDictionary(WordLists.parse(in));
    }
  }

  /** {@link #fromFile(Path)} for a path string (an option value). */
  public static UserDictionary fromFile(String path) throws IOException {
    return fromFile(Path.of(path));
  }

  public static UserDictionary of(Collection<String> words) {
    return new UserDictionary(words);
  }

  /** No user words: each tokenizer's own dictionary alone. */
  public static UserDictionary none() {
    return new UserDictionary(Set.of());
  }

  /** The NFC words, sorted. */
  public Set<String> words() {
    return Collections.unmodifiableSet(words);
  }

  public boolean isEmpty() {
    return words.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserDictionary && ((UserDictionary) o).words.equals(words);
  }

  @Override
  public int hashCode() {
    return words.hashCode();
  }

  @Override
  public String toString() {
    return "UserDictionary(" + words.size() + " words)";
  }
}
