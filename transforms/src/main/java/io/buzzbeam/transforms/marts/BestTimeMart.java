package io.buzzbeam.transforms.marts;

import io.buzzbeam.model.Media;
import io.buzzbeam.transforms.tables.Tables;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * {@code mart_best_time} (docs/METRICS.md §2): per brand, and over all brands ({@link #ALL_BRANDS}),
 * the mean engagement rate of the brand media posted in each weekday × hour cell, the posts behind
 * it, whether the cell has at least {@code minPosts} rated posts, and the cell's rank within its
 * brand among the sufficient cells.
 *
 * <p>The rate is each media's SPEC §4 engagement rate as {@link AttachFollowers#engagementRate}
 * attached it (published media carry the published one); the mean is {@link PostEngagementFn#mean}
 * (exact sum, so order-independent). Cells without posts have no row.
 */
public class BestTimeMart extends PTransform<PCollection<Media>, PCollection<Row>> {

  /** The brand key of the overall cells: every brand's media together. */
  public static final String ALL_BRANDS = "__all__";

  private final int minPosts;

  private BestTimeMart(int minPosts) {
    this.minPosts = minPosts;
  }

  /** Cells with fewer than {@code minPosts} rated posts are marked insufficient and not ranked. */
  public static BestTimeMart withMinPosts(int minPosts) {
    if (minPosts < 1) {
      throw new IllegalArgumentException("minPosts must be >= 1, got " + minPosts);
    }
    return new BestTimeMart(minPosts);
  }

  /** One cell's figures before ranking. */
  static final class Cell implements Serializable {
    private static final long serialVersionUID = 1L;
    final int slot; // (weekday - 1) * 24 + hour
    final int posts;
    final int ratedPosts;
    final Double avg;

    Cell(int slot, int posts, int ratedPosts, Double avg) {
      this.slot = slot;
      this.posts = posts;
      this.ratedPosts = ratedPosts;
      this.avg = avg;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Cell && slot == ((Cell) o).slot && posts == ((Cell) o).posts
          && ratedPosts == ((Cell) o).ratedPosts && java.util.Objects.equals(avg, ((Cell) o).avg);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(slot, posts, ratedPosts, avg);
    }
  }

  @Override
  public PCollection<Row> expand(PCollection<Media> media) {
    KvCoder<String, Integer> cellKey = KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of());
    return media
        .apply("BrandMedia", Filter.by(BrandActivity::isBrandMedia))
        .apply("RateByBrandAndAllCells", ParDo.of(new ToCellsFn()))
        .setCoder(KvCoder.of(cellKey, NullableCoder.of(DoubleCoder.of())))
        .apply("MediaOfEachCell", GroupByKey.create())
        .apply("CellFigures", ParDo.of(new CellFn()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SerializableCoder.of(Cell.class)))
        .apply("CellsOfEachBrand", GroupByKey.create())
        .apply("RankCellsOfEachBrand", ParDo.of(new RankFn(minPosts)))
        .setRowSchema(Tables.MART_BEST_TIME.schema());
  }

  /** Each brand media to its brand's cell and to the overall cell. */
  static class ToCellsFn extends DoFn<Media, KV<KV<String, Integer>, Double>> {
    @ProcessElement
    public void process(@Element Media m, OutputReceiver<KV<KV<String, Integer>, Double>> out) {
      int slot = (m.getWeekday() - 1) * 24 + m.getHour();
      out.output(KV.of(KV.of(BrandActivity.brandOf(m), slot), m.getEngagementRate()));
      out.output(KV.of(KV.of(ALL_BRANDS, slot), m.getEngagementRate()));
    }
  }

  static class CellFn extends DoFn<KV<KV<String, Integer>, Iterable<Double>>, KV<String, Cell>> {
    @ProcessElement
    public void process(@Element KV<KV<String, Integer>, Iterable<Double>> cell, OutputReceiver<KV<String, Cell>> out) {
      // A grouping's values can be read once only (Flink): copied first.
      List<Double> rates = new ArrayList<>();
      cell.getValue().forEach(rates::add);
      int posts = rates.size();
      int rated = 0;
      for (Double rate : rates) {
        if (rate != null) {
          rated++;
        }
      }
      Double avg = PostEngagementFn.mean(rates);
      out.output(KV.of(cell.getKey().getKey(), new Cell(cell.getKey().getValue(), posts, rated, avg)));
    }
  }

  static class RankFn extends DoFn<KV<String, Iterable<Cell>>, Row> {
    private final int minPosts;

    RankFn(int minPosts) {
      this.minPosts = minPosts;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Cell>> brand, OutputReceiver<Row> out) {
      List<Cell> cells = new ArrayList<>();
      brand.getValue().forEach(cells::add);
      List<Double> rankedRates = new ArrayList<>();
      for (Cell c : cells) {
        rankedRates.add(c.ratedPosts >= minPosts ? c.avg : null);
      }
      int[] ranks = SqlRank.descNullsLast(rankedRates);
      for (int i = 0; i < cells.size(); i++) {
        Cell c = cells.get(i);
        boolean sufficient = rankedRates.get(i) != null;
        int weekday = c.slot / 24 + 1;
        out.output(
            Row.withSchema(Tables.MART_BEST_TIME.schema())
                .addValues(
                    brand.getKey(),
                    weekday,
                    c.slot % 24,
                    UploadHeatmapMart.WEEKDAY_NAMES.get(weekday - 1),
                    c.posts,
                    c.ratedPosts,
                    c.avg,
                    minPosts,
                    sufficient,
                    sufficient ? ranks[i] : null)
                .build());
      }
    }
  }
}
