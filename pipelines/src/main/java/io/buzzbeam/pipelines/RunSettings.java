package io.buzzbeam.pipelines;

import io.buzzbeam.transforms.shards.Rebalance;
import io.buzzbeam.pipelines.command.UsageException;
import io.buzzbeam.pipelines.collect.AlertWebhook;
import io.buzzbeam.pipelines.sinks.JdbcTarget;
import io.buzzbeam.pipelines.sinks.MongoTimeouts;
import io.buzzbeam.transforms.ingest.LandingLimits;
import io.buzzbeam.transforms.keywords.TokenizerKind;
import io.buzzbeam.transforms.keywords.Stopwords;
import io.buzzbeam.transforms.keywords.UserDictionary;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import io.buzzbeam.transforms.marts.AnalyticsSettings;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The checked form of {@link BuzzbeamOptions}: every value a run needs, validated once in the driver
 * so that bad usage fails before anything starts (exit 2, one line naming the option).
 */
public final class RunSettings implements Serializable {

  /** The sinks of SPEC §7 {@code --sinks}. */
  public enum Sink {
    JDBC,
    MONGO,
    AVRO
  }

  public final String landing;
  public final String from; // nullable, YYYY-MM-DD
  public final String to; // nullable, YYYY-MM-DD
  public final String timezone;
  public final Set<Sink> sinks;
  public final double maxRejectRatio;
  public final String stopwords; // nullable: the default list
  public final String userDictionary; // nullable: the default list
  public final TokenizerKind tokenizer;
  /** The lists themselves, read once here so that building the graph reads no file. */
  public final Stopwords stopwordList;
  public final UserDictionary dictionary;
  public final Path dataDir;
  public final String stageDir;
  /** {@code --maxLineBytes}, {@code --maxFileBytes} (SPEC §2 Limits). */
  public final LandingLimits landingLimits;
  /** The {@code --jdbc*TimeoutSeconds} options, given to every connection of the run. */
  public final JdbcTarget.Timeouts jdbcTimeouts;
  /** The {@code --mongo*TimeoutSeconds} options, given to every Mongo client of the run. */
  public final MongoTimeouts mongoTimeouts;
  /** Issue #14's mart parameters; {@code takenAt} is the run's start unless {@code --takenAt} fixes it. */
  public final AnalyticsSettings analytics;
  /** {@code --alertWebhook}: where new hashtag spikes are POSTed; null: no alerts. A secret: never printed. */
  public final URI alertWebhook;

