package io.buzzbeam.pipelines.sinks;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import java.time.LocalDate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.io.AvroIO;
import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.WriteFilesResult;
import org.apache.beam.sdk.transforms.Contextful;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;

/**
 * The Avro stage (the "validated and staged" data of the brand-buzz project): canonical records
 * in Avro container files, one directory per model and partition, with deterministic names so a
 * rerun overwrites its files instead of adding new ones:
 *
 * <pre>
 *   &lt;stageDir&gt;/media/dt=YYYY-MM-DD/part-00000-of-00001.avro      (by the media's local posting day)
 *   &lt;stageDir&gt;/profiles/dt=YYYY-MM-DD/part-00000-of-00001.avro   (by the local collection day)
 *   &lt;stageDir&gt;/rejected/dt=YYYY-MM-DD/&lt;run id&gt;-part-00000-of-00001.avro   (by the run's UTC day)
 * </pre>
 *
 * <p>Dead letters are partitioned by the (UTC) day of the run that rejected them, which the driver
 * passes in, the layout of every stage model, and their file is named after the run id (characters
 * other than letters, digits and {@code ._=-} replaced by {@code _}): the run id is derived from the
 * inputs, so a rerun on the same day rewrites the same file, while a rerun on another day leaves a
 * copy under that day, as a processing log does. The {@code rejected} table and collection are
 * keyed by run id.
 *
 * <p>One shard per partition: a day of Instagram media is small, and a fixed shard count is what
 * makes the names deterministic. Partitions absent from a rerun (days outside its window) are left
 * as they were, like the marts.
 */
public final class WriteStage<T extends SpecificRecord>
    extends PTransform<PCollection<T>, WriteFilesResult<String>> {

  private final String stageDir;
  private final String model;
  private final Class<T> recordClass;
  private final SerializableFunction<T, String> partition;
  private final String filePrefix;

  private WriteStage(
      String stageDir, String model, Class<T> recordClass, SerializableFunction<T, String> partition) {
    this(stageDir, model, recordClass, partition, "part");
  }

  private WriteStage(
      String stageDir,
      String model,
      Class<T> recordClass,
      SerializableFunction<T, String> partition,
      String filePrefix) {
    super("WriteStage " + model);
    this.stageDir = stageDir.endsWith("/") ? stageDir.substring(0, stageDir.length() - 1) : stageDir;
    this.model = model;
    this.recordClass = recordClass;
    this.partition = partition;
    this.filePrefix = filePrefix;
  }

  public static WriteStage<Media> media(String stageDir) {
    return new WriteStage<>(stageDir, "media", Media.class, (Media m) -> "dt=" + m.getDay());
  }

  public static WriteStage<ProfileSnapshot> profiles(String stageDir) {
    return new WriteStage<>(
        stageDir, "profiles", ProfileSnapshot.class, (ProfileSnapshot p) -> "dt=" + p.getDay());
  }

  /** Dead letters of run {@code runId}, under {@code rejected/dt=<runDay>/<runId>-part-…}. */
  public static WriteStage<RejectedItem> rejected(String stageDir, String runId, LocalDate runDay) {
    String dt = "dt=" + runDay;
    return new WriteStage<>(
        stageDir, "rejected", RejectedItem.class, (RejectedItem r) -> dt, pathSafe(runId) + "-part");
  }

  /** Keeps a run id usable as one path segment. */
  static String pathSafe(String s) {
    return s.replaceAll("[^A-Za-z0-9._=-]", "_");
  }

  @Override
  public WriteFilesResult<String> expand(PCollection<T> records) {
    String prefix = filePrefix;
    return records.apply(
        "Write " + model + " Avro files",
        FileIO.<String, T>writeDynamic()
            .by(partition)
            .withDestinationCoder(StringUtf8Coder.of())
            .via(AvroIO.sink(recordClass))
            .to(stageDir + "/" + model)
            .withNaming(
                Contextful.fn(
                    (String dir) ->
                        (window, pane, numShards, shardIndex, compression) ->
                            String.format(
                                "%s/%s-%05d-of-%05d.avro", dir, prefix, shardIndex, numShards)))
            .withNumShards(1));
  }
}
