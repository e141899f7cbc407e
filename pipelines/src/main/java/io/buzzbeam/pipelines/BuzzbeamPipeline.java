package io.buzzbeam.pipelines;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.MediaMorphs;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.pipelines.RunSettings.Sink;
import io.buzzbeam.pipelines.sinks.FactMediaRows;
import io.buzzbeam.pipelines.sinks.JdbcTarget;
import io.buzzbeam.pipelines.sinks.QualityReportRows;
import io.buzzbeam.pipelines.sinks.RejectedRows;
import io.buzzbeam.pipelines.sinks.WriteJdbcTable;
import io.buzzbeam.pipelines.sinks.WriteMongo;
import io.buzzbeam.pipelines.sinks.WriteStage;
import io.buzzbeam.transforms.dedup.DeduplicateMedia;
import io.buzzbeam.transforms.dedup.DeduplicateProfiles;
import io.buzzbeam.transforms.ingest.LandingResult;
import io.buzzbeam.transforms.ingest.ParseLanding;
import io.buzzbeam.transforms.keywords.Stopwords;
import io.buzzbeam.transforms.keywords.TokenizeCaptions;
import io.buzzbeam.transforms.marts.AttachFollowers;
import io.buzzbeam.transforms.marts.ComputeMarts;
import io.buzzbeam.transforms.marts.Marts;
import io.buzzbeam.transforms.window.FilterWindow;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Assembles the buzzbeam pipeline: landing zone → validated records (dead letters aside) →
 * de-duplicated, windowed media with followers → tokenized captions → marts → sinks.
 *
 * <p>Every step is named, so the same graph reads the same on the DirectRunner and on Flink.
 */
public final class BuzzbeamPipeline {

  /** Where the sinks write; a null target means that sink is off. */
  public static final class Targets {
    public final JdbcTarget jdbc;
    public final String mongoUri;
    public final String mongoDatabase;
    public final String stageDir;

    public Targets(JdbcTarget jdbc, String mongoUri, String mongoDatabase, String stageDir) {
      this.jdbc = jdbc;
      this.mongoUri = mongoUri;
      this.mongoDatabase = mongoDatabase;
      this.stageDir = stageDir;
    }
  }

  private BuzzbeamPipeline() {}

  public static void assemble(Pipeline p, RunSettings s, String runId, Targets targets) throws java.io.IOException {
    LandingResult landing =
        p.apply("ParseLanding", ParseLanding.from(s.landing).withTimezone(s.timezone).withLimits(s.landingLimits).withRunId(runId));

    PCollection<Media> media =
        landing
            .media()
            .apply("DeduplicateMedia", DeduplicateMedia.create())
            .apply("MediaInWindow", FilterWindow.media(s.from, s.to));
    PCollection<ProfileSnapshot> profiles =
        landing
            .profiles()
            .apply("DeduplicateProfiles", DeduplicateProfiles.create())
            .apply("ProfilesInWindow", FilterWindow.profiles(s.from, s.to));
    PCollection<Media> withFollowers = media.apply("AttachFollowers", AttachFollowers.withProfiles(profiles));

    Stopwords stopwords = s.stopwords == null ? Stopwords.defaults() : Stopwords.fromFile(s.stopwords);
    PCollection<MediaMorphs> morphs =
        withFollowers.apply("TokenizeCaptions", TokenizeCaptions.withStopwords(stopwords));

    PCollection<Boolean> gate =
        landing.quality().apply("RejectRatioGate", RejectRatioGate.of(s.maxRejectRatio));

    if (targets.jdbc != null) {
      JdbcTarget jdbc = targets.jdbc;
      Marts marts = withFollowers.apply("ComputeMarts", ComputeMarts.of(profiles, morphs));
      // Dead letters and the quality report are written whatever the gate says (SPEC §7).
      landing
          .rejected()
          .apply("RejectedRows", RejectedRows.create())
          .apply("WriteRejected", WriteJdbcTable.to(jdbc, "rejected").replacingRun(runId));
      landing
          .quality()
          .apply("QualityReportRows", QualityReportRows.of(runId))
          .apply("WriteQualityReport", WriteJdbcTable.to(jdbc, "quality_report").replacingRun(runId));
      // Facts and day-keyed marts replace the rows of the window's days; window-level marts are replaced whole.
      writeDays(withFollowers.apply("FactMediaRows", FactMediaRows.create()), jdbc, "fact_media", s, gate);
      writeDays(marts.brandDaily(), jdbc, "mart_brand_daily", s, gate);
      writeDays(marts.hashtagDaily(), jdbc, "mart_hashtag_daily", s, gate);
      writeDays(marts.keywordDaily(), jdbc, "mart_keyword_daily", s, gate);
      writeAll(marts.brandSummary(), jdbc, "mart_brand_summary", gate);
      writeAll(marts.postType(), jdbc, "mart_post_type", gate);
      writeAll(marts.uploadHeatmap(), jdbc, "mart_upload_heatmap", gate);
    }

    if (targets.mongoUri != null) {
      String uri = targets.mongoUri;
      String db = targets.mongoDatabase;
      landing.rejected().apply("MongoRejected", WriteMongo.rejected(uri, db));
      withFollowers.apply("MongoMedia", WriteMongo.media(uri, db).onlyIf(gate));
      morphs.apply("MongoMorphs", WriteMongo.morphs(uri, db).onlyIf(gate));
      profiles.apply("MongoProfiles", WriteMongo.profiles(uri, db).onlyIf(gate));
    }

    if (targets.stageDir != null) {
      withFollowers.apply("StageMedia", WriteStage.media(targets.stageDir));
      profiles.apply("StageProfiles", WriteStage.profiles(targets.stageDir));
      landing
          .rejected()
          .apply("StageRejected", WriteStage.rejected(targets.stageDir, runId, java.time.LocalDate.now(java.time.ZoneOffset.UTC)));
    }
  }

  private static void writeDays(
      PCollection<Row> rows, JdbcTarget jdbc, String table, RunSettings s, PCollection<Boolean> gate) {
    rows.apply("Write_" + table, WriteJdbcTable.to(jdbc, table).replacingDays(day(s.from), day(s.to)).onlyIf(gate));
  }

  private static void writeAll(PCollection<Row> rows, JdbcTarget jdbc, String table, PCollection<Boolean> gate) {
    rows.apply("Write_" + table, WriteJdbcTable.to(jdbc, table).replacingAll().onlyIf(gate));
  }

  private static java.time.LocalDate day(String day) {
    return day == null ? null : java.time.LocalDate.parse(day);
  }

  /** The sinks a run writes, from {@code --sinks}. */
  public static boolean wants(RunSettings s, Sink sink) {
    return s.has(sink);
  }
}
