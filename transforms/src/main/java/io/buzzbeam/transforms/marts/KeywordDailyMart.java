package io.buzzbeam.transforms.marts;

import io.buzzbeam.transforms.tables.Rows;
import io.buzzbeam.model.Keyword;
import io.buzzbeam.model.MediaMorphs;
import io.buzzbeam.transforms.shards.CombinePerKeyInShards;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * {@code mart_keyword_daily} (SPEC §5): per (source, scope, posting day, keyword, part of speech)
 * the number of kept keyword occurrences ({@code occurrences}) and of distinct media using the
 * keyword ({@code media}). Keywords come from {@link io.buzzbeam.transforms.keywords.TokenizeCaptions}.
 */
public class KeywordDailyMart extends PTransform<PCollection<MediaMorphs>, PCollection<Row>> {

  private static final Schema KEY = MartSchemas.keySchema(MartSchemas.KEYWORD_DAILY_TABLE);

  public static KeywordDailyMart create() {
    return new KeywordDailyMart();
  }

  @Override
  public PCollection<Row> expand(PCollection<MediaMorphs> morphs) {
    return morphs
        .apply("OccurrencesPerMediaAndKeyword", ParDo.of(new CountInMediaFn()))
        .setCoder(
            KvCoder.of(RowCoder.of(KEY), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
        .apply("OccurrencesAndMedia", CombinePerKeyInShards.of(Combine.perKey(new OccurrencesAndMediaFn())))
        .setCoder(KvCoder.of(RowCoder.of(KEY), KvCoder.of(VarLongCoder.of(), VarLongCoder.of())))
        .apply(
            "ToMartRow",
            MartRows.keyFieldsThen(
                MartSchemas.KEYWORD_DAILY,
                (KV<Row, KV<Long, Long>> kv) ->
                    new Object[] {Math.toIntExact(kv.getValue().getKey()), Math.toIntExact(kv.getValue().getValue())}))
        .setRowSchema(MartSchemas.KEYWORD_DAILY);
  }

  /** Per media: each distinct (keyword, pos) with how often the caption uses it. */
  static class CountInMediaFn extends DoFn<MediaMorphs, KV<Row, KV<String, Long>>> {
    @ProcessElement
    public void process(@Element MediaMorphs m, OutputReceiver<KV<Row, KV<String, Long>>> out) {
      if (m.getKeywords().isEmpty()) {
        return;
      }
      Map<KV<String, String>, Long> counts = new LinkedHashMap<>();
      for (Keyword k : m.getKeywords()) {
        counts.merge(KV.of(k.getToken(), k.getPos()), 1L, Long::sum);
      }
      LocalDate day = LocalDate.parse(m.getDay());
      for (Map.Entry<KV<String, String>, Long> e : counts.entrySet()) {
        Row key =
            Rows.of(KEY, m.getSource(), m.getScope(), day, e.getKey().getKey(), e.getKey().getValue());
        out.output(KV.of(key, KV.of(m.getMediaId(), e.getValue())));
      }
    }
  }

  /**
   * (media id, occurrences in that media) → (total occurrences, distinct media). Keyed by media id
   * so that a media reaching the mart twice is counted once.
   */
  static class OccurrencesAndMediaFn
      extends Combine.CombineFn<KV<String, Long>, Map<String, Long>, KV<Long, Long>> {

    @Override
    public Map<String, Long> createAccumulator() {
      return new HashMap<>();
    }

    @Override
    public Map<String, Long> addInput(Map<String, Long> acc, KV<String, Long> media) {
      acc.merge(media.getKey(), media.getValue(), Math::max);
      return acc;
    }

    @Override
    public Map<String, Long> mergeAccumulators(Iterable<Map<String, Long>> accs) {
      Map<String, Long> merged = new HashMap<>();
      for (Map<String, Long> acc : accs) {
        acc.forEach((id, n) -> merged.merge(id, n, Math::max));
      }
      return merged;
    }

    @Override
    public KV<Long, Long> extractOutput(Map<String, Long> acc) {
      long occurrences = 0;
      for (long n : acc.values()) {
        occurrences += n;
      }
      return KV.of(occurrences, (long) acc.size());
    }

    @Override
    public Coder<Map<String, Long>> getAccumulatorCoder(
        CoderRegistry registry, Coder<KV<String, Long>> inputCoder) {
      return MapCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    }
  }
}
