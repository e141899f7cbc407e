package io.buzzbeam.transforms.ingest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.SumQualityCounts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ReadLanding: which files are read, how, and what a corrupt or truncated file leaves. */
public class ReadLandingTest extends LandingZoneTest {

  @BeforeEach
  public void buildLanding() throws Exception {
    // BOM, CRLF, blank lines, no final newline.
    Files.createDirectories(landing.resolve("graph/dt=2023-09-03"));
    Files.write(
        landing.resolve("graph/dt=2023-09-03/a.jsonl"),
        "\uFEFF{\"n\":1}\r\n\r\n   \n{\"n\":4}".getBytes(StandardCharsets.UTF_8));
    LandingFixtures.writeGzip(landing.resolve("graph/dt=2023-09-03/b.jsonl.gz"), "{\"n\":1}\n{\"n\":2}\n", false);
    LandingFixtures.writeXz(landing.resolve("insta/user/post.json.xz"), "{\"node\":{\"id\":\"1\"}}\n");
    LandingFixtures.write(landing.resolve("insta/user/post2.json"), "{\"node\":{\"id\":\"2\"}}");
    // Not landing input: collector temp files, captions, images.
    LandingFixtures.write(landing.resolve("graph/dt=2023-09-03/c.jsonl.tmp"), "{\"n\":9}\n");
    LandingFixtures.write(landing.resolve("insta/user/post.txt"), "caption");
    Path cut =
        LandingFixtures.writeGzip(
            landing.resolve("graph/dt=2023-09-04/cut.jsonl.gz"),
            "{\"n\":1}\n{\"n\":2}\n{\"n\":\"" + "y".repeat(2000) + "\"}\n",
            true);
    LandingFixtures.truncate(cut, 1000);
    // A valid xz header followed by garbage fails mid-stream.
    Path badXz = LandingFixtures.writeXz(landing.resolve("insta/user/bad.json.xz"), "z".repeat(5000));
    byte[] bytes = Files.readAllBytes(badXz);
    for (int i = 40; i < bytes.length - 20; i++) {
      bytes[i] = (byte) (bytes[i] ^ 0x5A);
    }
    Files.write(badXz, bytes);
  }

  private PCollectionTuple read() {
    return p.apply("ReadLanding", ReadLanding.from(landing.toString()).withRunId("r"));
  }

  @Test
  public void readsEveryLandingFileTypeLineByLine() {
    PCollectionTuple read = read();
    PAssert.that(LandingFixtures.describeRecords(read))
        .containsInAnyOrder(
            "graph/dt=2023-09-03/a.jsonl:1 [envelope] {\"n\":1}",
            "graph/dt=2023-09-03/a.jsonl:4 [envelope] {\"n\":4}",
            "graph/dt=2023-09-03/b.jsonl.gz:1 [envelope] {\"n\":1}",
            "graph/dt=2023-09-03/b.jsonl.gz:2 [envelope] {\"n\":2}",
            "insta/user/post.json.xz:1 [instaloader] {\"node\":{\"id\":\"1\"}}\n",
            "insta/user/post2.json:1 [instaloader] {\"node\":{\"id\":\"2\"}}",
            // the truncated gzip: the complete lines before the cut are kept
            "graph/dt=2023-09-04/cut.jsonl.gz:1 [envelope] {\"n\":1}",
            "graph/dt=2023-09-04/cut.jsonl.gz:2 [envelope] {\"n\":2}");
    p.run().waitUntilFinish();
  }

  @Test
  public void unreadableFilesAreDeadLettersAndTheRunGoesOn() {
    PCollectionTuple read = read();
    PAssert.that(LandingFixtures.describeRejected(read.get(ReadLanding.REJECTED)))
        .containsInAnyOrder(
            "r|file|graph/dt=2023-09-04/cut.jsonl.gz|0|[unreadable:file]",
            "r|file|insta/user/bad.json.xz|0|[unreadable:file]");
    PAssert.that(read.get(ReadLanding.REJECTED))
        .satisfies(
            items -> {
              for (RejectedItem item : items) {
                assertTrue(item.getRaw().contains("Exception"), item.getRaw());
              }
              return null;
            });
    PAssert.that(read.get(ReadLanding.QUALITY).apply(SumQualityCounts.create()))
        .containsInAnyOrder(
            QualityCount.of("file", "read", 6),
            QualityCount.of("file", "valid", 4),
            QualityCount.of("file", "rejected", 2),
            QualityCount.of("file", "rejected_by_reason", "unreadable:file", 2),
            // a.jsonl: lines 2 ("\r") and 3 ("   ") are blank
            QualityCount.of("envelope", "skipped", "blank_line", 2));
    p.run().waitUntilFinish();
  }

  @Test
  public void aRelativeLandingPathGivesTheSameRelativeFileNames() {
    // e.g. --landing=../../tmp/x/landing/ from the working directory
    String relative =
        java.nio.file.Paths.get("").toAbsolutePath().relativize(landing).toString() + "/";
    PAssert.that(
            LandingFixtures.recordFiles(p.apply("ReadLanding", ReadLanding.from(relative).withRunId("r"))))
        .containsInAnyOrder(
            "graph/dt=2023-09-03/a.jsonl",
            "graph/dt=2023-09-03/a.jsonl",
            "graph/dt=2023-09-03/b.jsonl.gz",
            "graph/dt=2023-09-03/b.jsonl.gz",
            "insta/user/post.json.xz",
            "insta/user/post2.json",
            "graph/dt=2023-09-04/cut.jsonl.gz",
            "graph/dt=2023-09-04/cut.jsonl.gz");
    p.run().waitUntilFinish();
  }
}
