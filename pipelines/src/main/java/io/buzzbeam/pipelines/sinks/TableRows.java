package io.buzzbeam.pipelines.sinks;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Records to rows of one catalogue table, one row per record, in a step named {@code "To <table>
 * row"}; the subclasses say which table and how a record becomes its row.
 */
public abstract class TableRows<T> extends PTransform<PCollection<T>, PCollection<Row>> {

  private final String step;
  private final Schema schema;
  private final SerializableFunction<T, Row> toRow;

  TableRows(String table, Schema schema, SerializableFunction<T, Row> toRow) {
    this.step = "To " + table + " row";
    this.schema = schema;
    this.toRow = toRow;
  }

  @Override
  public PCollection<Row> expand(PCollection<T> records) {
    return records.apply(step, MapElements.into(TypeDescriptors.rows()).via(toRow)).setRowSchema(schema);
  }
}
