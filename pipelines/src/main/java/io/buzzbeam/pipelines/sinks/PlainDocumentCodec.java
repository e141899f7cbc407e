package io.buzzbeam.pipelines.sinks;

import com.mongodb.MongoClientSettings;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.BsonReader;
import org.bson.BsonValue;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.codecs.CollectibleCodec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.Encoder;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.codecs.configuration.CodecRegistry;

/**
 * The driver's {@link DocumentCodec}, except that a document's plain values (strings, 32- and
 * 64-bit integers, doubles, booleans, dates, nulls, lists and sub-documents: all that {@link
 * MongoDocuments} makes) are written by a switch on their class rather than through the codec
 * registry. Any other value, and every decoding, is the driver's own. The bytes written are the
 * driver's, byte for byte ({@code PlainDocumentCodecTest} compares them on real documents).
 *
 * <p>Why: the driver looks up a codec in its registry for every value, a sub-document's too (a
 * morphs document has one per token), and issue #12's profile put that lookup and its child
 * contexts at about a third of the client's encoding, on the run's last stretch where the Mongo
 * writes are most of what is left to do.
 */
final class PlainDocumentCodec implements CollectibleCodec<Document> {

  private static final String ID = "_id";
  /** A sub-document's context, as the driver's child context: not a stored document. */
  private static final EncoderContext SUB_DOCUMENT = EncoderContext.builder().build();

  /** The driver's default registry with this codec for {@link Document}. */
  static final CodecRegistry REGISTRY =
      CodecRegistries.fromRegistries(
          CodecRegistries.fromCodecs(new PlainDocumentCodec(MongoClientSettings.getDefaultCodecRegistry())),
          MongoClientSettings.getDefaultCodecRegistry());

  private final CodecRegistry fallback;
  private final DocumentCodec driver;

  PlainDocumentCodec(CodecRegistry fallback) {
    this.fallback = fallback;
    this.driver = new DocumentCodec(fallback);
  }

  @Override
  public void encode(BsonWriter writer, Document doc, EncoderContext context) {
    writer.writeStartDocument();
    // As the driver does: a stored document's _id first, then the other fields in order.
    boolean collectible = context.isEncodingCollectibleDocument() && doc.containsKey(ID);
    if (collectible) {
      writer.writeName(ID);
      writeValue(writer, doc.get(ID), context);
    }
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      if (collectible && ID.equals(e.getKey())) {
        continue;
      }
      writer.writeName(e.getKey());
      writeValue(writer, e.getValue(), context);
    }
    writer.writeEndDocument();
  }

  private void writeValue(BsonWriter writer, Object value, EncoderContext context) {
    if (value == null) {
      writer.writeNull();
    } else if (value instanceof String) {
      writer.writeString((String) value);
    } else if (value instanceof Integer) {
      writer.writeInt32((Integer) value);
    } else if (value instanceof Long) {
      writer.writeInt64((Long) value);
    } else if (value instanceof Double) {
      writer.writeDouble((Double) value);
    } else if (value instanceof Boolean) {
      writer.writeBoolean((Boolean) value);
    } else if (value.getClass() == Date.class) {
      writer.writeDateTime(((Date) value).getTime());
    } else if (value.getClass() == Document.class) {
      encode(writer, (Document) value, SUB_DOCUMENT);
    } else if (value instanceof List) {
      writer.writeStartArray();
      for (Object item : (List<?>) value) {
        writeValue(writer, item, context);
      }
      writer.writeEndArray();
    } else {
      encodeWithDriver(writer, value, context);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void encodeWithDriver(BsonWriter writer, Object value, EncoderContext context) {
    context.encodeWithChildContext((Encoder) fallback.get(value.getClass()), writer, value);
  }

  @Override
  public Document decode(BsonReader reader, DecoderContext context) {
    return driver.decode(reader, context);
  }

  @Override
  public Class<Document> getEncoderClass() {
    return Document.class;
  }

  @Override
  public Document generateIdIfAbsentFromDocument(Document doc) {
    return driver.generateIdIfAbsentFromDocument(doc);
  }

  @Override
  public boolean documentHasId(Document doc) {
    return driver.documentHasId(doc);
  }

  @Override
  public BsonValue getDocumentId(Document doc) {
    return driver.getDocumentId(doc);
  }
}
