package io.buzzbeam.pipelines.bench;

import io.buzzbeam.pipelines.sinks.BsonDocumentCoder;
import io.buzzbeam.pipelines.sinks.BsonDocumentCoderTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.bson.Document;

/**
 * The Mongo documents' coder against Java serialization (what {@code SerializableCoder} would
 * cost): bytes per document and encode+decode time of media documents. Usage: {@code
 * CoderBenchmark [docs]} (default 20000; {@code scripts/bench.sh}).
 */
public final class CoderBenchmark {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    List<Document> docs = BenchSupport.media(n);
    Coder<Document> bson = BsonDocumentCoder.of();
    Coder<Document> serializable = SerializableCoder.of(Document.class);
    long bsonBytes = BsonDocumentCoderTest.size(bson, docs);
    long javaBytes = BsonDocumentCoderTest.size(serializable, docs);
    // Warm up both, then time encode+decode of all documents.
    for (int round = 0; round < 2; round++) {
      time(bson, docs);
      time(serializable, docs);
    }
    double bsonMs = time(bson, docs);
    double javaMs = time(serializable, docs);
    System.out.printf(
        "BsonDocumentCoder: %d docs, %.1f bytes/doc, %.0f ms encode+decode (%.0f docs/s); "
            + "SerializableCoder: %.1f bytes/doc, %.0f ms (%.0f docs/s); speed-up %.1fx%n",
        docs.size(), bsonBytes / (double) docs.size(), bsonMs, docs.size() / bsonMs * 1000,
        javaBytes / (double) docs.size(), javaMs, docs.size() / javaMs * 1000, javaMs / bsonMs);
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
  }}
