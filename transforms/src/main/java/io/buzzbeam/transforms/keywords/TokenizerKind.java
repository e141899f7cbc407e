package io.buzzbeam.transforms.keywords;

import java.util.Locale;

/** The {@link CaptionTokenizer} of a run: {@code --tokenizer=okt|nori}, Okt by default (SPEC §4). */
public enum TokenizerKind {
  /** open-korean-text (SPEC §4's tokenizer): {@link KoreanTokenizer}. */
  OKT,
  /** Lucene Nori: {@link NoriTokenizer}; faster, segments differently. */
  NORI;

  /** The option value: {@code okt} or {@code nori}. */
  public String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The kind named {@code value} (case-insensitive).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static TokenizerKind parse(String value) {
    for (TokenizerKind kind : values()) {
      if (kind.optionValue().equalsIgnoreCase(value.strip())) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown tokenizer '" + value + "' (okt or nori)");
  }

  /** A new tokenizer of this kind with {@code userDictionary}; one per DoFn instance. */
  public CaptionTokenizer create(UserDictionary userDictionary) {
    return this == OKT ? new KoreanTokenizer(userDictionary) : new NoriTokenizer(userDictionary);
  }
}
