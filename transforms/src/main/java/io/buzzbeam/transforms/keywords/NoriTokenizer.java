package io.buzzbeam.transforms.keywords;

import io.buzzbeam.model.Token;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.ko.KoreanTokenizer.DecompoundMode;
import org.apache.lucene.analysis.ko.POS;
import org.apache.lucene.analysis.ko.dict.Dictionary.Morpheme;
import org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute;
import org.apache.lucene.analysis.ko.tokenattributes.ReadingAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Korean morphological analysis with Lucene Nori (mecab-ko-dic, bundled in the jar), giving the
 * same kind of tokens as {@link KoreanTokenizer} ({@link CaptionTokenizer}): {@code --tokenizer=nori}.
 *
 * <p><b>Segmentation.</b> Decompound mode {@link DecompoundMode#NONE}: a token is a dictionary
 * entry as written in the caption, so compound nouns stay whole (단호박, 어린이집, like Okt and
 * unlike Lucene's default DISCARD, which counts 단 and 호박) and an inflected word is one token
 * (예뻐요) whose morphemes (예쁘/VA + 어요/E) give its stem. Whitespace tokens are dropped, as
 * Okt's Space tokens are. Nori would split {@code #샤넬} into # and 샤넬, URLs into their letters
 * and {@code @chanel} into @ and chanel, so these are cut out first with Okt's parts of speech
 * (Hashtag, URL, Email, ScreenName) and only the text between them is analyzed: their words must
 * not become keywords (hashtags have their own mart). The text is NFC-normalized first (the
 * dictionary holds composed syllables); Okt's normalization (ㅋㅋㅋㅋ → ㅋㅋㅋ, 되나욬 → 되나요)
 * has no Nori counterpart and is not borrowed: it is Okt's own and 40 % of its cost.
 *
 * <p><b>Parts of speech</b> (Nori's Sejong-style tags, the first morpheme's for a compound or
 * inflected token) are mapped to open-korean-text's names, so that {@link Keywords} keeps the same
 * classes: NNG, NNP, NNB, NP, XR → Noun; VV, VX → Verb; VA, VCN → Adjective; SL → Alpha; and, never
 * kept: NR, NNBC, SN → Number (Nori reads 육 of 육퇴 as the numeral six); VCP (이다), J → Josa;
 * E → Eomi; MM → Determiner; MAG → Adverb; MAJ → Conjunction; IC → Exclamation; XPN → Modifier;
 * XSN, XSV, XSA → Suffix; SH, SY (Hanja without a reading, emoji, symbols) → Foreign; SF, SE,
 * SSO, SSC, SC → Punctuation; anything else → Unknown.
 *
 * <p><b>Stems</b>, as Okt gives them: a verb or adjective stems to its first morpheme plus 다
 * (샀어요 = 사/VV + 았/E + 어요/E → 사다; 예뻐요 → 예쁘다); a noun written in Hanja stems to its
 * Hangul reading (韓國 → 한국, what Lucene's {@code KoreanReadingFormFilter} does), so that it is
 * counted with the Hangul spelling; other tokens have none.
 *
 * <p>The {@link UserDictionary} words become Nori user entries (nouns, preferred over any other
 * segmentation). Nori's system dictionary is a JVM-wide read-only singleton and its user
 * dictionary belongs to this tokenizer, so, unlike Okt, different lists in one JVM do not mix.
 * <b>Not thread-safe</b> (a Lucene {@code Tokenizer} is a stateful stream): one instance per DoFn
 * instance, built in {@code @Setup}.
 */
public final class NoriTokenizer implements CaptionTokenizer {

  /**
   * What Okt recognizes as one token and Nori would split. URLs first (they may hold # and @),
   * e-mail addresses before mentions; a hashtag is exactly SPEC §4's ({@link Hashtags}); a
   * mention is an Instagram username (letters, digits, _ and .) not glued to a preceding word.
   */
  private static final Pattern ENTITY =
      Pattern.compile(
          "(?<URL>https?://\\S+|www\\.\\S+)"
              + "|(?<Email>[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,})"
              + "|(?<Hashtag>#[\\p{L}\\p{M}\\p{N}_]+)"
              + "|(?<ScreenName>(?<![\\p{L}\\p{N}_])@[A-Za-z0-9_.]+)");

  private static final String[] ENTITY_KINDS = {"URL", "Email", "Hashtag", "ScreenName"};

  private final org.apache.lucene.analysis.ko.KoreanTokenizer nori;
  private final CharTermAttribute term;
  private final PartOfSpeechAttribute partOfSpeech;
  private final ReadingAttribute reading;

  /** Nori's system dictionary alone. */
  public NoriTokenizer() {
    this(UserDictionary.none());
  }

  public NoriTokenizer(UserDictionary userDictionary) {
    nori =
        new org.apache.lucene.analysis.ko.KoreanTokenizer(
            org.apache.lucene.analysis.ko.KoreanTokenizer.DEFAULT_TOKEN_ATTRIBUTE_FACTORY,
            luceneDictionary(userDictionary),
            DecompoundMode.NONE,
            false, // no unknown-word unigrams: an unknown run of Hangul stays one token, as in Okt
            false); // punctuation stays a token, as in Okt (never a keyword)
    term = nori.addAttribute(CharTermAttribute.class);
    partOfSpeech = nori.addAttribute(PartOfSpeechAttribute.class);
    reading = nori.addAttribute(ReadingAttribute.class);
  }

  /** Nori's user-dictionary format is ours minus comments: one entry a line. Null when empty. */
  private static org.apache.lucene.analysis.ko.dict.UserDictionary luceneDictionary(
      UserDictionary userDictionary) {
    try {
      return org.apache.lucene.analysis.ko.dict.UserDictionary.open(
          new StringReader(String.join("\n", userDictionary.words())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build Nori's user dictionary", e);
    }
  }

  @Override
  public List<Token> tokenize(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    List<Token> tokens = new ArrayList<>();
    Matcher m = ENTITY.matcher(nfc);
    int from = 0;
    while (m.find()) {
      analyze(nfc.substring(from, m.start()), tokens);
      tokens.add(token(m.group(), entityKind(m), null));
      from = m.end();
    }
    analyze(nfc.substring(from), tokens);
    return tokens;
  }

  private static String entityKind(Matcher m) {
    for (String kind : ENTITY_KINDS) {
      if (m.group(kind) != null) {
        return kind;
      }
    }
    throw new IllegalStateException("no entity group matched " + m.group());
  }

  private void analyze(String segment, List<Token> out) {
    if (segment.isBlank()) {
      return;
    }
    try {
      nori.setReader(new StringReader(segment));
      nori.reset();
      while (nori.incrementToken()) {
        POS.Tag tag = partOfSpeech.getLeftPOS();
        if (tag == POS.Tag.SP) {
          continue;
        }
        String text = term.toString();
        String pos = okt(tag);
        out.add(token(text, pos, stem(pos, text)));
      }
      nori.end();
    } catch (IOException e) {
      throw new UncheckedIOException("Nori failed on a string", e); // a StringReader never throws
    } finally {
      try {
        nori.close(); // required before the next setReader
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private String stem(String pos, String text) {
    switch (pos) {
      case "Verb":
      case "Adjective":
        Morpheme[] morphemes = partOfSpeech.getMorphemes();
        // A single-morpheme token (갖 of 갖고) has no morpheme list: its text is the stem.
        String root = morphemes == null || morphemes.length == 0 ? text : morphemes[0].surfaceForm;
        return root + "다";
      case "Noun":
        return reading.getReading(); // Hanja nouns only; null for Hangul ones
      default:
        return null;
    }
  }

  /** Nori's tag → open-korean-text's part of speech (table in the class comment). */
  static String okt(POS.Tag tag) {
    switch (tag) {
      case NNG:
      case NNP:
      case NNB:
      case NP:
      case XR:
        return "Noun";
      case VV:
      case VX:
        return "Verb";
      case VA:
      case VCN:
        return "Adjective";
      case SL:
        return "Alpha";
      case NR:
      case NNBC:
      case SN:
        return "Number";
      case VCP:
      case J:
        return "Josa";
      case E:
        return "Eomi";
      case MM:
        return "Determiner";
      case MAG:
        return "Adverb";
      case MAJ:
        return "Conjunction";
      case IC:
        return "Exclamation";
      case XPN:
        return "Modifier";
      case XSN:
      case XSV:
      case XSA:
        return "Suffix";
      case SH:
      case SY:
        return "Foreign";
      case SF:
      case SE:
      case SSO:
      case SSC:
      case SC:
        return "Punctuation";
      default:
        return "Unknown";
    }
  }

  private static Token token(String text, String pos, String stem) {
    return Token.newBuilder().setText(text).setPos(pos).setStem(stem).build();
  }
}