  private RunSettings(BuzzbeamOptions o) {
    this.landing = checkLanding(o.getLanding());
    this.from = checkDay("from", o.getFrom());
    this.to = checkDay("to", o.getTo());
    if (from != null && to != null && from.compareTo(to) > 0) {
      throw new UsageException("--from=" + from + " is after --to=" + to);
    }
    this.timezone = checkZone(o.getTimezone());
    this.sinks = checkSinks(o.getSinks());
    Double ratio = o.getMaxRejectRatio();
    if (ratio == null || ratio.isNaN() || ratio < 0 || ratio > 1) {
      throw new UsageException("--maxRejectRatio must be a number between 0 and 1, got " + ratio);
    }
    this.maxRejectRatio = ratio;
    if (o.getStopwords() != null && !Files.isRegularFile(Paths.get(o.getStopwords()))) {
      throw new UsageException("--stopwords: no such file: " + o.getStopwords());
    }
    this.stopwords = o.getStopwords();
    this.stopwordList = loadStopwords(stopwords);
    this.userDictionary = o.getUserDictionary();
    this.dictionary = loadUserDictionary(userDictionary);
    this.tokenizer = checkTokenizer(o.getTokenizer());
    this.dataDir = Paths.get(o.getDataDir() == null ? "./data" : o.getDataDir()).toAbsolutePath().normalize();
    this.stageDir =
        o.getStageDir() != null
            ? Paths.get(o.getStageDir()).toAbsolutePath().normalize().toString()
            : dataDir.resolve("stage").toString();
    if (o.getJdbcUrl() != null && !o.getJdbcUrl().startsWith("jdbc:postgresql:")) {
      throw new UsageException("--jdbcUrl must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db)");
    }
    if (o.getMongoUri() != null
        && !(o.getMongoUri().startsWith("mongodb://") || o.getMongoUri().startsWith("mongodb+srv://"))) {
      throw new UsageException("--mongoUri must be a MongoDB connection string (mongodb://...)");
    }
    Integer progress = o.getProgressSeconds();
    if (progress == null || progress < 0) {
      throw new UsageException("--progressSeconds must be an integer >= 0");
    }
    this.landingLimits = checkLimits(o.getMaxLineBytes(), o.getMaxFileBytes());
    Integer shards = o.getShards();
    if (shards == null || shards < 1) {
      throw new UsageException("--shards must be an integer >= 1");
    }
    if (!java.util.List.of(Rebalance.AUTO, Rebalance.ALWAYS, Rebalance.NEVER).contains(o.getGatherShards())) {
      throw new UsageException("--gatherShards must be auto, always or never, got '" + o.getGatherShards() + "'");
    }
    Integer lockWait = o.getLockWaitSeconds();
    if (lockWait == null || lockWait < 0) {
      throw new UsageException("--lockWaitSeconds must be an integer >= 0");
    }
    this.jdbcTimeouts =
        new JdbcTarget.Timeouts(
            seconds("jdbcConnectTimeoutSeconds", o.getJdbcConnectTimeoutSeconds(), 0),
            seconds("jdbcSocketTimeoutSeconds", o.getJdbcSocketTimeoutSeconds(), 0),
            seconds("jdbcStatementTimeoutSeconds", o.getJdbcStatementTimeoutSeconds(), 0));
    if (jdbcTimeouts.socketSeconds() > 0
        && (jdbcTimeouts.statementSeconds() == 0 || jdbcTimeouts.statementSeconds() >= jdbcTimeouts.socketSeconds())) {
      // Else the client gives up first, with a bare read timeout, and the statement runs on.
      throw new UsageException(
          "--jdbcStatementTimeoutSeconds must be between 1 and --jdbcSocketTimeoutSeconds - 1 (got "
              + jdbcTimeouts.statementSeconds() + " and " + jdbcTimeouts.socketSeconds() + ")");
    }
    this.mongoTimeouts =
        new MongoTimeouts(
            seconds("mongoConnectTimeoutSeconds", o.getMongoConnectTimeoutSeconds(), 0),
            seconds("mongoSocketTimeoutSeconds", o.getMongoSocketTimeoutSeconds(), 0),
            seconds("mongoServerSelectionTimeoutSeconds", o.getMongoServerSelectionTimeoutSeconds(), 1));
    this.analytics =
        new AnalyticsSettings(
            checkInstant("takenAt", o.getTakenAt()),
            to == null ? null : LocalDate.parse(to),
            atLeast("bestTimeMinPosts", o.getBestTimeMinPosts(), 1, Integer.MAX_VALUE),
            atLeast("spikeBaselineDays", o.getSpikeBaselineDays(), 1, 365),
            checkSigma(o.getSpikeSigma()),
            atLeast("spikeMinMentions", o.getSpikeMinMentions(), 1, Integer.MAX_VALUE));
    this.alertWebhook = o.getAlertWebhook() == null ? null : AlertWebhook.httpUrl("alertWebhook", o.getAlertWebhook());
  }

