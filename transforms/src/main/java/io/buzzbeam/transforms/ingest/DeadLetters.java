package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.RejectedItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds dead letters the same way everywhere (run id, truncated raw text, processing time). */
public final class DeadLetters {

  private DeadLetters() {}

  public static RejectedItem of(
      String runId,
      String model,
      String sourceFile,
      String position,
      List<String> reasons,
      String raw) {
    return RejectedItem.newBuilder()
        .setRunId(runId)
        .setModel(model)
        .setSourceFile(sourceFile)
        .setPosition(position)
        .setReasons(new ArrayList<>(reasons))
        .setRaw(RawText.of(raw))
        .setRejectedAt(Instant.now())
        .build();
  }
}
