package io.buzzbeam.transforms.keywords;

/**
 * The part of a caption that is tokenized, bounded so that no caption can stall a run. SPEC §2
 * accepts any line up to {@code --maxLineBytes} (16 MiB), so a valid caption can hold millions of
 * characters; Instagram itself caps captions at 2,200. Two bounds, neither of which touches a real
 * caption:
 *
 * <ul>
 *   <li>at most {@value #MAX_CHARS} characters are tokenized (and searched for hashtags), so the
 *       grouping by caption text never carries a record near Flink's sort-buffer limit and a
 *       media's morphs stay far below Mongo's 16 MB document limit;
 *   <li>a run of more than {@value #MAX_RUN} characters without white space is broken with a space:
 *       open-korean-text is superlinear in the length of such a run (measured: 1,000 characters of
 *       "가" in 0.6 s, 10,000 in 8 s, 65,536 in 147 s), while real words and hashtag chains are
 *       far shorter.
 * </ul>
 *
 * A caption cut here is counted ({@code buzzbeam/keywords.captions_truncated}); its media keep
 * their whole caption everywhere else (facts, Mongo, stage files).
 */
public final class TokenizedText {
  public static final int MAX_CHARS = 10_000;
  public static final int MAX_RUN = 200;

  private TokenizedText() {}

  /** The text to tokenize for {@code caption} (null → ""). */
  public static String of(String caption) {
    if (caption == null) {
      return "";
    }
    String text = caption;
    if (text.length() > MAX_CHARS) {
      int end = MAX_CHARS;
      if (Character.isHighSurrogate(text.charAt(end - 1))) {
        end--; // never split a surrogate pair
      }
      text = text.substring(0, end);
    }
    return breakLongRuns(text);
  }

  /** True when {@link #of} shortened {@code caption}. */
  public static boolean truncates(String caption) {
    return caption != null && caption.length() > MAX_CHARS;
  }

  private static String breakLongRuns(String text) {
    StringBuilder out = null;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      run = Character.isWhitespace(c) ? 0 : run + 1;
      if (run > MAX_RUN && !Character.isLowSurrogate(c)) {
        if (out == null) {
          out = new StringBuilder(text.length() + text.length() / MAX_RUN).append(text, 0, i);
        }
        out.append(' ');
        run = 1;
      }
      if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
