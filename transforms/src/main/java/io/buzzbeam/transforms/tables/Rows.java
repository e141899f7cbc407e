package io.buzzbeam.transforms.tables;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.MicrosInstant;
import org.apache.beam.sdk.values.Row;

/**
 * A row from its values in schema order: the same row, and the same refusals, as {@code
 * Row.withSchema(schema).addValues(values).build()} for the field types the catalogue uses
 * ({@link Tables.ColumnType}: strings, integers, doubles, booleans and the {@code DATE}/{@code
 * TIMESTAMP} logical types), at a fraction of its cost.
 *
 * <p>Why not {@code build()}: Beam checks a row's values by walking them with a field-access
 * descriptor it resolves against the schema on every call, which issue #12's profile put at 7.5 % of
 * a run's CPU samples (the per-media and per-keyword keys of the marts and the {@code fact_media}
 * rows). Here each value is cast to its field's class, logical
 * values are normalized exactly as {@code build()} normalizes them (through the base type, so a
 * timestamp keeps microseconds), and the values are attached. A schema with any other field type
 * (a nested row, an array, a map) goes through {@code build()} unchanged.
 */
public final class Rows {
  private Rows() {}

  public static Row of(Schema schema, Object... values) {
    return of(schema, Arrays.asList(values));
  }

  public static Row of(Schema schema, List<?> values) {
    int n = schema.getFieldCount();
    if (values.size() != n) {
      throw new IllegalArgumentException(
          "Row expected " + n + " fields. initialized with " + values.size() + " fields.");
    }
    Object[] checked = new Object[n];
    for (int i = 0; i < n; i++) {
      Schema.Field field = schema.getField(i);
      FieldType type = field.getType();
      Object value = values.get(i);
      if (value == null) {
        if (!type.getNullable()) {
          throw new IllegalArgumentException(String.format("Field %s is not nullable", field.getName()));
        }
        continue;
      }
      Class<?> expected = javaClassOf(type.getTypeName());
      if (expected != null) {
        checked[i] = expected.cast(value); // as build() refuses a wrong class: ClassCastException
      } else if (type.getTypeName() == Schema.TypeName.LOGICAL_TYPE) {
        checked[i] = normalized(type.getLogicalType(), value);
      } else {
        return Row.withSchema(schema).addValues(values.toArray()).build();
      }
    }
    return Row.withSchema(schema).attachValues(Arrays.asList(checked));
  }

  /** The value class of a primitive field, null for the types this class leaves to Beam. */
  private static Class<?> javaClassOf(Schema.TypeName type) {
    switch (type) {
      case STRING:
        return String.class;
      case INT32:
        return Integer.class;
      case INT64:
        return Long.class;
      case DOUBLE:
        return Double.class;
      case BOOLEAN:
        return Boolean.class;
      default:
        return null;
    }
  }

  /** As {@code build()} stores a logical value: its input type, by way of its base type. */
  private static <InputT, BaseT> Object normalized(Schema.LogicalType<InputT, BaseT> type, Object value) {
    if (type instanceof MicrosInstant && value instanceof Instant && ((Instant) value).getNano() % 1000 == 0) {
      // MicrosInstant's base type is itself a row (seconds, micros), built and checked like any
      // other; for an instant in whole microseconds the round trip gives the instant back. Finer
      // instants take the round trip, which refuses them as build() does.
      return value;
    }
    @SuppressWarnings("unchecked")
    InputT input = (InputT) value;
    return type.toInputType(type.toBaseType(input));
  }
}
