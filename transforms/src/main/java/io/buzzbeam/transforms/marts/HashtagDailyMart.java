package io.buzzbeam.transforms.marts;

import io.buzzbeam.transforms.tables.Rows;
import io.buzzbeam.model.Media;
import io.buzzbeam.transforms.keywords.Hashtags;
import io.buzzbeam.transforms.shards.CombinePerKeyInShards;
import java.time.LocalDate;
import org.apache.beam.sdk.coders.KvCoder;
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
 * {@code mart_hashtag_daily} (SPEC §5): per (source, scope, posting day, hashtag) the number of
 * distinct media whose caption carries the tag ({@link Hashtags}), for every source including
 * crawl.
 */
public class HashtagDailyMart extends PTransform<PCollection<Media>, PCollection<Row>> {

  private static final Schema KEY = MartSchemas.keySchema(MartSchemas.HASHTAG_DAILY_TABLE);

  public static HashtagDailyMart create() {
    return new HashtagDailyMart();
  }

  @Override
  public PCollection<Row> expand(PCollection<Media> media) {
    return media
        .apply("MediaIdByHashtag", ParDo.of(new HashtagsFn()))
        .setCoder(KvCoder.of(RowCoder.of(KEY), StringUtf8Coder.of()))
        .apply("DistinctMediaPerHashtag", CombinePerKeyInShards.of(Combine.perKey(new DistinctMediaCountFn())))
        .setCoder(KvCoder.of(RowCoder.of(KEY), VarLongCoder.of()))
        .apply(
            "ToMartRow",
            MartRows.keyFieldsThen(
                MartSchemas.HASHTAG_DAILY, (KV<Row, Long> kv) -> new Object[] {Math.toIntExact(kv.getValue())}))
        .setRowSchema(MartSchemas.HASHTAG_DAILY);
  }

  /** One (key, media id) per distinct hashtag of the caption. */
  static class HashtagsFn extends DoFn<Media, KV<Row, String>> {
    @ProcessElement
    public void process(@Element Media m, OutputReceiver<KV<Row, String>> out) {
      LocalDate day = LocalDate.parse(m.getDay());
      for (String tag : Hashtags.extract(m.getCaption())) {
        out.output(
            KV.of(
                Rows.of(KEY, m.getSource(), m.getScope(), day, tag),
                m.getMediaId()));
      }
    }
  }
}
