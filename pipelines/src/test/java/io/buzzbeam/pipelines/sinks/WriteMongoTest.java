package io.buzzbeam.pipelines.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.buzzbeam.model.Media;
import io.buzzbeam.model.MediaMorphs;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.pipelines.embedded.EmbeddedMongoServer;
import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link WriteMongo} against the real Mongo wire server (embedded, memory backend). */
@ExtendWith(TestPipelineExtension.class)
public class WriteMongoTest {
  @TempDir static Path TMP;
  final transient TestPipeline p = TestPipeline.create();

  private static EmbeddedMongoServer mongo;
  private static MongoClient client;
  private static final String DB = "buzzbeam_test";

  @BeforeAll
  public static void startMongo() throws Exception {
    mongo = EmbeddedMongoServer.start(Files.createDirectory(TMP.resolve("data")), 0);
    client = MongoClients.create(mongo.uri());
  }

  @AfterAll
  public static void stopMongo() throws Exception {
    client.close();
    mongo.close();
  }

  @AfterEach
  public void dropDatabase() {
    client.getDatabase(DB).drop();
  }

  private static List<Document> all(String collection) {
    MongoDatabase db = client.getDatabase(DB);
    return db.getCollection(collection).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
  }

  private static void writeMedia(Pipeline pipeline, List<Media> media) {
    PCollection<Long> written =
        pipeline
            .apply(Create.of(media).withCoder(AvroCoder.of(Media.class)))
            .apply(WriteMongo.media(mongo.uri(), DB).withBatchSize(2));
    PAssert.thatSingleton(written.apply(Sum.longsGlobally())).isEqualTo((long) media.size());
  }

  @Test
  public void mediaUpsertsTwiceLeaveTheSameDocuments() {
    List<Media> media =
        List.of(
            TestRecords.chanelMedia("m1", 88L, 1000L, 10.0, "샤넬 #chanel"),
            TestRecords.chanelMedia("m2", null, null, null, ""),
            TestRecords.chanelMedia("m3", 1L, 1000L, 1.3, "x"));
    writeMedia(p, media);
    p.run().waitUntilFinish();
    List<Document> first = all("media");
    assertEquals(3, first.size());

    Pipeline again = Pipeline.create(TestPipeline.testingPipelineOptions());
    writeMedia(again, media);
    again.run().waitUntilFinish();
    assertEquals(first, all("media"));

    Document m1 = first.get(0);
    assertEquals("brand:chanel:m1", m1.get("_id"));
    assertEquals("샤넬 #chanel", m1.get("caption"));
    assertEquals(88L, m1.get("like_count"));
    assertEquals(Date.from(java.time.Instant.parse("2023-09-02T12:00:03Z")), m1.get("posted_at"));
    assertEquals("2023-09-02", m1.get("day"));
    assertEquals(21, m1.get("hour"));
    assertEquals(10.0, m1.get("engagement_rate"));
    assertEquals(List.of("media_url"), m1.get("defaulted"));
    Document m2 = first.get(1);
    assertEquals("brand:chanel:m2", m2.get("_id"));
    assertEquals(true, m2.containsKey("like_count"));
    assertNull(m2.get("like_count"));
  }

  @Test
  public void morphsProfilesAndDeadLettersHaveTheirKeys() {
    p.apply("Morphs", Create.of(TestRecords.chanelMorphs("m1")).withCoder(AvroCoder.of(MediaMorphs.class)))
        .apply(WriteMongo.morphs(mongo.uri(), DB));
    p.apply(
            "Profiles",
            Create.of(TestRecords.chanelProfile("2023-09-03T04:00:15Z", 1000L))
                .withCoder(AvroCoder.of(ProfileSnapshot.class)))
        .apply(WriteMongo.profiles(mongo.uri(), DB));
    p.apply(
            "Rejected",
            Create.of(TestRecords.rejected("run-1", "graph/a.jsonl", "3:0", "{oops"))
                .withCoder(AvroCoder.of(RejectedItem.class)))
        .apply(WriteMongo.rejected(mongo.uri(), DB));
    p.run().waitUntilFinish();

    Document morphs = all("morphs").get(0);
    assertEquals("brand:chanel:m1", morphs.get("_id"));
    assertEquals(
        List.of(
            new Document("text", "샤넬").append("pos", "Noun").append("stem", null),
            new Document("text", "예쁘다").append("pos", "Adjective").append("stem", "예쁘다")),
        morphs.get("tokens"));
    assertEquals(
        List.of(
            new Document("token", "샤넬").append("pos", "Noun"),
            new Document("token", "예쁘다").append("pos", "Adjective")),
        morphs.get("keywords"));
    assertEquals(List.of("chanel", "샤넬"), morphs.get("hashtags"));
    assertEquals(6, morphs.get("weekday"));

    Document profile = all("profiles").get(0);
    assertEquals("chanel:2023-09-03T04:00:15Z", profile.get("_id"));
    assertEquals(1000L, profile.get("followers_count"));

    Document rejected = all("rejected").get(0);
    assertEquals("run-1:graph/a.jsonl:3:0", rejected.get("_id"));
    assertEquals(List.of("missing:id", "invalid:like_count"), rejected.get("reasons"));
    assertEquals("{oops", rejected.get("raw"));
  }

  @Test
  public void aClosedGateSharedByTwoWritersWritesNeitherAndDeadLettersTakeNoGate() {
    WriteMongo.Gate closed = WriteMongo.Gate.of(p.apply("Gate", Create.of(false)));
    PCollection<Long> media =
        p.apply(
                "Media",
                Create.of(TestRecords.chanelMedia("m1", 1L, 2L, 3.0, "c"))
                    .withCoder(AvroCoder.of(Media.class)))
            .apply(WriteMongo.media(mongo.uri(), DB).onlyIf(closed));
    PCollection<Long> profiles =
        p.apply(
                "Profiles",
                Create.of(TestRecords.chanelProfile("2023-09-03T04:00:15Z", 1000L))
                    .withCoder(AvroCoder.of(ProfileSnapshot.class)))
            .apply(WriteMongo.profiles(mongo.uri(), DB).onlyIf(closed));
    PAssert.thatSingleton(media.apply("Sum media", Sum.longsGlobally())).isEqualTo(0L);
    PAssert.thatSingleton(profiles.apply("Sum profiles", Sum.longsGlobally())).isEqualTo(0L);
    p.run().waitUntilFinish();
    assertEquals(List.of(), all("media"));
    assertEquals(List.of(), all("profiles"));
    assertThrows(IllegalStateException.class, () -> WriteMongo.rejected(mongo.uri(), DB).onlyIf(closed));
  }
}
