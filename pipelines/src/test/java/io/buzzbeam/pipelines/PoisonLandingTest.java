package io.buzzbeam.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.pipelines.cli.Main;
import io.buzzbeam.pipelines.embedded.EmbeddedPostgresServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #11's acceptance, through {@code ./buzzbeam run} with every sink on: the end-to-end fixture
 * plus poison — control characters in ids and brands, absurd times, an oversized line, a
 * decompression bomb, symbolic links out of the landing zone (one to the embedded database's own
 * credentials file) and a directory loop. The run goes to the end, every bad item is counted under
 * its SPEC §2 reason, nothing else is lost, and no secret appears in any table, document, stage
 * file or output line.
 */
class PoisonLandingTest {
  @TempDir Path work;

  private static final String SECRET = "TOPSECRET-7f3a9c";

  @Test
  void aPoisonedLandingZoneRunsToTheEndWithEveryBadItemCounted() throws Exception {
    Path landing = SinkDumps.copyFixture(work.resolve("landing"));
    Path dataDir = work.resolve("data");
    Path graph = landing.resolve("graph/dt=2023-09-02");

    String ok = "\"kind\":\"hashtag_recent_media\",\"hashtag\":\"샤넬\",\"collected_at\":\"2023-09-02T13:00:00Z\"";
    String bigCaption = "가".repeat(3000); // 9,000 bytes of UTF-8: over --maxLineBytes=4096
    Files.writeString(
        graph.resolve("hashtag_recent_media_130000.jsonl"),
        String.join(
            "\n",
            // 3 media: a NUL in an id (invalid:id), a time in the year 300000 (invalid:timestamp),
            // a NUL in a caption (removed, defaulted; the media stays valid)
            "{" + ok + ",\"brand\":\"chanel\",\"response\":{\"data\":["
                + "{\"id\":\"p\\u0000nul\",\"timestamp\":\"2023-09-02T12:00:00+0000\",\"caption\":\"x\"},"
                + "{\"id\":\"p2\",\"timestamp\":\"+300000-01-01T00:00:00+0000\"},"
                + "{\"id\":\"p3\",\"timestamp\":\"2023-09-02T12:00:00+0000\",\"caption\":\"a\\u0000b\"}]}}",
            // a control character in the brand: the envelope is invalid:brand
            "{" + ok + ",\"brand\":\"cha\\u0001nel\",\"response\":{\"data\":[]}}",
            // one line past --maxLineBytes: oversized:line, and the reader goes on after it
            "{" + ok + ",\"brand\":\"chanel\",\"response\":{\"data\":[{\"id\":\"big\",\"caption\":\"" + bigCaption + "\"}]}}",
            "{" + ok + ",\"brand\":\"chanel\",\"response\":{\"data\":["
                + "{\"id\":\"after\",\"timestamp\":\"2023-09-02T12:30:00+0000\",\"caption\":\"ok\"}]}}")
            + "\n",
        StandardCharsets.UTF_8);
    // An Instaloader post taken at epoch second 10^17: invalid:timestamp.
    Path evil = Files.createDirectories(landing.resolve("instaloader/evil"));
    Files.writeString(
        evil.resolve("2023-09-02_10-00-00_UTC.json"),
        "{\"node\":{\"id\":\"e1\",\"shortcode\":\"e1\",\"taken_at_timestamp\":100000000000000000,"
            + "\"__typename\":\"GraphImage\",\"owner\":{\"username\":\"evil\"}},"
            + "\"instaloader\":{\"node_type\":\"Post\",\"version\":\"4.10\"}}",
        StandardCharsets.UTF_8);
    // A decompression bomb: 2 MB of newlines in a 2 KB gzip; past --maxFileBytes=1000000.
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(graph.resolve("hashtag_top_media_140000.jsonl.gz")))) {
      byte[] newlines = new byte[64 * 1024];
      java.util.Arrays.fill(newlines, (byte) '\n');
      for (int i = 0; i < 32; i++) {
        gz.write(newlines);
      }
    }
    // Links: out of the landing zone to a secret and to the database's credentials; a loop.
    Path secret = work.resolve("secret.jsonl");
    Files.writeString(secret, "{\"kind\":\"" + SECRET + "\"}\n", StandardCharsets.UTF_8);
    Files.createSymbolicLink(graph.resolve("stolen_150000.jsonl"), secret);

    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dataDir, 0)) {
      Path credentials = dataDir.resolve("postgres.credentials");
      Files.createSymbolicLink(graph.resolve("credentials_160000.jsonl"), credentials);
      Files.createSymbolicLink(landing.resolve("instaloader/loop"), landing);
      Properties creds = new Properties();
      try (var r = Files.newBufferedReader(credentials)) {
        creds.load(r);
      }

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status =
          Main.run(
              new String[] {
                "run", "--landing=" + landing, "--dataDir=" + dataDir, "--maxLineBytes=4096",
                "--maxFileBytes=1000000", "--maxRejectRatio=1", "--progressSeconds=0", "--runnerConfig=flink-local"
              },
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
      String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
      assertEquals(0, status, printed);

      try (Connection c = pg.connect()) {
        Map<String, Long> q = new HashMap<>();
        for (String row : SinkDumps.query(c, "SELECT model, metric, field, value FROM quality_report")) {
          String[] f = row.split("\\|", -1);
          q.put(f[0] + "." + f[1] + (f[2].isEmpty() ? "" : "." + f[2]), Long.parseLong(f[3]));
        }
        // The fixture alone (EndToEndTest): file 8 read (1 unreadable), envelope 12 (5 rejected),
        // media 15 (4 rejected, one of them invalid:timestamp), profile 5 (2 rejected).
        // Poison: +2 files read (the jsonl, the post; the bomb is read too: +1 = 3), links skipped.
        assertEquals(11L, q.get("file.read"));
        assertEquals(2L, q.get("file.rejected"));
        assertEquals(1L, q.get("file.rejected_by_reason.unreadable:file"));
        assertEquals(1L, q.get("file.rejected_by_reason.oversized:file"));
        assertEquals(3L, q.get("file.skipped.link")); // the secret, the credentials, the loop
        // envelopes: +4 lines of the poison file; 2 of them rejected
        assertEquals(16L, q.get("envelope.read"));
        assertEquals(7L, q.get("envelope.rejected"));
        assertEquals(1L, q.get("envelope.rejected_by_reason.invalid:brand"));
        assertEquals(1L, q.get("envelope.rejected_by_reason.oversized:line"));
        // media: +3 (first poison envelope) +1 (after the oversized line) +1 (the Instaloader post)
        assertEquals(20L, q.get("media.read"));
        assertEquals(7L, q.get("media.rejected"));
        assertEquals(1L, q.get("media.rejected_by_reason.invalid:id"));
        assertEquals(3L, q.get("media.rejected_by_reason.invalid:timestamp"));
        assertTrue(q.get("media.defaulted.caption") >= 1L, "the NUL of p3's caption is counted");
        for (String model : List.of("file", "envelope", "media", "profile")) {
          assertEquals(q.get(model + ".read"), q.get(model + ".valid") + q.get(model + ".rejected"), model);
        }
        assertEquals(
            List.of("hashtag|chanel|after", "hashtag|chanel|p3"),
            SinkDumps.query(c, "SELECT source, scope, media_id FROM fact_media WHERE media_id IN ('after', 'p3', 'p2', 'big') ORDER BY 3"));

        // No secret anywhere: tables, documents, stage files, output.
        List<String> secrets = List.of(SECRET, creds.getProperty("password"), creds.getProperty("superuser_password"));
        StringBuilder everything = new StringBuilder(printed);
        SinkDumps.tables(c).values().forEach(rows -> rows.forEach(r -> everything.append(r).append('\n')));
        everything.append(SinkDumps.query(c, "SELECT * FROM profile_snapshot"));
        SinkDumps.documents(dataDir).values().forEach(docs -> docs.forEach(d -> everything.append(d).append('\n')));
        try (Stream<Path> files = Files.walk(dataDir.resolve("stage"))) {
          for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
            everything.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
          }
        }
        for (String s : secrets) {
          assertFalse(everything.indexOf(s) >= 0, "a secret leaked");
        }
      }
    }
  }
}
