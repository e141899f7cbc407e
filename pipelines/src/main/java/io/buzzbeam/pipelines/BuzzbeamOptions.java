package io.buzzbeam.pipelines;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.buzzbeam.pipelines.sinks.JdbcTarget;
import io.buzzbeam.pipelines.sinks.MongoTimeouts;
import io.buzzbeam.transforms.ingest.ReasonCodes;
import io.buzzbeam.transforms.marts.AnalyticsSettings;
import io.buzzbeam.transforms.shards.ShardingOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The options of {@code ./buzzbeam run} (SPEC.md §7). Runner options come from the runner's own interface. */
public interface BuzzbeamOptions extends PipelineOptions, ShardingOptions {

  @Description("Landing zone directory, read recursively (SPEC §1). Required.")
  String getLanding();

  void setLanding(String value);

  @Description("First local day of the window, YYYY-MM-DD (inclusive). Absent: no lower bound.")
  String getFrom();

  void setFrom(String value);

  @Description("Last local day of the window, YYYY-MM-DD (inclusive). Absent: no upper bound.")
  String getTo();

  void setTo(String value);

  @Description("Time zone of day, hour and weekday (an IANA zone id).")
  @Default.String("Asia/Seoul")
  String getTimezone();

  void setTimezone(String value);

  @Description("Comma list of sinks: jdbc, mongo, avro.")
  @Default.String("jdbc,mongo,avro")
  String getSinks();

  void setSinks(String value);

  @Description("JDBC URL of PostgreSQL. Absent: the embedded PostgreSQL under --dataDir.")
  String getJdbcUrl();

  void setJdbcUrl(String value);

  @Description("JDBC user; the password is read from env BUZZBEAM_JDBC_PASSWORD.")
  String getJdbcUser();

  void setJdbcUser(String value);

  @Description("MongoDB connection string. Absent: the embedded Mongo wire server under --dataDir.")
  String getMongoUri();

  void setMongoUri(String value);

  @Description("MongoDB database.")
  @Default.String("buzzbeam")
  String getMongoDatabase();

  void setMongoDatabase(String value);

  @Description("Directory of the Avro stage files. Absent: <dataDir>/stage.")
  String getStageDir();

  void setStageDir(String value);

  @Description("Directory of the embedded servers' data (and the default stage directory).")
  @Default.String("./data")
  String getDataDir();

  void setDataDir(String value);

  @Description(
      "When rejected items exceed this share of the items read, no marts or facts are written "
          + "(dead letters and the quality report still are) and the exit status is 3.")
  @Default.Double(0.5)
  Double getMaxRejectRatio();

  void setMaxRejectRatio(Double value);

  // The two limits are strings, checked by RunSettings: Beam's own parse error for a bad number
  // does not name the option, and SPEC §7 wants a usage line that does.
  @Description(
      "Longest landing line (or Instaloader file) in bytes, default 16777216 (16 MiB); a longer "
          + "one is rejected as " + ReasonCodes.OVERSIZED_LINE + " and the reading goes on (SPEC §2 Limits).")
  String getMaxLineBytes();

  void setMaxLineBytes(String value);

  @Description(
      "Largest decompressed landing file in bytes, default 4294967296 (4 GiB); past it the rest "
          + "of the file is rejected as " + ReasonCodes.OVERSIZED_FILE + " (SPEC §2 Limits).")
  String getMaxFileBytes();

  void setMaxFileBytes(String value);

  @Description("Stopword file (one word a line, # comments) replacing the default list.")
  String getStopwords();

  void setStopwords(String value);

  @Description("User dictionary file (one noun a line, # comments) replacing the default list of slang and brand names kept whole; used by both tokenizers.")
  String getUserDictionary();

  void setUserDictionary(String value);

  @Description("Caption tokenizer: okt (open-korean-text, SPEC §4) or nori (Lucene Nori).")
  @Default.String("okt")
  String getTokenizer();

  void setTokenizer(String value);

  // Issue #14's marts (docs/METRICS.md).

  @Description(
      "mart_best_time: a weekday x hour cell needs at least this many posts with an engagement rate to be "
          + "ranked; fewer is marked insufficient (at least 1).")
  @Default.Integer(AnalyticsSettings.DEFAULT_BEST_TIME_MIN_POSTS)
  Integer getBestTimeMinPosts();

  void setBestTimeMinPosts(Integer value);

