package io.buzzbeam.transforms.marts;

import io.buzzbeam.transforms.ingest.Sources;
import io.buzzbeam.transforms.tables.Tables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code mart_hashtag_spike} (docs/METRICS.md §4): the days of the window on which a brand hashtag's
 * mentions ({@code mart_hashtag_daily.media}, sources {@code brand} and {@code hashtag}) reach the
 * floor {@code minMentions} and exceed {@code mean + sigma · sd} of the previous {@code baselineDays}
 * calendar days (a day without a row counts 0; population standard deviation).
 *
 * <p>The input is the window's {@code mart_hashtag_daily} rows; the baseline of the window's first
 * days comes from {@code history}: the published rows of the {@code baselineDays} days before the
 * window (null: the window holds all history, as in a run without {@code --from}).
 */
public class HashtagSpikeMart extends PTransform<PCollection<Row>, PCollection<Row>> {

  private final @Nullable PCollection<Row> history;
  private final int baselineDays;
  private final double sigma;
  private final int minMentions;

  private HashtagSpikeMart(@Nullable PCollection<Row> history, int baselineDays, double sigma, int minMentions) {
    this.history = history;
    this.baselineDays = baselineDays;
    this.sigma = sigma;
    this.minMentions = minMentions;
  }

  public static HashtagSpikeMart of(int baselineDays, double sigma, int minMentions) {
    return new HashtagSpikeMart(null, baselineDays, sigma, minMentions);
  }

  /** Baselines also from {@code published}: {@code mart_hashtag_daily} rows of days before the window. */
  public HashtagSpikeMart withHistory(@Nullable PCollection<Row> published) {
    return new HashtagSpikeMart(published, baselineDays, sigma, minMentions);
  }

  private static final TupleTag<Row> WINDOW = new TupleTag<Row>() {};
  private static final TupleTag<Row> HISTORY = new TupleTag<Row>() {};

  @Override
  public PCollection<Row> expand(PCollection<Row> hashtagDaily) {
    PCollection<Row> before =
        history != null
            ? history
            : hashtagDaily.getPipeline().apply("NoHistory", Create.empty(RowCoder.of(Tables.MART_HASHTAG_DAILY.schema())));
    return KeyedPCollectionTuple.of(WINDOW, byTag("Window", hashtagDaily))
        .and(HISTORY, byTag("History", before))
        .apply("JoinOnTag", CoGroupByKey.create())
        .apply("SpikesOfEachTag", ParDo.of(new SpikeFn(baselineDays, sigma, minMentions)))
        .setRowSchema(Tables.MART_HASHTAG_SPIKE.schema());
  }

  static boolean isBrandTag(Row r) {
    String source = r.getString("source");
    return Sources.BRAND.equals(source) || Sources.HASHTAG.equals(source);
  }

  private static PCollection<KV<List<String>, Row>> byTag(String name, PCollection<Row> rows) {
    return rows.apply(name + "BrandTags", Filter.by(HashtagSpikeMart::isBrandTag))
        .apply(
            name + "ByTag",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.lists(TypeDescriptors.strings()), TypeDescriptors.rows()))
                .via((Row r) -> KV.of(List.of(r.getString("source"), r.getString("scope"), r.getString("hashtag")), r)))
        .setCoder(KvCoder.of(ListCoder.of(StringUtf8Coder.of()), RowCoder.of(Tables.MART_HASHTAG_DAILY.schema())));
  }

  /** The baseline of one day: mean, population sd and threshold of the previous days' mentions. */
  static final class Baseline {
    final double mean;
    final double sd;
    final double threshold;

    /** From the exact integer sums, so the figures do not depend on the order of the days. */
    Baseline(long[] mentions, double sigma) {
      long n = mentions.length;
      long sum = 0;
      long squares = 0;
      for (long m : mentions) {
        sum += m;
        squares += m * m;
      }
      this.mean = (double) sum / n;
      // Var = (n·Σx² − (Σx)²) / n², computed in integers (exact; never negative).
      this.sd = Math.sqrt((double) (n * squares - sum * sum) / ((double) n * n));
      this.threshold = mean + sigma * sd;
    }
  }

  static class SpikeFn extends DoFn<KV<List<String>, CoGbkResult>, Row> {
    private final int baselineDays;
    private final double sigma;
    private final int minMentions;

    SpikeFn(int baselineDays, double sigma, int minMentions) {
      this.baselineDays = baselineDays;
      this.sigma = sigma;
      this.minMentions = minMentions;
    }

    @ProcessElement
    public void process(@Element KV<List<String>, CoGbkResult> tag, OutputReceiver<Row> out) {
      Map<LocalDate, Integer> mentions = new HashMap<>();
      for (Row r : tag.getValue().getAll(HISTORY)) {
        mentions.put(r.getLogicalTypeValue("day", LocalDate.class), r.getInt32("media"));
      }
      List<Row> window = new ArrayList<>(); // a grouping's values can be read once only (Flink)
      tag.getValue().getAll(WINDOW).forEach(window::add);
      for (Row r : window) { // the window's own rows win over anything published for its days
        mentions.put(r.getLogicalTypeValue("day", LocalDate.class), r.getInt32("media"));
      }
      for (Row r : window) {
        LocalDate day = r.getLogicalTypeValue("day", LocalDate.class);
        int today = r.getInt32("media");
        if (today < minMentions) {
          continue;
        }
        long[] before = new long[baselineDays];
        for (int i = 1; i <= baselineDays; i++) {
          before[i - 1] = mentions.getOrDefault(day.minusDays(i), 0);
        }
        Baseline b = new Baseline(before, sigma);
        if (today > b.threshold) {
          out.output(
              Row.withSchema(Tables.MART_HASHTAG_SPIKE.schema())
                  .addValues(
                      tag.getKey().get(0), tag.getKey().get(1), day, tag.getKey().get(2),
                      today, baselineDays, b.mean, b.sd, b.threshold)
                  .build());
        }
      }
    }
  }
}
