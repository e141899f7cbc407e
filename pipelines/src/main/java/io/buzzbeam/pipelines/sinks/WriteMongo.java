package io.buzzbeam.pipelines.sinks;

import io.buzzbeam.transforms.quality.RunCounter;
import com.mongodb.client.MongoClient;
import io.buzzbeam.model.Media;
import io.buzzbeam.model.MediaMorphs;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.shards.Rebalance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.bson.Document;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes canonical records into the SPEC §6 Mongo collections ({@code media}, {@code morphs},
 * {@code profiles}, {@code rejected}) as upserts: every document ends up stored as given under its
 * natural {@code _id} (see {@link MongoDocuments}), in unordered {@code bulkWrite}s of {@link
 * #DEFAULT_BATCH_SIZE}, inserted where new and replaced where stored ({@link MongoBatchWriter}). A
 * rerun therefore leaves the same documents, and a field that disappeared from a record disappears
 * from its document too (a replace, not a {@code $set}).
 *
 * <p>Beam's {@code MongoDbIO.write()} inserts by default and its update configuration works with
 * {@code $set}-style updates; a small DoFn with the sync driver gives exact replace-upserts.
 *
 * <p>{@link #onlyIf} gates the media, morphs and profiles writes on the {@code --maxRejectRatio}
 * check; dead letters are always written, so {@code rejected()} refuses a gate. Output: the
 * documents written, one {@code Long} per bundle (sum them for the total; not summed here, for the
 * reason {@link WriteJdbcTable} gives); counter {@code buzzbeam/sink.mongo.<collection>}. The URI is not
 * shown by {@link #toString()} (it may carry a password).
 */
public final class WriteMongo<T> extends PTransform<PCollection<T>, PCollection<Long>> {
  public static final int DEFAULT_BATCH_SIZE = 1000;

  private final String uri;
  private final String database;
  private final String collection;
  private final SerializableFunction<T, Document> toDocument;
  private final boolean gateable;
  private final @Nullable Gate gate;
  private final int batchSize;
  private final MongoTimeouts timeouts;

  private WriteMongo(
      String uri,
      String database,
      String collection,
      SerializableFunction<T, Document> toDocument,
      boolean gateable,
      @Nullable Gate gate,
      int batchSize,
      MongoTimeouts timeouts) {
    // A default step name per collection, so the four writes can be applied without names.
    super("WriteMongo " + collection);
    this.uri = Objects.requireNonNull(uri, "uri");
    this.database = Objects.requireNonNull(database, "database");
    this.collection = collection;
    this.toDocument = toDocument;
    this.gateable = gateable;
    this.gate = gate;
    this.batchSize = batchSize;
    this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
  }

  /** Canonical media into {@code media}, {@code _id = source:scope:media_id}. */
  public static WriteMongo<Media> media(String uri, String database) {
    return new WriteMongo<>(
        uri, database, "media", (Media m) -> MongoDocuments.media(m), true, null,
        DEFAULT_BATCH_SIZE, MongoTimeouts.DEFAULTS);
  }

  /** Tokenized captions into {@code morphs}, {@code _id = source:scope:media_id}. */
  public static WriteMongo<MediaMorphs> morphs(String uri, String database) {
    return new WriteMongo<>(
        uri, database, "morphs", (MediaMorphs m) -> MongoDocuments.morphs(m), true, null,
        DEFAULT_BATCH_SIZE, MongoTimeouts.DEFAULTS);
  }

  /** Profile snapshots into {@code profiles}, {@code _id = brand:collected_at}. */
  public static WriteMongo<ProfileSnapshot> profiles(String uri, String database) {
    return new WriteMongo<>(
        uri, database, "profiles", (ProfileSnapshot p) -> MongoDocuments.profile(p), true, null,
        DEFAULT_BATCH_SIZE, MongoTimeouts.DEFAULTS);
  }

  /** Dead letters into {@code rejected}, {@code _id = run_id:source_file:position}; never gated. */
  public static WriteMongo<RejectedItem> rejected(String uri, String database) {
    return new WriteMongo<>(
        uri, database, "rejected", (RejectedItem r) -> MongoDocuments.rejected(r), false, null,
        DEFAULT_BATCH_SIZE, MongoTimeouts.DEFAULTS);
  }

  /**
   * The reject-ratio gate as the writers read it: the one-element collection they wait for and its
   * side-input view, made once and shared by every gated writer (on Flink each view is a grouping
   * and a sink more to schedule, so three writers with a view each cost six steps more).
   */
  public static final class Gate {
    final PCollection<Boolean> signal;
    final PCollectionView<Boolean> view;

    private Gate(PCollection<Boolean> signal, PCollectionView<Boolean> view) {
      this.signal = signal;
      this.view = view;
    }

    /** {@code signal}: exactly one {@code Boolean} in the global window, {@code true} to write. */
    public static Gate of(PCollection<Boolean> signal) {
      return new Gate(signal, signal.apply("Gate as side input", View.asSingleton()));
    }
  }

  /** Writes nothing unless {@code gate} holds {@code true} (not for dead letters). */
  public WriteMongo<T> onlyIf(Gate gate) {
    if (!gateable) {
      throw new IllegalStateException(
          "dead letters are always written (SPEC §7); " + collection + " takes no gate");
    }
    return new WriteMongo<>(
        uri, database, collection, toDocument, gateable, Objects.requireNonNull(gate), batchSize, timeouts);
  }

  public WriteMongo<T> withBatchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1");
    }
    return new WriteMongo<>(uri, database, collection, toDocument, gateable, gate, batchSize, timeouts);
  }

  /** The clients' timeouts ({@link MongoTimeouts#DEFAULTS} unless set). */
  public WriteMongo<T> withTimeouts(MongoTimeouts timeouts) {
    return new WriteMongo<>(uri, database, collection, toDocument, gateable, gate, batchSize, timeouts);
  }

  public String collection() {
    return collection;
  }

  @Override
  public PCollection<Long> expand(PCollection<T> input) {
    // The records, not their documents, wait for the gate: their own coder is leaner than BSON's,
    // and each becomes a document only in the step that writes it.
    PCollection<T> records =
        input.getWindowingStrategy().getWindowFn() instanceof GlobalWindows
            ? input
            : input.apply("GlobalWindow", Window.<T>into(new GlobalWindows()));
    PCollectionView<Boolean> gateView = null;
    if (gate != null) {
      gateView = gate.view;
      // The records wait for the gate by grouping into shards with its completion, rather than
      // polling for the side input (see Rebalance).
      records = records.apply("After gate", Rebalance.<T>acrossShards().after(gate.signal));
    }
    ParDo.SingleOutput<T, Long> upsert =
        ParDo.of(new UpsertDocumentsFn<>(uri, database, collection, toDocument, gateView, batchSize, timeouts));
    if (gateView != null) {
      upsert = upsert.withSideInputs(gateView);
    }
    return records.apply("Upsert into " + collection, upsert);
  }

  @Override
  public String toString() {
    return "WriteMongo{" + database + "." + collection + "}";
  }

  /** Makes each record a document, buffers them, and stores them by {@code _id} in unordered bulk writes ({@link MongoBatchWriter}). */
  static final class UpsertDocumentsFn<T> extends DoFn<T, Long> {
    private final String uri;
    private final String database;
    private final String collectionName;
    private final SerializableFunction<T, Document> toDocument;
    private final @Nullable PCollectionView<Boolean> gate;
    private final int batchSize;
    private final MongoTimeouts timeouts;
    private final RunCounter written;

    private transient MongoClient client;
    private transient MongoBatchWriter writer;
    // Keyed by _id: one document per id per bulk write (the later one wins).
    private transient Map<Object, Document> batch;
    private transient long bundleCount;
    private transient Boolean gateOpen;

    UpsertDocumentsFn(
        String uri,
        String database,
        String collectionName,
        SerializableFunction<T, Document> toDocument,
        @Nullable PCollectionView<Boolean> gate,
        int batchSize,
        MongoTimeouts timeouts) {
      this.uri = uri;
      this.database = database;
      this.collectionName = collectionName;
      this.toDocument = toDocument;
      this.gate = gate;
      this.batchSize = batchSize;
      this.timeouts = timeouts;
      this.written = RunCounter.of("sink.mongo." + collectionName);
    }

    @Setup
    public void setup() {
      client = timeouts.client(uri);
      writer =
          new MongoBatchWriter(
              client.getDatabase(database).getCollection(collectionName).withCodecRegistry(PlainDocumentCodec.REGISTRY));
    }

    @StartBundle
    public void startBundle() {
      batch = new LinkedHashMap<>();
      bundleCount = 0;
    }

    @ProcessElement
    public void processElement(ProcessContext c) {
      if (gate != null) {
        if (gateOpen == null) {
          gateOpen = Boolean.TRUE.equals(c.sideInput(gate)); // a global-window singleton
        }
        if (!gateOpen) {
          return;
        }
      }
      Document doc = toDocument.apply(c.element());
      batch.put(doc.get("_id"), doc);
      if (batch.size() >= batchSize) {
        flush();
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      flush();
      c.output(bundleCount, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
    }

    private void flush() {
      if (batch.isEmpty()) {
        return;
      }
      // Unordered: the server may apply them in any order (ids are distinct); a failed bundle is
      // retried by the runner, which storing each document as given makes harmless.
      writer.write(batch.values());
      written.inc(batch.size());
      bundleCount += batch.size();
      batch.clear();
    }

    @Teardown
    public void teardown() {
      if (client != null) {
        client.close();
        client = null;
      }
    }
  }
}