  @Description("mart_hashtag_spike: days of the trailing baseline before each day (1 to 365).")
  @Default.Integer(AnalyticsSettings.DEFAULT_SPIKE_BASELINE_DAYS)
  Integer getSpikeBaselineDays();

  void setSpikeBaselineDays(Integer value);

  @Description("mart_hashtag_spike: a spike exceeds the baseline's mean + spikeSigma standard deviations (>= 0).")
  @Default.Double(AnalyticsSettings.DEFAULT_SPIKE_SIGMA)
  Double getSpikeSigma();

  void setSpikeSigma(Double value);

  @Description("mart_hashtag_spike: fewest mentions on the day for a spike (at least 1).")
  @Default.Integer(AnalyticsSettings.DEFAULT_SPIKE_MIN_MENTIONS)
  Integer getSpikeMinMentions();

  void setSpikeMinMentions(Integer value);

  @Description(
      "An http(s) URL (e.g. a Slack incoming webhook; kept secret, never printed): after a successful "
          + "publish, one JSON alert is POSTed per new hashtag spike. A failing webhook is one warning line.")
  @JsonIgnore // a secret: not serialized with the options the runner ships to its workers and logs
  String getAlertWebhook();

  void setAlertWebhook(String value);

  @Description(
      "mart_ranking_snapshot.taken_at, an ISO-8601 instant. Absent: the run's start, fixed by the driver "
          + "(a rerun with the same value rewrites the same snapshot).")
  String getTakenAt();

  void setTakenAt(String value);

  @Description("Run id. Absent: derived from the input files, window, time zone, stopwords, tokenizer and user dictionary, so a rerun over the same input is the same run.")
  String getRunId();

  void setRunId(String value);

  @Description("Named option set under runner-configs/ (direct, flink-local, flink-cluster); flags on the command line win.")
  String getRunnerConfig();

  void setRunnerConfig(String value);

  @Description(
      "Seconds to wait for another run writing to the same database to finish (0: refuse at once)."
          + " Two runs never write the same target at once (SPEC §5).")
  @Default.Integer(0)
  Integer getLockWaitSeconds();

  void setLockWaitSeconds(Integer value);

  @Description("Seconds between progress lines while the pipeline runs (0: none).")
  @Default.Integer(5)
  Integer getProgressSeconds();

  void setProgressSeconds(Integer value);

  // Timeouts: a run that waits on a server which stopped answering fails within minutes (exit 1)
  // instead of hanging; each is far above what a healthy statement or write of a run takes.

  @Description("Seconds to wait for a PostgreSQL connection and login (0: no limit).")
  @Default.Integer(JdbcTarget.Timeouts.DEFAULT_CONNECT_SECONDS)
  Integer getJdbcConnectTimeoutSeconds();

  void setJdbcConnectTimeoutSeconds(Integer value);

  @Description(
      "Seconds to wait for any answer from PostgreSQL on a connection (0: no limit); longer than "
          + "--jdbcStatementTimeoutSeconds. The publish transaction is watched by pings instead.")
  @Default.Integer(JdbcTarget.Timeouts.DEFAULT_SOCKET_SECONDS)
  Integer getJdbcSocketTimeoutSeconds();

  void setJdbcSocketTimeoutSeconds(Integer value);

  @Description(
      "PostgreSQL statement_timeout in seconds of the workers' statements (batched upserts, "
          + "reads of published rows); not of the publish transaction (0: no limit).")
  @Default.Integer(JdbcTarget.Timeouts.DEFAULT_STATEMENT_SECONDS)
  Integer getJdbcStatementTimeoutSeconds();

  void setJdbcStatementTimeoutSeconds(Integer value);

  @Description("Seconds to wait for a MongoDB connection (0: no limit).")
  @Default.Integer(MongoTimeouts.DEFAULT_CONNECT_SECONDS)
  Integer getMongoConnectTimeoutSeconds();

  void setMongoConnectTimeoutSeconds(Integer value);

  @Description("Seconds to wait for any answer from MongoDB (0: no limit).")
  @Default.Integer(MongoTimeouts.DEFAULT_SOCKET_SECONDS)
  Integer getMongoSocketTimeoutSeconds();

  void setMongoSocketTimeoutSeconds(Integer value);

  @Description("Seconds to wait for a reachable MongoDB server before a write fails (at least 1).")
  @Default.Integer(MongoTimeouts.DEFAULT_SERVER_SELECTION_SECONDS)
  Integer getMongoServerSelectionTimeoutSeconds();

  void setMongoServerSelectionTimeoutSeconds(Integer value);
}
