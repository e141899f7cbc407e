package io.buzzbeam.transforms.tables;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Builds a catalogue row by column name, as {@code Row.withFieldValue} does, at the cost of an
 * index lookup: {@code withFieldValue} parses each name into a field-access descriptor (an ANTLR
 * parse) on every call, which put {@code fact_media}'s mapping among the profile's heavy frames
 * (issue #12). Types are checked as {@code Row.Builder#build} checks them, by {@link Rows}.
 */
public final class NamedRow {

  private final Schema schema;
  private final Object[] values;

  private NamedRow(Schema schema) {
    this.schema = schema;
    this.values = new Object[schema.getFieldCount()];
  }

  public static NamedRow of(Schema schema) {
    return new NamedRow(schema);
  }

  /** Sets a column; an unknown name fails at once, naming it. */
  public NamedRow set(String column, Object value) {
    values[schema.indexOf(column)] = value;
    return this;
  }

  public Row build() {
    return Rows.of(schema, values);
  }
}
