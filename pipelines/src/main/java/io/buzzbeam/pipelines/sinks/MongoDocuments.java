package io.buzzbeam.pipelines.sinks;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.MediaMorphs;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.bson.Document;

/**
 * The SPEC §6 Mongo documents, derived field by field from the Avro records (the single definition
 * of the canonical records): field names are the Avro names, timestamp-millis fields become BSON
 * dates, nested records (morph tokens, keywords) sub-documents, arrays arrays. Each document gets
 * its natural key as {@code _id}, so that writes are replace-by-id upserts:
 *
 * <ul>
 *   <li>{@code media}, {@code morphs}: {@code source:scope:media_id} (the SPEC §3 dedup key);
 *   <li>{@code profiles}: {@code brand:collected_at} (ISO-8601, e.g. {@code
 *       chanel:2023-09-03T04:00:15Z});
 *   <li>{@code rejected}: {@code run_id:source_file:position}.
 * </ul>
 */
public final class MongoDocuments {
  private MongoDocuments() {}

  public static String mediaId(String source, String scope, String mediaId) {
    return source + ":" + scope + ":" + mediaId;
  }

  public static Document media(Media m) {
    return withId(mediaId(m.getSource(), m.getScope(), m.getMediaId()), m);
  }

  public static Document morphs(MediaMorphs m) {
    return withId(mediaId(m.getSource(), m.getScope(), m.getMediaId()), m);
  }

  public static Document profile(ProfileSnapshot p) {
    return withId(p.getBrand() + ":" + p.getCollectedAt().toString(), p);
  }

  public static Document rejected(RejectedItem r) {
    return withId(r.getRunId() + ":" + r.getSourceFile() + ":" + r.getPosition(), r);
  }

  private static Document withId(String id, GenericRecord record) {
    Document doc = new Document("_id", id);
    appendFields(doc, record);
    return doc;
  }

  /** Every field of {@code record}, in schema order. */
  static Document fromRecord(GenericRecord record) {
    Document doc = new Document();
    appendFields(doc, record);
    return doc;
  }

  private static void appendFields(Document doc, GenericRecord record) {
    for (Schema.Field f : record.getSchema().getFields()) {
      doc.append(f.name(), convert(record.get(f.pos()), f.schema()));
    }
  }

  private static Object convert(Object value, Schema schema) {
    if (value == null) {
      return null;
    }
    switch (schema.getType()) {
      case UNION:
        for (Schema branch : schema.getTypes()) {
          if (branch.getType() != Schema.Type.NULL) {
            return convert(value, branch);
          }
        }
        return null;
      case RECORD:
        return fromRecord((GenericRecord) value);
      case ARRAY:
        List<Object> list = new ArrayList<>();
        for (Object item : (Iterable<?>) value) {
          list.add(convert(item, schema.getElementType()));
        }
        return list;
      case MAP:
        Document map = new Document();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
          map.append(e.getKey().toString(), convert(e.getValue(), schema.getValueType()));
        }
        return map;
      case STRING:
      case ENUM:
        return value.toString();
      case LONG:
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.TimestampMillis) {
          return value instanceof Instant
              ? Date.from((Instant) value)
              : new Date(((Number) value).longValue());
        }
        return value;
      default:
        return value; // int, double, float, boolean
    }
  }
}
