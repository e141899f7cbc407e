package io.buzzbeam.pipelines.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.model.Media;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** {@link BsonDocumentCoder}: exact round trips, nesting, and its speed against Java serialization. */
class BsonDocumentCoderTest {

  static Document sample() {
    return new Document("_id", "brand:chanel:m1")
        .append("caption", "👜 샤넬 #chanel")
        .append("like_count", 88L)
        .append("hour", 21)
        .append("engagement_rate", 10.25)
        .append("followers", null)
        .append("posted_at", new Date(1693656003000L))
        .append("hashtags", Arrays.asList("chanel", "샤넬"))
        .append(
            "tokens",
            Arrays.asList(
                new Document("text", "샤넬").append("pos", "Noun").append("stem", null),
                new Document("text", "예쁘다").append("pos", "Adjective").append("stem", "예쁘다")));
  }

  @Test
  void roundTripsEveryValueTypeExactly() throws Exception {
    Document doc = sample();
    CoderProperties.coderDecodeEncodeEqual(BsonDocumentCoder.of(), doc);
    CoderProperties.coderDecodeEncodeEqual(BsonDocumentCoder.of(), new Document());
    Document back = CoderUtils.clone(BsonDocumentCoder.of(), doc);
    assertEquals(Long.class, back.get("like_count").getClass());
    assertEquals(Integer.class, back.get("hour").getClass());
    assertEquals(List.of("_id", "caption", "like_count", "hour", "engagement_rate", "followers",
        "posted_at", "hashtags", "tokens"), new ArrayList<>(back.keySet()));
    // Self-delimiting inside composite coders (nested context).
    KvCoder<String, List<Document>> nested =
        KvCoder.of(StringUtf8Coder.of(), ListCoder.of(BsonDocumentCoder.of()));
    CoderProperties.coderDecodeEncodeEqual(nested, KV.of("k", List.of(doc, new Document("a", 1), doc)));
  }

  @Test
  void mediaDocumentsRoundTrip() throws Exception {
    Media m = TestRecords.chanelMedia("m1", null, 1000L, null, "캡션");
    Document doc = MongoDocuments.media(m);
    assertEquals(doc, CoderUtils.clone(BsonDocumentCoder.of(), doc));
  }

  /** Prints the figures quoted in the sinks report; asserts only the sizes, not the timing. */
  @Test
  void isSmallerAndFasterThanJavaSerialization() throws Exception {
    List<Document> docs = new ArrayList<>();
    // 2,000 documents keep the build fast; scripts/bench.sh measures with 20,000.
    int n = Integer.getInteger("buzzbeam.bench.coderDocs", 2_000);
    for (int i = 0; i < n; i++) {
      Media m = TestRecords.chanelMedia("m" + i, (long) i, 1000L, i / 10.0, "캡션 #tag " + i);
      docs.add(MongoDocuments.media(m));
    }
    Coder<Document> serializable = SerializableCoder.of(Document.class);
    long bsonBytes = size(BsonDocumentCoder.of(), docs);
    long javaBytes = size(serializable, docs);
    // Warm up both, then time encode+decode of all documents.
    for (int round = 0; round < 2; round++) {
      time(BsonDocumentCoder.of(), docs);
      time(serializable, docs);
    }
    double bsonMs = time(BsonDocumentCoder.of(), docs);
    double javaMs = time(serializable, docs);
    System.out.printf(
        "BsonDocumentCoder: %d docs, %.1f bytes/doc, %.0f ms encode+decode (%.0f docs/s); "
            + "SerializableCoder: %.1f bytes/doc, %.0f ms (%.0f docs/s); speed-up %.1fx%n",
        docs.size(), bsonBytes / (double) docs.size(), bsonMs, docs.size() / bsonMs * 1000,
        javaBytes / (double) docs.size(), javaMs, docs.size() / javaMs * 1000, javaMs / bsonMs);
    assertTrue(bsonBytes < javaBytes, "BSON is the more compact encoding");
  }

  private static long size(Coder<Document> coder, List<Document> docs) throws Exception {
    long n = 0;
    for (Document d : docs) {
      n += CoderUtils.encodeToByteArray(coder, d).length;
    }
    return n;
  }

  private static double time(Coder<Document> coder, List<Document> docs) throws Exception {
    long start = System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Document d : docs) {
      coder.encode(d, out);
    }
    ByteArrayInputStream in = new ByteArrayInputStream(out.toByteArray());
    for (int i = 0; i < docs.size(); i++) {
      coder.decode(in);
    }
    return (System.nanoTime() - start) / 1e6;
  }
}
