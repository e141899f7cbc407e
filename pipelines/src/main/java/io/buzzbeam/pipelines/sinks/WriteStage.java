package io.buzzbeam.pipelines.sinks;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
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
 *   &lt;stageDir&gt;/rejected/run_id=&lt;run id&gt;/part-00000-of-00001.avro
 * </pre>
 *
 * <p>Dead letters are partitioned by run id rather than by the day of {@code rejected_at}: the run
 * id is derived from the inputs, so a rerun over the same input rewrites the same file, whereas
 * {@code rejected_at} is the (wall-clock) time of the run and a rerun on another day would stage
 * the same dead letters a second time. This matches the {@code rejected} table and collection,
 * both keyed by run id.
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

  private WriteStage(
      String stageDir, String model, Class<T> recordClass, SerializableFunction<T, String> partition) {
    super("WriteStage " + model);
    this.stageDir = stageDir.endsWith("/") ? stageDir.substring(0, stageDir.length() - 1) : stageDir;
    this.model = model;
    this.recordClass = recordClass;
    this.partition = partition;
  }

  public static WriteStage<Media> media(String stageDir) {
    return new WriteStage<>(stageDir, "media", Media.class, (Media m) -> "dt=" + m.getDay());
  }

  public static WriteStage<ProfileSnapshot> profiles(String stageDir) {
    return new WriteStage<>(
        stageDir, "profiles", ProfileSnapshot.class, (ProfileSnapshot p) -> "dt=" + p.getDay());
  }

  public static WriteStage<RejectedItem> rejected(String stageDir) {
    return new WriteStage<>(
        stageDir, "rejected", RejectedItem.class,
        (RejectedItem r) -> "run_id=" + pathSafe(r.getRunId()));
  }

  /** Keeps a run id usable as one path segment. */
  static String pathSafe(String s) {
    return s.replaceAll("[^A-Za-z0-9._=-]", "_");
  }

  @Override
  public WriteFilesResult<String> expand(PCollection<T> records) {
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
                                "%s/part-%05d-of-%05d.avro", dir, shardIndex, numShards)))
            .withNumShards(1));
  }
}
