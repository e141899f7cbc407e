package io.buzzbeam.pipelines.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.transforms.ingest.EnvelopeKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The envelope text and file layout of SPEC §1a, and the one change made to bodies. */
class CollectEnvelopeTest {
  static final String SECRET = "EAAGsecretTOKENvalue1234567890";

  @TempDir Path tmp;

  @Test
  void tokensAreRedactedAndNothingElseChanges() {
    AccessToken token = AccessToken.of(SECRET);
    String body = "{\"data\":[],\"paging\":{\"next\":\"https:\\/\\/graph.facebook.com\\/v21.0\\/1\\/recent_media?"
        + "access_token=" + SECRET + "&limit=25&after=QVFI\",\"previous\":\"https://x/?a=1&access_token=OTHERtoken99\"}}";
    assertEquals("{\"data\":[],\"paging\":{\"next\":\"https:\\/\\/graph.facebook.com\\/v21.0\\/1\\/recent_media?"
        + "access_token=REDACTED&limit=25&after=QVFI\",\"previous\":\"https://x/?a=1&access_token=REDACTED\"}}",
        token.redact(body));
    assertEquals("message with REDACTED inside", token.redact("message with " + SECRET + " inside"));
    assertEquals("AccessToken[REDACTED]", token.toString());
  }

  @Test
  void oneEnvelopePerLineInAtomicallyRenamedFiles() throws Exception {
    Instant pass = Instant.parse("2023-09-03T04:00:15Z");
    EnvelopeBatch batch = new EnvelopeBatch(tmp, pass, AccessToken.of(SECRET));
    batch.add(EnvelopeKind.BUSINESS_DISCOVERY, "chanel", null, Instant.parse("2023-09-03T04:00:16.789Z"),
        "{\n  \"business_discovery\": {\"username\": \"chanelofficial\"},\r\n  \"id\": \"1\"\n}\n");
    batch.add(EnvelopeKind.HASHTAG_RECENT_MEDIA, "chanel", "샤넬", Instant.parse("2023-09-03T04:00:17Z"),
        "{\"data\":[{\"id\":\"9\",\"caption\":\"\\uc0e4\\ub12c \\\"quoted\\\"\"}]}");
    assertEquals(2, batch.size());
    List<String> written = batch.write();

    assertEquals(List.of("graph/dt=2023-09-03/business_discovery_040015.jsonl",
        "graph/dt=2023-09-03/hashtag_recent_media_040015.jsonl"), written);
    assertEquals("{\"kind\":\"business_discovery\",\"brand\":\"chanel\",\"collected_at\":\"2023-09-03T04:00:16Z\","
        + "\"response\":{   \"business_discovery\": {\"username\": \"chanelofficial\"},   \"id\": \"1\" }}\n",
        Files.readString(tmp.resolve(written.get(0)), StandardCharsets.UTF_8));
    assertEquals("{\"kind\":\"hashtag_recent_media\",\"brand\":\"chanel\",\"hashtag\":\"샤넬\","
        + "\"collected_at\":\"2023-09-03T04:00:17Z\",\"response\":{\"data\":[{\"id\":\"9\",\"caption\":\"\\uc0e4\\ub12c \\\"quoted\\\"\"}]}}\n",
        Files.readString(tmp.resolve(written.get(1)), StandardCharsets.UTF_8));

    // Another pass of the same kind in the same second does not overwrite the first file.
    EnvelopeBatch again = new EnvelopeBatch(tmp, pass, AccessToken.of(SECRET));
    again.add(EnvelopeKind.BUSINESS_DISCOVERY, "gucci", null, pass, "{\"id\":\"2\"}");
    assertEquals(List.of("graph/dt=2023-09-03/business_discovery_040015_2.jsonl"), again.write());
    assertEquals(List.of("business_discovery_040015.jsonl", "business_discovery_040015_2.jsonl",
        "hashtag_recent_media_040015.jsonl"), CollectTestSupport.listFiles(tmp.resolve("graph/dt=2023-09-03")));
    assertTrue(CollectTestSupport.readEnvelopes(tmp).size() == 3);
  }
}
