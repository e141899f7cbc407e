package io.buzzbeam.pipelines.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@link WriteStage}: deterministic partition files that a rerun overwrites. */
@ExtendWith(TestPipelineExtension.class)
public class WriteStageTest {
  @TempDir Path tmp;
  final transient TestPipeline p = TestPipeline.create();

  private static Media media(String id, String day, long likes) {
    Media m = TestRecords.chanelMedia(id, likes, 1000L, 1.0, "c");
    m.setDay(day);
    return m;
  }

  private static void write(Pipeline pipeline, String stage, List<Media> media) {
    pipeline.apply(Create.of(media).withCoder(AvroCoder.of(Media.class))).apply(WriteStage.media(stage));
    pipeline
        .apply("Profiles", Create.of(TestRecords.chanelProfile("2023-09-03T04:00:15Z", 5L))
            .withCoder(AvroCoder.of(ProfileSnapshot.class)))
        .apply(WriteStage.profiles(stage));
    pipeline
        .apply("Rejected", Create.of(TestRecords.rejected("ab12cd", "f.jsonl", "1", "x"))
            .withCoder(AvroCoder.of(RejectedItem.class)))
        .apply(WriteStage.rejected(stage, "ab12cd", java.time.LocalDate.parse("2026-11-21")));
  }

  private static List<String> files(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString())
          .sorted()
          .collect(Collectors.toList());
    }
  }

  private static List<String> read(File f) throws Exception {
    List<String> out = new ArrayList<>();
    try (DataFileReader<Media> r = new DataFileReader<>(f, new SpecificDatumReader<>(Media.class))) {
      for (Media m : r) {
        out.add(m.getMediaId() + ":" + m.getLikeCount());
      }
    }
    out.sort(null);
    return out;
  }

  @Test
  public void partitionsHaveDeterministicNamesAndARerunOverwrites() throws Exception {
    Path stage = Files.createDirectory(tmp.resolve("stage"));
    write(p, stage.toString(), List.of(media("m1", "2023-09-01", 1), media("m2", "2023-09-02", 2),
        media("m3", "2023-09-02", 3)));
    p.run().waitUntilFinish();
    List<String> expected =
        List.of(
            "media/dt=2023-09-01/part-00000-of-00001.avro",
            "media/dt=2023-09-02/part-00000-of-00001.avro",
            "profiles/dt=2023-09-03/part-00000-of-00001.avro",
            "rejected/dt=2026-11-21/ab12cd-part-00000-of-00001.avro");
    assertEquals(expected, files(stage));
    assertEquals(List.of("m2:2", "m3:3"),
        read(stage.resolve("media/dt=2023-09-02/part-00000-of-00001.avro").toFile()));

    // A rerun with changed likes: the same files, with the new content, and nothing added.
    Pipeline rerun = Pipeline.create(TestPipeline.testingPipelineOptions());
    write(rerun, stage.toString(), List.of(media("m1", "2023-09-01", 10), media("m2", "2023-09-02", 20),
        media("m3", "2023-09-02", 30)));
    rerun.run().waitUntilFinish();
    assertEquals(expected, files(stage));
    assertEquals(List.of("m2:20", "m3:30"),
        read(stage.resolve("media/dt=2023-09-02/part-00000-of-00001.avro").toFile()));
    assertEquals(List.of("m1:10"),
        read(stage.resolve("media/dt=2023-09-01/part-00000-of-00001.avro").toFile()));
  }
}
