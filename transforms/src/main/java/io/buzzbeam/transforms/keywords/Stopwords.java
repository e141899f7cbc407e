package io.buzzbeam.transforms.keywords;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words that are never keywords (SPEC §4: "a stopword list that a user can replace").
 *
 * <p>The default list is the resource {@code io/buzzbeam/stopwords-ko.txt}: Korean function words
 * and very common verbs (as the tokenizer stems them, e.g. 하다, 있다, 되다) plus English ones. A
 * user replaces it with {@code --stopwords=FILE}: UTF-8, one word a line, {@code #} starts a comment
 * line, blank lines are ignored. Words are compared after NFC and {@link Locale#ROOT} lowercasing,
 * the same normalization keywords get, so {@code The} in a file also stops {@code the}.
 */
public final class Stopwords implements Serializable {

  private static final long serialVersionUID = 1L;
  static final String DEFAULT_RESOURCE = "/io/buzzbeam/stopwords-ko.txt";

  private final TreeSet<String> words;

  private Stopwords(Collection<String> words) {
    TreeSet<String> normalized = new TreeSet<>();
    for (String w : words) {
      String n = normalize(w);
      if (!n.isEmpty()) {
        normalized.add(n);
      }
    }
    this.words = normalized;
  }

  /** The built-in list. */
  public static Stopwords defaults() {
    return new Stopwords(WordLists.resource(DEFAULT_RESOURCE));
  }

  /** A user's list, replacing the built-in one. */
  public static Stopwords fromFile(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return new Stopwords(WordLists.parse(in));
    }
  }

  /** A user's list, replacing the built-in one. */
  public static Stopwords fromFile(String path) throws IOException {
    return fromFile(Path.of(path));
  }

  public static Stopwords of(Collection<String> words) {
    return new Stopwords(words);
  }

  public static Stopwords none() {
    return new Stopwords(Set.of());
  }

  static String normalize(String word) {
    return Normalizer.normalize(word.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  /** Whether {@code keyword} (already a stem, Alpha already lowercased) is a stopword. */
  public boolean contains(String keyword) {
    return words.contains(keyword) || words.contains(normalize(keyword));
  }

  public int size() {
    return words.size();
  }

  /** The normalized words, sorted: part of a run's identity (the run id covers the stopwords). */
  public Set<String> words() {
    return java.util.Collections.unmodifiableSet(words);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Stopwords && ((Stopwords) o).words.equals(words);
  }

  @Override
  public int hashCode() {
    return words.hashCode();
  }

  @Override
  public String toString() {
    return "Stopwords(" + words.size() + " words)";
  }
}
