package io.buzzbeam.transforms.dedup;

import static io.buzzbeam.transforms.dedup.TestRecords.profile;

import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
public class DeduplicateProfilesTest {

  final transient TestPipeline p = TestPipeline.create();

  @Test
  public void oneSnapshotPerBrandAndCollectionInstant() {
    List<ProfileSnapshot> input =
        List.of(
            // the same observation delivered twice: the later file is kept
            profile("chanel", "2023-09-03T04:00:15Z", 1000, "a/bd.jsonl", "1", List.of()),
            profile("chanel", "2023-09-03T04:00:15Z", 1000, "b/bd.jsonl", "1", List.of()),
            // the fuller copy beats the later file
            profile("dior", "2023-09-03T04:00:15Z", 500, "a/bd.jsonl", "2", List.of()),
            profile("dior", "2023-09-03T04:00:15Z", 500, "b/bd.jsonl", "2", List.of("name")),
            // other instants and brands are history, all kept
            profile("chanel", "2023-09-03T05:00:15Z", 1001, "c/bd.jsonl", "1", List.of()),
            profile("gucci", "2023-09-03T04:00:15Z", 7, "a/bd.jsonl", "3", List.of()));
    PAssert.that(
            TestRecords.deduplicated(
                p,
                ProfileSnapshot.class,
                input,
                DeduplicateProfiles.create(),
                (ProfileSnapshot s) ->
                    s.getBrand() + "|" + s.getCollectedAt() + "|" + s.getFollowersCount()
                        + "|" + s.getSourceFile() + "|" + s.getDefaulted()))
        .containsInAnyOrder(
            "chanel|2023-09-03T04:00:15Z|1000|b/bd.jsonl|[]",
            "dior|2023-09-03T04:00:15Z|500|a/bd.jsonl|[]",
            "chanel|2023-09-03T05:00:15Z|1001|c/bd.jsonl|[]",
            "gucci|2023-09-03T04:00:15Z|7|a/bd.jsonl|[]");
    p.run().waitUntilFinish();
  }
}
