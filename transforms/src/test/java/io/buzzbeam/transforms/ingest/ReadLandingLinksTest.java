package io.buzzbeam.transforms.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.SumQualityCounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SPEC §2 rev. 2: files are read once each; a link out of the landing directory, a second path to
 * a file, a dangling link and a directory link are skipped and counted ({@code skipped:link}), and
 * directory loops do not make the listing walk forever.
 */
public class ReadLandingLinksTest extends LandingZoneTest {

  private static final String SECRET = "hunter2";

  @BeforeEach
  public void buildLanding() throws Exception {
    Path secret = Files.createDirectory(tmp.resolve("secret"));
    LandingFixtures.write(secret.resolve("postgres.credentials"), "password=" + SECRET + "\n");
    LandingFixtures.write(secret.resolve("secret.jsonl"), "{\"password\":\"" + SECRET + "\"}\n");

    LandingFixtures.write(landing.resolve("graph/dt=2023-09-03/ok.jsonl"), "{\"n\":1}\n");
    // Out of the landing directory: a file link and a directory link.
    link("graph/dt=2023-09-03/creds.jsonl", secret.resolve("postgres.credentials"));
    link("outside", secret);
    // Two links to one file (whose own name is not landing input): read once, as the smaller path.
    LandingFixtures.write(landing.resolve("store/real.dat"), "{\"n\":2}\n");
    link("graph/b.jsonl", Paths.get("../store/real.dat"));
    link("graph/a.jsonl", Paths.get("../store/real.dat"));
    // A hard link is a second path too.
    LandingFixtures.write(landing.resolve("insta/p.json"), "{\"node\":{\"id\":\"p\"}}");
    Files.createLink(landing.resolve("insta/q.json"), landing.resolve("insta/p.json"));
    // Directory loops: to an ancestor and to itself.
    link("graph/loop", Paths.get(".."));
    link("graph/dt=2023-09-03/self", Paths.get("."));
    // Dangling.
    link("graph/gone.jsonl", Paths.get("missing.jsonl"));
    // Not landing input by its name: ignored like any such file, not counted.
    link("notes.txt", secret.resolve("postgres.credentials"));
  }

  private void link(String at, Path target) throws Exception {
    Path link = landing.resolve(at);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, target);
  }

  @Test
  public void eachFileIsReadOnceAndLinksAreSkippedAndCounted() {
    PCollectionTuple read = p.apply("ReadLanding", ReadLanding.from(landing.toString()).withRunId("r"));
    PAssert.that(LandingFixtures.describeRecords(read))
        .containsInAnyOrder(
            "graph/dt=2023-09-03/ok.jsonl:1 [envelope] {\"n\":1}",
            "graph/a.jsonl:1 [envelope] {\"n\":2}",
            "insta/p.json:1 [instaloader] {\"node\":{\"id\":\"p\"}}");
    PAssert.that(read.get(ReadLanding.REJECTED)).empty();
    PAssert.that(read.get(ReadLanding.QUALITY).apply(SumQualityCounts.create()))
        .containsInAnyOrder(
            QualityCount.of("file", "read", 3),
            QualityCount.of("file", "valid", 3),
            // creds.jsonl, outside, b.jsonl, q.json, loop, self, gone.jsonl
            QualityCount.of("file", "skipped", "link", 7));
    p.run().waitUntilFinish();
  }

  @Test
  public void nothingFromOutsideTheLandingDirectoryReachesTheOutput() {
    LandingResult result =
        p.apply("ParseLanding", ParseLanding.from(landing.toString()).withRunId("r"));
    // {"n":1} and {"n":2} are envelopes without kind, brand, collected_at or response: dead letters
    // with their raw text.
    PAssert.that(LandingFixtures.describeRejected(result.rejected()))
        .containsInAnyOrder(
            "r|envelope|graph/dt=2023-09-03/ok.jsonl|1|[invalid:kind, missing:brand, invalid:collected_at, missing:response]",
            "r|envelope|graph/a.jsonl|1|[invalid:kind, missing:brand, invalid:collected_at, missing:response]",
            "r|media|insta/p.json|1|[missing:timestamp, missing:username]");
    PAssert.that(result.rejected())
        .satisfies(
            items -> {
              for (RejectedItem item : items) {
                assertFalse(item.getRaw().contains(SECRET), item.getRaw());
              }
              return null;
            });
    PAssert.that(result.quality())
        .satisfies(
            counts -> {
              for (QualityCount c : counts) {
                if (c.model.equals("file") && c.metric.equals("read")) {
                  assertEquals(3L, c.value);
                }
                if (c.model.equals("file") && c.metric.equals("skipped")) {
                  assertEquals("link=7", c.field + "=" + c.value);
                }
              }
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void aLandingDirectoryThatIsALinkIsReadThroughIt() throws Exception {
    Path alias = tmp.resolve("alias");
    Files.createSymbolicLink(alias, landing);
    PAssert.that(
            LandingFixtures.recordFiles(p.apply("ReadLanding", ReadLanding.from(alias.toString()).withRunId("r"))))
        .containsInAnyOrder("graph/dt=2023-09-03/ok.jsonl", "graph/a.jsonl", "insta/p.json");
    p.run().waitUntilFinish();
  }
}
