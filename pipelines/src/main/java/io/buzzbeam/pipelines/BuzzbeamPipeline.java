package io.buzzbeam.pipelines;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.MediaMorphs;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.pipelines.publish.ReadPublished;
import io.buzzbeam.pipelines.publish.StagingTables;
import io.buzzbeam.pipelines.sinks.FactMediaRows;
import io.buzzbeam.pipelines.sinks.JdbcTarget;
import io.buzzbeam.pipelines.sinks.MongoTimeouts;
import io.buzzbeam.pipelines.sinks.ProfileSnapshotRows;
import io.buzzbeam.pipelines.sinks.QualityReportRows;
import io.buzzbeam.pipelines.sinks.RejectedRows;
import io.buzzbeam.pipelines.sinks.WriteJdbcTable;
import io.buzzbeam.pipelines.sinks.WriteMongo;
import io.buzzbeam.pipelines.sinks.WriteStage;
import io.buzzbeam.transforms.dedup.DeduplicateMedia;
import io.buzzbeam.transforms.dedup.DeduplicateProfiles;
import io.buzzbeam.transforms.ingest.LandingPrune;
import io.buzzbeam.transforms.ingest.LandingResult;
import io.buzzbeam.transforms.ingest.ParseLanding;
import io.buzzbeam.transforms.keywords.TokenizeCaptions;
import io.buzzbeam.transforms.marts.AnalyticsMarts;
import io.buzzbeam.transforms.marts.AttachFollowers;
import io.buzzbeam.transforms.marts.ComputeMarts;
import io.buzzbeam.transforms.marts.FollowerHistoriesByBrand;
import io.buzzbeam.transforms.marts.FollowerHistory;
import io.buzzbeam.transforms.marts.Marts;
import io.buzzbeam.transforms.tables.Tables;
import io.buzzbeam.transforms.tables.Tables.Table;
import io.buzzbeam.transforms.window.FilterWindow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;

/**
 * Assembles the buzzbeam pipeline, in the order of the data-flow diagram in docs/ARCHITECTURE.md:
 * landing zone → validated records (dead letters aside) → de-duplicated media and snapshots →
 * followers attached (histories built once) → tokenized captions → marts → sinks.
 *
 * <p>The JDBC sink writes every staged table of the catalogue into the run's staging copies; the
 * driver publishes them in one transaction after the job (see {@code io.buzzbeam.pipelines.publish}).
 * With a bounded window and JDBC on, the brand marts also read back what earlier runs published for
 * the other days ({@link ReadPublished}), so they describe every published day.
 *
 * <p>Every step is named, so the same graph reads the same on the DirectRunner and on Flink.
 */
public final class BuzzbeamPipeline {

  /** Where the sinks write; a null target means that sink is off. */
  public static final class Targets {
    public final JdbcTarget jdbc;
    public final StagingTables staging;
    public final String mongoUri;
    public final String mongoDatabase;
    public final String stageDir;
    /** The run's UTC day, the partition of its dead letters in the stage; the driver's clock. */
    public final LocalDate runDay;

    public Targets(
        JdbcTarget jdbc, StagingTables staging, String mongoUri, String mongoDatabase, String stageDir, LocalDate runDay) {
      if ((jdbc == null) != (staging == null)) {
        throw new IllegalArgumentException("a JDBC target needs its staging tables");
      }
      this.jdbc = jdbc;
      this.staging = staging;
      this.mongoUri = mongoUri;
      this.mongoDatabase = mongoDatabase;
      this.stageDir = stageDir;
      this.runDay = runDay;
    }
  }

  private BuzzbeamPipeline() {}

