package io.buzzbeam.transforms.marts;

import io.buzzbeam.transforms.tables.Rows;
import io.buzzbeam.model.Media;
import io.buzzbeam.transforms.shards.CombinePerKeyInShards;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@code mart_post_type} (SPEC §5): per brand and (media_type, media_product_type) of the brand's
 * own media, the number of distinct media and the mean of their engagement rates. Only the
 * combinations that occur get a row.
 */
public class PostTypeMart extends PTransform<BrandInputs, PCollection<Row>> {

  private static final Schema KEY = MartSchemas.keySchema(MartSchemas.POST_TYPE_TABLE);

  public static PostTypeMart create() {
    return new PostTypeMart();
  }

  @Override
  public PCollection<Row> expand(BrandInputs in) {
    return in.brandMedia()
        .apply(
            "RateByBrandAndType",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptor.of(Row.class),
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.doubles())))
                .via(
                    (Media m) ->
                        KV.of(
                            Rows.of(KEY, BrandActivity.brandOf(m), m.getMediaType(), m.getMediaProductType()),
                            KV.of(m.getMediaId(), m.getEngagementRate()))))
        .setCoder(KvCoder.of(RowCoder.of(KEY), PostEngagementFn.inputCoder()))
        .apply("PostsAndAverageRate", CombinePerKeyInShards.of(Combine.perKey(new PostEngagementFn())))
        .setCoder(KvCoder.of(RowCoder.of(KEY), SerializableCoder.of(PostEngagement.class)))
        .apply(
            "ToMartRow",
            MartRows.keyFieldsThen(
                MartSchemas.POST_TYPE,
                (KV<Row, PostEngagement> kv) ->
                    new Object[] {Math.toIntExact(kv.getValue().posts()), kv.getValue().avgEngagementRate()}))
        .setRowSchema(MartSchemas.POST_TYPE);
  }
}
