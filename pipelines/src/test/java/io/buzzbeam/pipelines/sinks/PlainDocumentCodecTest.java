package io.buzzbeam.pipelines.sinks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.mongodb.MongoClientSettings;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** {@link PlainDocumentCodec} writes the driver's bytes, byte for byte. */
class PlainDocumentCodecTest {

  private static final Codec<Document> DRIVER = MongoClientSettings.getDefaultCodecRegistry().get(Document.class);
  private static final Codec<Document> PLAIN = PlainDocumentCodec.REGISTRY.get(Document.class);

  private static byte[] bytes(Codec<Document> codec, Document doc, boolean collectible) {
    BasicOutputBuffer out = new BasicOutputBuffer();
    codec.encode(
        new BsonBinaryWriter(out), doc, EncoderContext.builder().isEncodingCollectibleDocument(collectible).build());
    return out.toByteArray();
  }

  private static void assertSameBytes(Document doc) {
    for (boolean collectible : new boolean[] {true, false}) {
      byte[] driver = bytes(DRIVER, doc, collectible);
      assertArrayEquals(driver, bytes(PLAIN, doc, collectible), doc.toJson());
    }
  }

  @Test
  void theRegistryHandsOutThePlainCodec() {
    assertInstanceOf(PlainDocumentCodec.class, PLAIN);
  }

  @Test
  void sinkDocumentsAreEncodedAsTheDriverEncodesThem() {
    // Every kind of document the sink writes: Korean text, nulls, longs, doubles, dates, arrays of
    // strings and of sub-documents (the morphs' tokens and keywords).
    assertSameBytes(
        MongoDocuments.media(
            TestRecords.chanelMedia("17900000000000001", 1520L, 52_000_000L, 0.0123, "샤넬 가방 너무 예쁘다 😍 #chanel #샤넬")));
    assertSameBytes(MongoDocuments.media(TestRecords.chanelMedia("17900000000000002", null, null, null, null)));
    assertSameBytes(MongoDocuments.morphs(TestRecords.chanelMorphs("17900000000000001")));
    assertSameBytes(MongoDocuments.profile(TestRecords.chanelProfile("2023-09-03T04:00:15Z", 52_000_000L)));
    assertSameBytes(
        MongoDocuments.rejected(
            TestRecords.rejected("run-1", "graph/dt=2023-09-03/x.jsonl", "3", "{\"id\":\"1\",\"caption\":\"\u0000깨진 줄\"}")));
  }

  @Test
  void anIdAnywhereIsWrittenFirstOnlyForAStoredDocument() {
    Document doc = new Document("caption", "육퇴 후 커피").append("_id", "brand:chanel:1").append("hour", 21);
    assertSameBytes(doc);
    byte[] stored = bytes(PLAIN, doc, true);
    Document decoded = DRIVER.decode(new BsonBinaryReader(java.nio.ByteBuffer.wrap(stored)), DecoderContext.builder().build());
    assertEquals(List.of("_id", "caption", "hour"), List.copyOf(decoded.keySet()));
  }

  @Test
  void otherValuesAreLeftToTheDriver() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", 2);
    map.put("a", List.of(1L, "x"));
    Set<String> set = new TreeSet<>(List.of("육아", "일기"));
    Document doc =
        new Document("_id", new ObjectId("64f3f0c2a1b2c3d4e5f60718"))
            .append("float", 1.5f)
            .append("decimal", new BigDecimal("12.50"))
            .append("date", new Date(1_693_713_615_000L))
            .append("map", map)
            .append("set", set)
            .append("nested", new Document("list", Arrays.asList(null, new Document("x", true), List.of(List.of(3)))))
            .append("short", (short) 7)
            .append("bytes", new byte[] {1, 2, 3});
    assertSameBytes(doc);
  }
}
