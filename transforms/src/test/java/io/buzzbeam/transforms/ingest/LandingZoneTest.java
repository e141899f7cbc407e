package io.buzzbeam.transforms.ingest;

import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.testing.TestPipeline;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every test over a landing zone of its own starts from: the test pipeline {@code p}, and
 * {@code landing}, an empty directory under the test's temporary directory {@code tmp}, created
 * before the subclass's own {@code @BeforeEach} fills it.
 */
@ExtendWith(TestPipelineExtension.class)
abstract class LandingZoneTest {

  final transient TestPipeline p = TestPipeline.create();
  @TempDir transient Path tmp;

  Path landing;

  @BeforeEach
  final void createLandingDirectory() throws IOException {
    landing = Files.createDirectory(tmp.resolve("landing"));
  }
}
