package io.buzzbeam.transforms.marts;

import io.buzzbeam.transforms.tables.Rows;
import io.buzzbeam.model.Media;
import io.buzzbeam.transforms.shards.CombinePerKeyInShards;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@code mart_upload_heatmap} (SPEC §5): for every brand of B, all 7 × 24 (weekday, hour) cells
 * with the number of the brand's own media posted in that local weekday and hour, zeros included,
 * so that a dashboard heatmap never has holes.
 *
 * <p>The zero cells are flattened in with the real counts and summed, which fills the grid without
 * a join.
 */
public class UploadHeatmapMart extends PTransform<BrandInputs, PCollection<Row>> {

  /** ISO weekday 1…7 → name, fixed in English for the dashboards (not the JVM's locale). */
  public static final List<String> WEEKDAY_NAMES =
      List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");

  private static final Schema KEY = MartSchemas.keySchema(MartSchemas.UPLOAD_HEATMAP_TABLE);

  public static UploadHeatmapMart create() {
    return new UploadHeatmapMart();
  }

  static Row cell(String brand, int weekday, int hour) {
    return Rows.of(KEY, brand, weekday, hour);
  }

  @Override
  public PCollection<Row> expand(BrandInputs in) {
    KvCoder<Row, Long> cellCount = KvCoder.of(RowCoder.of(KEY), VarLongCoder.of());

    PCollection<KV<Row, Long>> zeros =
        in.brands()
            .apply("AllCellsOfEachBrand", ParDo.of(new ZeroCellsFn()))
            .setCoder(cellCount);

    PCollection<KV<Row, Long>> counts =
        in.brandMedia()
            .apply(
                "MediaIdByCell",
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptor.of(Row.class), TypeDescriptors.strings()))
                    .via(
                        (Media m) ->
                            KV.of(cell(BrandActivity.brandOf(m), m.getWeekday(), m.getHour()), m.getMediaId())))
            .setCoder(KvCoder.of(RowCoder.of(KEY), StringUtf8Coder.of()))
            .apply("PostsPerCell", CombinePerKeyInShards.of(Combine.perKey(new DistinctMediaCountFn())))
            .setCoder(cellCount);

    return PCollectionList.of(zeros)
        .and(counts)
        .apply("ZerosAndCounts", Flatten.pCollections())
        .apply("SumPerCell", CombinePerKeyInShards.of(Sum.longsPerKey()))
        .setCoder(cellCount)
        .apply(
            "ToMartRow",
            MartRows.keyFieldsThen(
                MartSchemas.UPLOAD_HEATMAP,
                (KV<Row, Long> kv) ->
                    new Object[] {
                      WEEKDAY_NAMES.get(kv.getKey().getInt32("weekday") - 1), Math.toIntExact(kv.getValue())
                    }))
        .setRowSchema(MartSchemas.UPLOAD_HEATMAP);
  }

  static class ZeroCellsFn extends DoFn<String, KV<Row, Long>> {
    @ProcessElement
    public void process(@Element String brand, OutputReceiver<KV<Row, Long>> out) {
      for (int weekday = 1; weekday <= 7; weekday++) {
        for (int hour = 0; hour < 24; hour++) {
          out.output(KV.of(cell(brand, weekday, hour), 0L));
        }
      }
    }
  }
}
