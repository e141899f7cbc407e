package io.buzzbeam.transforms.keywords;

import io.buzzbeam.transforms.quality.RunCounter;
import io.buzzbeam.model.Keyword;
import io.buzzbeam.model.Media;
import io.buzzbeam.model.MediaMorphs;
import io.buzzbeam.model.Token;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import io.buzzbeam.transforms.coders.ModelCoder;
import io.buzzbeam.transforms.shards.GroupByKeyInShards;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Media → {@link MediaMorphs} (SPEC §4 keywords and hashtags, §6 {@code morphs}).
 *
 * <p>Tokenizing is the most expensive step of the pipeline (~1,000 captions/s a core), and polling
 * sees the same caption many times: the same post under several snapshots, hashtags and sources.
 * So captions are de-duplicated first: media are keyed by caption and grouped, each distinct
 * caption is tokenized once, and the result is joined back to every media that carries it, all in
 * one {@link GroupByKey} ({@link GroupByKeyInShards}: in shards on the DirectRunner). Only a slim morphs skeleton (ids and time buckets) travels with the
 * caption, not the whole media.
 *
 * <p>The tokenizer ({@link TokenizerKind}, Okt unless {@link #withTokenizer}) and its user
 * dictionary (the built-in {@link UserDictionary#defaults()} unless {@link #withUserDictionary})
 * are built once per DoFn instance in {@code @Setup}: one instance because Nori's tokenizer is not
 * thread-safe (Beam calls a DoFn instance from one thread at a time), {@code @Setup} because both
 * load dictionaries. Okt's user words go into its JVM-wide dictionary there, once per JVM (see
 * {@link KoreanTokenizer}).
 */
public class TokenizeCaptions extends PTransform<PCollection<Media>, PCollection<MediaMorphs>> {

  /** Counter names (namespace: this class): distinct captions tokenized, media given morphs. */
  public static final String CAPTIONS_TOKENIZED = "keywords.captions_tokenized";

  public static final String MEDIA_TOKENIZED = "keywords.media_tokenized";
  /** Media whose caption was longer than {@link TokenizedText#MAX_CHARS}: tokenized in part. */
  public static final String CAPTIONS_TRUNCATED = "keywords.captions_truncated";

  /** The namespace of every buzzbeam counter, so that the run report finds them on any runner. */
  public static final String COUNTER_NAMESPACE = "buzzbeam";

  private final Stopwords stopwords;
  private final TokenizerKind tokenizer;
  private final UserDictionary userDictionary;

  private TokenizeCaptions(
      Stopwords stopwords, TokenizerKind tokenizer, UserDictionary userDictionary) {
    this.stopwords = Objects.requireNonNull(stopwords, "stopwords");
    this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
    this.userDictionary = Objects.requireNonNull(userDictionary, "userDictionary");
  }

  /** Okt with the built-in user dictionary and {@code stopwords}. */
  public static TokenizeCaptions withStopwords(Stopwords stopwords) {
    return new TokenizeCaptions(stopwords, TokenizerKind.OKT, UserDictionary.defaults());
  }

  /** The same with another tokenizer ({@code --tokenizer}). */
  public TokenizeCaptions withTokenizer(TokenizerKind kind) {
    return new TokenizeCaptions(stopwords, kind, userDictionary);
  }

  /** The same with another user dictionary ({@code --userDictionary}), for either tokenizer. */
  public TokenizeCaptions withUserDictionary(UserDictionary dictionary) {
    return new TokenizeCaptions(stopwords, tokenizer, dictionary);
  }

  @Override
  public PCollection<MediaMorphs> expand(PCollection<Media> media) {
    RunCounter truncated = RunCounter.of(CAPTIONS_TRUNCATED);
    return media
        .apply(
            "KeyByCaption",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.strings(), TypeDescriptor.of(MediaMorphs.class)))
                .via(
                    (Media m) -> {
                      if (TokenizedText.truncates(m.getCaption())) {
                        truncated.inc();
                      }
                      return KV.of(TokenizedText.of(m.getCaption()), skeleton(m));
                    }))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ModelCoder.of(MediaMorphs.class)))
        .apply("GroupMediaByCaption", GroupByKeyInShards.create())
        .apply("TokenizeEachCaptionOnce", ParDo.of(new TokenizeCaptionFn(stopwords, tokenizer, userDictionary)))
        .setCoder(ModelCoder.of(MediaMorphs.class));
  }

  /** The media's identity and time buckets; tokens, keywords and hashtags are filled later. */
  static MediaMorphs skeleton(Media m) {
    return MediaMorphs.newBuilder()
        .setSource(m.getSource())
        .setScope(m.getScope())
        .setMediaId(m.getMediaId())
        .setBrand(m.getBrand())
        .setAccount(m.getAccount())
        .setDay(m.getDay())
        .setHour(m.getHour())
        .setWeekday(m.getWeekday())
        .setTokens(List.of())
        .setKeywords(List.of())
        .setHashtags(List.of())
        .build();
  }

  /** Tokenizes one distinct caption and fills the morphs of every media carrying it. */
  static class TokenizeCaptionFn extends DoFn<KV<String, Iterable<MediaMorphs>>, MediaMorphs> {

    private final Stopwords stopwords;
    private final TokenizerKind kind;
    private final UserDictionary userDictionary;
    private final RunCounter captionsTokenized = RunCounter.of(CAPTIONS_TOKENIZED);
    private final RunCounter mediaTokenized = RunCounter.of(MEDIA_TOKENIZED);
    private transient CaptionTokenizer tokenizer;

    TokenizeCaptionFn(Stopwords stopwords, TokenizerKind kind, UserDictionary userDictionary) {
      this.stopwords = stopwords;
      this.kind = kind;
      this.userDictionary = userDictionary;
    }

    @Setup
    public void setup() {
      // Dictionaries load once per worker JVM (Okt ~2 s, ~72 MB; Nori's are a JVM singleton);
      // the instance is this DoFn's own, as Nori's is not thread-safe.
      tokenizer = kind.create(userDictionary);
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<MediaMorphs>> captionAndMedia,
        OutputReceiver<MediaMorphs> out) {
      // The key is the caption as tokenized (TokenizedText): bounded, whatever the media holds.
      String caption = captionAndMedia.getKey() == null ? "" : captionAndMedia.getKey();
      List<Token> tokens = tokenizer.tokenize(caption);
      List<Keyword> keywords = Keywords.of(tokens, stopwords);
      List<String> hashtags = Hashtags.extract(caption);
      captionsTokenized.inc();
      for (MediaMorphs skeleton : captionAndMedia.getValue()) {
        out.output(
            MediaMorphs.newBuilder(skeleton)
                .setTokens(tokens)
                .setKeywords(keywords)
                .setHashtags(hashtags)
                .build());
        mediaTokenized.inc();
      }
    }
  }
}
