package io.buzzbeam.transforms.marts;

import io.buzzbeam.transforms.tables.Rows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;

/** The last step of the keyed marts: (key row, aggregate) pairs as rows of the mart's schema. */
final class MartRows {

  private MartRows() {}

  /**
   * A row of {@code schema} per pair: the key's fields, then the values {@code rest} makes of the
   * pair. The caller sets the row schema on the output.
   */
  static <V> MapElements<KV<Row, V>, Row> keyFieldsThen(
      Schema schema, SerializableFunction<KV<Row, V>, Object[]> rest) {
    return MapElements.into(TypeDescriptor.of(Row.class))
        .via(
            (KV<Row, V> kv) -> {
              List<Object> values = new ArrayList<>(kv.getKey().getValues());
              values.addAll(Arrays.asList(rest.apply(kv)));
              return Rows.of(schema, values);
            });
  }
}
