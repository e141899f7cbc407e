package io.buzzbeam.pipelines.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.model.Media;
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

/** {@link BsonDocumentCoder}: exact round trips, nesting, and its size against Java serialization. */
public class BsonDocumentCoderTest {

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

  /** The sizes; the speed is {@code bench.CoderBenchmark}'s ({@code scripts/bench.sh}). */
  @Test
  void isSmallerThanJavaSerialization() throws Exception {
    List<Document> docs = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Media m = TestRecords.chanelMedia("m" + i, (long) i, 1000L, i / 10.0, "캡션 #tag " + i);
      docs.add(MongoDocuments.media(m));
    }
    assertTrue(size(BsonDocumentCoder.of(), docs) < size(SerializableCoder.of(Document.class), docs),
        "BSON is the more compact encoding");
  }

  /** Bytes of {@code docs} encoded one by one with {@code coder}. */
  public static long size(Coder<Document> coder, List<Document> docs) throws Exception {
    long n = 0;
    for (Document d : docs) {
      n += CoderUtils.encodeToByteArray(coder, d).length;
    }
    return n;
  }
}
