package io.buzzbeam.transforms.coders;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.VarInt;

/**
 * The coder of buzzbeam's model records between pipeline steps: the fields of the Avro schema in
 * order, each written directly (varint lengths and numbers, UTF-8 strings, one presence byte for
 * a nullable field), read back through the generated class's positional {@code put}.
 *
 * <p>Why not {@code AvroCoder}: the model's timestamps are {@code timestamp-millis} logical types,
 * for which Avro 1.11 generates no custom coders, so {@code AvroCoder} resolves every field
 * through its generic datum reader and writer; a profile of a 276,153-item run put that at 18 % of
 * all CPU samples (issue #12). The schema stays the one declaration of each model and Avro stays
 * the stage-file format (WriteStage); only the in-flight encoding is leaner. The supported field
 * shapes are exactly those the model uses (string, int, long, double, timestamp-millis, a
 * null-union of one of them, arrays of strings or of records); anything else fails when the coder
 * is made, not when a record arrives.
 */
public final class ModelCoder<T extends SpecificRecordBase> extends CustomCoder<T> {

  private static final long serialVersionUID = 1L;

  /** Strings as Beam writes them nested (varint length, UTF-8); doubles as 8 bytes. */
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();

  private static final DoubleCoder DOUBLE = DoubleCoder.of();

  private final Class<T> type;
  private transient Shape shape;

  private ModelCoder(Class<T> type) {
    this.type = type;
    this.shape = Shape.of(SpecificData.get().getSchema(type));
  }

  public static <T extends SpecificRecordBase> ModelCoder<T> of(Class<T> type) {
    return new ModelCoder<>(type);
  }

  private Shape shape() {
    if (shape == null) {
      shape = Shape.of(SpecificData.get().getSchema(type));
    }
    return shape;
  }

  @Override
  public void encode(T value, OutputStream out) throws IOException {
    if (value == null) {
      throw new CoderException("cannot encode a null " + type.getSimpleName());
    }
    shape().write(value, out);
  }

  @Override
  public T decode(InputStream in) throws IOException {
    try {
      @SuppressWarnings("unchecked")
      T record = (T) shape().read(in);
      return record;
    } catch (EOFException e) {
      throw new CoderException("truncated " + type.getSimpleName(), e);
    }
  }

  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    throw new NonDeterministicException(this, "model records are values, never grouping keys");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ModelCoder && ((ModelCoder<?>) other).type.equals(type);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ModelCoder.class, type);
  }

  @Override
  public String toString() {
    return "ModelCoder(" + type.getSimpleName() + ")";
  }

  /** How one field is written. */
  private enum Kind {
    STRING,
    INT,
    LONG,
    DOUBLE,
    INSTANT,
    STRING_ARRAY,
    RECORD_ARRAY
  }

  /** A record's fields, in schema order, with the class that makes an empty record. */
  private static final class Shape {
    final Schema schema;
    final Kind[] kinds;
    final boolean[] nullable;
    final Shape[] items;

    private Shape(Schema schema) {
      this.schema = schema;
      int n = schema.getFields().size();
      kinds = new Kind[n];
      nullable = new boolean[n];
      items = new Shape[n];
      for (Schema.Field field : schema.getFields()) {
        int i = field.pos();
        Schema fieldSchema = field.schema();
        if (fieldSchema.getType() == Schema.Type.UNION) {
          List<Schema> branches = fieldSchema.getTypes();
          if (branches.size() != 2 || branches.get(0).getType() != Schema.Type.NULL) {
            throw new IllegalArgumentException("unsupported union in " + schema.getName() + "." + field.name());
          }
          nullable[i] = true;
          fieldSchema = branches.get(1);
        }
        kinds[i] = kindOf(schema, field, fieldSchema);
        if (kinds[i] == Kind.RECORD_ARRAY) {
          items[i] = new Shape(fieldSchema.getElementType());
        }
      }
    }

    static Shape of(Schema schema) {
      return new Shape(schema);
    }

    private static Kind kindOf(Schema record, Schema.Field field, Schema s) {
      switch (s.getType()) {
        case STRING:
          return Kind.STRING;
        case INT:
          return Kind.INT;
        case LONG:
          return s.getLogicalType() instanceof LogicalTypes.TimestampMillis ? Kind.INSTANT : Kind.LONG;
        case DOUBLE:
          return Kind.DOUBLE;
        case ARRAY:
          switch (s.getElementType().getType()) {
            case STRING:
              return Kind.STRING_ARRAY;
            case RECORD:
              return Kind.RECORD_ARRAY;
            default:
              break;
          }
          break;
        default:
          break;
      }
      throw new IllegalArgumentException(
          "unsupported field type " + s + " in " + record.getName() + "." + field.name());
    }

    void write(SpecificRecordBase record, OutputStream out) throws IOException {
      for (int i = 0; i < kinds.length; i++) {
        Object value = record.get(i);
        if (nullable[i]) {
          if (value == null) {
            out.write(0);
            continue;
          }
          out.write(1);
        } else if (value == null) {
          throw new CoderException(schema.getName() + "." + schema.getFields().get(i).name() + " is null");
        }
        switch (kinds[i]) {
          case STRING:
            STRING.encode(value.toString(), out);
            break;
          case INT:
            VarInt.encode((Integer) value, out);
            break;
          case LONG:
            VarInt.encode((Long) value, out);
            break;
          case DOUBLE:
            DOUBLE.encode((Double) value, out);
            break;
          case INSTANT:
            VarInt.encode(((Instant) value).toEpochMilli(), out);
            break;
          case STRING_ARRAY:
            {
              List<?> list = (List<?>) value;
              VarInt.encode(list.size(), out);
              for (Object item : list) {
                STRING.encode(item.toString(), out);
              }
              break;
            }
          case RECORD_ARRAY:
            {
              List<?> list = (List<?>) value;
              VarInt.encode(list.size(), out);
              for (Object item : list) {
                items[i].write((SpecificRecordBase) item, out);
              }
              break;
            }
        }
      }
    }

    Object read(InputStream in) throws IOException {
      SpecificRecordBase record = (SpecificRecordBase) SpecificData.get().newRecord(null, schema);
      for (int i = 0; i < kinds.length; i++) {
        if (nullable[i]) {
          int present = in.read();
          if (present < 0) {
            throw new CoderException("truncated " + schema.getName());
          }
          if (present == 0) {
            record.put(i, null);
            continue;
          }
        }
        switch (kinds[i]) {
          case STRING:
            record.put(i, STRING.decode(in));
            break;
          case INT:
            record.put(i, VarInt.decodeInt(in));
            break;
          case LONG:
            record.put(i, VarInt.decodeLong(in));
            break;
          case DOUBLE:
            record.put(i, DOUBLE.decode(in));
            break;
          case INSTANT:
            record.put(i, Instant.ofEpochMilli(VarInt.decodeLong(in)));
            break;
          case STRING_ARRAY:
            {
              int size = VarInt.decodeInt(in);
              List<String> list = new ArrayList<>(size);
              for (int k = 0; k < size; k++) {
                list.add(STRING.decode(in));
              }
              record.put(i, list);
              break;
            }
          case RECORD_ARRAY:
            {
              int size = VarInt.decodeInt(in);
              List<Object> list = new ArrayList<>(size);
              for (int k = 0; k < size; k++) {
                list.add(items[i].read(in));
              }
              record.put(i, list);
              break;
            }
        }
      }
      return record;
    }
  }
}
