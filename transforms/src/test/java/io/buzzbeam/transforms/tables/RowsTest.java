package io.buzzbeam.transforms.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

/** {@link Rows} makes the rows, and refuses the values, that Beam's {@code Row.Builder#build} does. */
class RowsTest {

  /** Every column type of the catalogue, each once required and once nullable. */
  private static final Schema ALL_TYPES = allTypes();

  private static Schema allTypes() {
    Schema.Builder b = Schema.builder();
    for (Tables.ColumnType type : Tables.ColumnType.values()) {
      String name = type.name().toLowerCase();
      b.addField(name, type.beamType);
      b.addNullableField(name + "_or_null", type.beamType);
    }
    return b.build();
  }

  private static Object sample(Tables.ColumnType type) {
    switch (type) {
      case TEXT:
        return "샤넬 #육아일기";
      case INTEGER:
        return 23;
      case BIGINT:
        return 3_000_000_000L;
      case DOUBLE:
        return 0.0125;
      case DATE:
        return LocalDate.of(2023, 9, 3);
      case TIMESTAMPTZ:
        return Instant.parse("2023-09-03T04:00:15.123456Z");
      case JSONB:
        return "{\"a\":1}";
      case BOOLEAN:
        return true;
      default:
        throw new AssertionError(type);
    }
  }

  private static List<Object> values(boolean nulls) {
    List<Object> values = new ArrayList<>();
    for (Tables.ColumnType type : Tables.ColumnType.values()) {
      values.add(sample(type));
      values.add(nulls ? null : sample(type));
    }
    return values;
  }

  private static Row built(Schema schema, List<Object> values) {
    return Row.withSchema(schema).addValues(values).build();
  }

  @Test
  void sameRowAsBuildForEveryCatalogueType() {
    for (boolean nulls : new boolean[] {false, true}) {
      List<Object> values = values(nulls);
      Row fast = Rows.of(ALL_TYPES, values);
      Row beam = built(ALL_TYPES, values);
      assertEquals(beam, fast);
      assertEquals(beam.getValues(), fast.getValues());
      assertEquals(LocalDate.of(2023, 9, 3), fast.getLogicalTypeValue("date", LocalDate.class));
      assertEquals(
          Instant.parse("2023-09-03T04:00:15.123456Z"), fast.getLogicalTypeValue("timestamptz", Instant.class));
      assertEquals(nulls ? null : 23, fast.getInt32("integer_or_null"));
    }
  }

  @Test
  void everyCatalogueTableAcceptsWhatBuildAccepts() {
    for (Tables.Table table : Tables.all()) {
      Schema schema = table.schema();
      List<Object> values = new ArrayList<>();
      for (Schema.Field f : schema.getFields()) {
        values.add(sample(columnTypeOf(f.getType())));
      }
      assertEquals(built(schema, values), Rows.of(schema, values), table.name);
    }
  }

  private static Tables.ColumnType columnTypeOf(FieldType type) {
    for (Tables.ColumnType c : Tables.ColumnType.values()) {
      if (c.beamType.withNullable(type.getNullable()).equals(type)) {
        return c;
      }
    }
    throw new AssertionError("not a catalogue type: " + type);
  }

  @Test
  void refusesWhatBuildRefuses() {
    // A long where an integer belongs, a string for a date, a null in a required column, a
    // timestamp finer than a microsecond, one value too few: build() and Rows refuse each alike.
    List<List<Object>> bad = new ArrayList<>();
    bad.add(replaced(2, 23L));
    bad.add(replaced(8, "2023-09-03"));
    bad.add(replaced(0, null));
    bad.add(replaced(10, Instant.parse("2023-09-03T04:00:15.123456789Z")));
    List<Object> short_ = values(false);
    short_.remove(short_.size() - 1);
    bad.add(short_);
    for (List<Object> values : bad) {
      Throwable beam = thrown(() -> built(ALL_TYPES, values));
      Throwable fast = thrown(() -> Rows.of(ALL_TYPES, values));
      assertEquals(beam.getClass(), fast.getClass(), values.toString());
    }
  }

  @Test
  void otherFieldTypesAreLeftToBuild() {
    Schema nested =
        Schema.builder()
            .addStringField("name")
            .addArrayField("tags", FieldType.STRING)
            .addLogicalTypeField("day", SqlTypes.DATE)
            .build();
    List<Object> values = Arrays.asList("chanel", List.of("a", "b"), LocalDate.of(2023, 9, 3));
    assertEquals(built(nested, values), Rows.of(nested, values));
    List<Object> bad = Arrays.asList("chanel", "not a list", null);
    assertEquals(thrown(() -> built(nested, bad)).getClass(), thrown(() -> Rows.of(nested, bad)).getClass());
  }

  private static List<Object> replaced(int index, Object value) {
    List<Object> values = values(false);
    values.set(index, value);
    return values;
  }

  private static Throwable thrown(Supplier<Row> make) {
    try {
      make.get();
    } catch (RuntimeException | AssertionError e) {
      return e;
    }
    throw new AssertionError("no refusal");
  }
}
