package io.buzzbeam.transforms.keywords;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;

/**
 * The word-list file format shared by the stopword list and the user dictionary: UTF-8, one word a
 * line, a line starting with {@code #} is a comment, blank lines are ignored, a leading byte-order
 * mark is dropped (files saved by Windows editors start with one).
 */
final class WordLists {

  private WordLists() {}

  /** The stripped words of {@code in}, sorted and distinct; the caller normalizes them. */
  static TreeSet<String> parse(InputStream in) throws IOException {
    TreeSet<String> lines = new TreeSet<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String w = line.strip();
        if (w.startsWith("\uFEFF")) {
          w = w.substring(1).strip();
        }
        if (!w.isEmpty() && !w.startsWith("#")) {
          lines.add(w);
        }
      }
    }
    return lines;
  }

  /** A list shipped as a class-path resource (a built-in default). */
  static TreeSet<String> resource(String name) {
    try (InputStream in = WordLists.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