  private static int atLeast(String name, Integer value, int min, int max) {
    if (value == null || value < min || value > max) {
      throw new UsageException("--" + name + " must be an integer between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  private static double checkSigma(Double sigma) {
    if (sigma == null || sigma.isNaN() || sigma.isInfinite() || sigma < 0) {
      throw new UsageException("--spikeSigma must be a number >= 0, got " + sigma);
    }
    return sigma;
  }

  /** The given instant, or now: the driver builds the settings once, at the run's start. */
  private static Instant checkInstant(String name, String value) {
    if (value == null) {
      return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new UsageException("--" + name + " must be an ISO-8601 instant such as 2026-12-01T09:05:00Z, got '" + value + "'");
    }
  }

  private static int seconds(String name, Integer value, int min) {
    // A day at most: a bigger value is a typo, and seconds must fit pgJDBC's int milliseconds.
    if (value == null || value < min || value > 86_400) {
      throw new UsageException("--" + name + " must be a number of seconds between " + min + " and 86400, got " + value);
    }
    return value;
  }

  public static RunSettings of(BuzzbeamOptions options) {
    return new RunSettings(options);
  }

  public boolean has(Sink sink) {
    return sinks.contains(sink);
  }

  private static Stopwords loadStopwords(String file) {
    if (file == null) {
      return Stopwords.defaults();
    }
    try {
      return Stopwords.fromFile(file);
    } catch (IOException e) {
      throw new UsageException("--stopwords: cannot read " + file + ": " + e.getMessage());
    }
  }

  /** A readable list whose words have no spaces (what {@link UserDictionary#fromFile} requires). */
  private static UserDictionary loadUserDictionary(String file) {
    if (file == null) {
      return UserDictionary.defaults();
    }
    if (!Files.isRegularFile(Paths.get(file))) {
      throw new UsageException("--userDictionary: no such file: " + file);
    }
    try {
      return UserDictionary.fromFile(file);
    } catch (IOException e) {
      throw new UsageException("--userDictionary: cannot read " + file + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UsageException("--userDictionary: " + file + ": " + e.getMessage());
    }
  }

  private static TokenizerKind checkTokenizer(String value) {
    try {
      return TokenizerKind.parse(value == null ? "okt" : value);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--tokenizer must be okt or nori, got '" + value + "'");
    }
  }

  /** Absent options keep the {@link LandingLimits#defaults()} (16 MiB, 4 GiB). */
  private static LandingLimits checkLimits(String maxLineBytes, String maxFileBytes) {
    LandingLimits limits = LandingLimits.defaults();
    if (maxLineBytes != null) {
      long value = checkBytes("maxLineBytes", maxLineBytes, LandingLimits.MAX_LINE_BYTES_CEILING);
      limits = limits.withMaxLineBytes((int) value);
    }
    if (maxFileBytes != null) {
      limits = limits.withMaxFileBytes(checkBytes("maxFileBytes", maxFileBytes, Long.MAX_VALUE));
    }
    return limits;
  }

  private static long checkBytes(String name, String value, long max) {
    String usage = "--" + name + " must be a number of bytes between 1 and " + max + ", got '" + value + "'";
    long bytes;
    try {
      bytes = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new UsageException(usage);
    }
    if (bytes < 1 || bytes > max) {
      throw new UsageException(usage);
    }
    return bytes;
  }

  private static String checkLanding(String landing) {
    if (landing == null || landing.isBlank()) {
      throw new UsageException("--landing is required (the landing zone directory)");
    }
    Path path = Paths.get(landing);
    if (!Files.isDirectory(path)) {
      throw new UsageException("--landing: no such directory: " + landing);
    }
    try {
      return path.toRealPath().toString();
    } catch (IOException e) {
      throw new UsageException("--landing: cannot read " + landing + ": " + e.getMessage());
    }
  }

  private static String checkDay(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.trim()).toString();
    } catch (DateTimeParseException e) {
      throw new UsageException("--" + name + " must be a day YYYY-MM-DD, got '" + value + "'");
    }
  }

  private static String checkZone(String zone) {
    try {
      return ZoneId.of(zone).getId();
    } catch (DateTimeException | NullPointerException e) {
      throw new UsageException("--timezone must be a time zone id such as Asia/Seoul, got '" + zone + "'");
    }
  }

  private static Set<Sink> checkSinks(String value) {
    Set<Sink> sinks = EnumSet.noneOf(Sink.class);
    if (value == null || value.isBlank()) {
      throw new UsageException("--sinks must list one or more of jdbc, mongo, avro");
    }
    for (String part : value.split(",")) {
      String name = part.trim().toUpperCase(Locale.ROOT);
      try {
        sinks.add(Sink.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--sinks: unknown sink '" + part.trim() + "' (use jdbc, mongo, avro)");
      }
    }
    return sinks;
  }
}