  public static void assemble(Pipeline p, RunSettings s, String runId, Targets targets) {
    LandingResult landing =
        p.apply(
            "ParseLanding",
            ParseLanding.from(s.landing)
                .withTimezone(s.timezone)
                .prunedBefore(LandingPrune.windowStart(s.from, s.timezone))
                .withLimits(s.landingLimits)
                .withRunId(runId)
                // DeduplicateMedia follows; copies of a media dropped early never cross a channel.
                .preferringWithinBundles());
    LocalDate from = day(s.from);
    LocalDate to = day(s.to);
    boolean readsPublished = targets.jdbc != null && (from != null || to != null);

    PCollection<Media> media =
        landing
            .media()
            .apply("DeduplicateMedia", DeduplicateMedia.create())
            .apply("MediaInWindow", FilterWindow.media(s.from, s.to));
    PCollection<ProfileSnapshot> snapshotsRead =
        landing.profiles().apply("DeduplicateProfiles", DeduplicateProfiles.create());
    PCollection<ProfileSnapshot> profiles =
        snapshotsRead.apply("ProfilesInWindow", FilterWindow.profiles(s.from, s.to));

    // SPEC §3 rev. 2: every snapshot read answers the followers lookups; only the window's (and the
    // published days') snapshots put brands and days into B and D.
    PCollection<ProfileSnapshot> historySnapshots = snapshotsRead;
    PCollection<ProfileSnapshot> martSnapshots = profiles;
    PCollection<Media> publishedMedia = null;
    if (readsPublished) {
      PCollection<ProfileSnapshot> published =
          p.apply("ReadPublishedSnapshots", ReadPublished.snapshots(targets.jdbc, from, to));
      historySnapshots = flatten("ReadAndPublishedSnapshots", snapshotsRead, published);
      martSnapshots = flatten("WindowAndPublishedSnapshots", profiles, published);
      publishedMedia = p.apply("ReadPublishedMedia", ReadPublished.media(targets.jdbc, from, to));
    }
    PCollection<KV<String, FollowerHistory>> histories =
        historySnapshots.apply("FollowerHistories", FollowerHistoriesByBrand.create());
    PCollection<Media> withFollowers = media.apply("AttachFollowers", AttachFollowers.withHistories(histories));

    PCollection<MediaMorphs> morphs =
        withFollowers.apply(
            "TokenizeCaptions",
            TokenizeCaptions.withStopwords(s.stopwordList).withTokenizer(s.tokenizer).withUserDictionary(s.dictionary));

    // Issue #14's marts; the spike baselines of the window's first days are published rows.
    AnalyticsMarts analytics =
        AnalyticsMarts.of(s.analytics)
            .withPublishedHashtagDaily(
                readsPublished && from != null
                    ? p.apply(
                        "ReadPublishedHashtagDaily",
                        ReadPublished.hashtagDailyBefore(targets.jdbc, from, s.analytics.spikeBaselineDays))
                    : null);
    ComputeMarts computeMarts = ComputeMarts.of(martSnapshots, histories, morphs).withAnalytics(analytics);
    Marts marts =
        withFollowers.apply(
            "ComputeMarts", publishedMedia == null ? computeMarts : computeMarts.withPublishedMedia(publishedMedia));

    // Every SPEC §5 table's rows, keyed by the catalogue: what the JDBC sink stages.
    Map<Table, PCollection<Row>> tableRows = new LinkedHashMap<>();
    marts.byTable().forEach((name, martRows) -> tableRows.put(Tables.byName(name), martRows));
    tableRows.put(Tables.FACT_MEDIA, withFollowers.apply("FactMediaRows", FactMediaRows.create()));
    tableRows.put(Tables.REJECTED, landing.rejected().apply("RejectedRows", RejectedRows.create()));
    tableRows.put(Tables.QUALITY_REPORT, landing.quality().apply("QualityReportRows", QualityReportRows.of(runId)));
    tableRows.put(Tables.PROFILE_SNAPSHOT, profiles.apply("ProfileSnapshotRows", ProfileSnapshotRows.create()));

    // What each JDBC and Mongo writer reports it wrote (per bundle). The run reads its counters,
    // not these, but on Flink every collection nobody reads gets a sink of its own to be
    // scheduled: flattened, the 20 writers' counts end in one.
    List<PCollection<Long>> written = new ArrayList<>();
    if (targets.jdbc != null) {
      // Every staged table of the catalogue, into the run's staging copy; gating and replacing
      // happen once, when the driver publishes.
      for (Table table : StagingTables.staged()) {
        PCollection<Row> rows = tableRows.get(table);
        if (rows == null) {
          throw new IllegalStateException("no rows assembled for staged table " + table.name);
        }
        written.add(
            rows.apply("Stage_" + table.name, WriteJdbcTable.to(targets.jdbc, table).into(targets.staging.nameOf(table))));
      }
    }

    if (targets.mongoUri != null) {
      // Mongo has no publish step: its writers take the reject-ratio gate themselves (SPEC §7).
      WriteMongo.Gate gate =
          WriteMongo.Gate.of(landing.quality().apply("RejectRatioGate", RejectRatioGate.of(s.maxRejectRatio)));
      String uri = targets.mongoUri;
      String db = targets.mongoDatabase;
      MongoTimeouts timeouts = s.mongoTimeouts;
      written.add(landing.rejected().apply("MongoRejected", WriteMongo.rejected(uri, db).withTimeouts(timeouts)));
      written.add(withFollowers.apply("MongoMedia", WriteMongo.media(uri, db).withTimeouts(timeouts).onlyIf(gate)));
      written.add(morphs.apply("MongoMorphs", WriteMongo.morphs(uri, db).withTimeouts(timeouts).onlyIf(gate)));
      written.add(profiles.apply("MongoProfiles", WriteMongo.profiles(uri, db).withTimeouts(timeouts).onlyIf(gate)));
    }
    if (!written.isEmpty()) {
      PCollectionList.of(written).apply("AllWritten", Flatten.pCollections());
    }

    if (targets.stageDir != null) {
      withFollowers.apply("StageMedia", WriteStage.media(targets.stageDir));
      profiles.apply("StageProfiles", WriteStage.profiles(targets.stageDir));
      landing
          .rejected()
          .apply("StageRejected", WriteStage.rejected(targets.stageDir, runId, targets.runDay));
    }
  }

  private static <T> PCollection<T> flatten(String name, PCollection<T> a, PCollection<T> b) {
    return PCollectionList.of(a).and(b).apply(name, Flatten.pCollections()).setCoder(a.getCoder());
  }

  private static LocalDate day(String day) {
    return day == null ? null : LocalDate.parse(day);
  }
}
