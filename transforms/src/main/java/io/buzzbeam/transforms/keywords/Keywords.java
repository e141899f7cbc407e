package io.buzzbeam.transforms.keywords;

import io.buzzbeam.model.Keyword;
import io.buzzbeam.model.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SPEC §4 keywords: the tokens whose part of speech is Noun, Verb, Adjective or Alpha; the keyword
 * is the stem if there is one, else the text; Alpha (Latin) words are lowercased; stopwords are
 * dropped. One keyword per kept occurrence, in caption order.
 *
 * <p>Hashtags, URLs, mentions (ScreenName), emoji (Foreign), ㅋㅋ (KoreanParticle), particles
 * (Josa) and punctuation have other parts of speech and are therefore never keywords.
 */
public final class Keywords {

  /** The kept parts of speech (open-korean-text {@code KoreanPos} names). */
  public static final Set<String> KEPT_POS = Set.of("Noun", "Verb", "Adjective", "Alpha");

  private Keywords() {}

  public static List<Keyword> of(List<Token> tokens, Stopwords stopwords) {
    List<Keyword> keywords = new ArrayList<>();
    for (Token t : tokens) {
      String pos = t.getPos();
      if (!KEPT_POS.contains(pos)) {
        continue;
      }
      String word = t.getStem() != null ? t.getStem() : t.getText();
      if ("Alpha".equals(pos)) {
        word = word.toLowerCase(Locale.ROOT);
      }
      if (word.isEmpty() || stopwords.contains(word)) {
        continue;
      }
      keywords.add(Keyword.newBuilder().setToken(word).setPos(pos).build());
    }
    return keywords;
  }
}
