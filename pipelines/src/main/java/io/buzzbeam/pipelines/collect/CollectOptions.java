package io.buzzbeam.pipelines.collect;

import io.buzzbeam.pipelines.command.CommandOptions;
import io.buzzbeam.pipelines.command.UsageException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything {@code ./buzzbeam collect} can be told, validated up front so that bad usage is a
 * one-line message naming the option (exit 2) before any API call is spent.
 */
public record CollectOptions(
    Path targets,
    Path landing,
    Path stateDir,
    boolean once,
    boolean profiles,
    boolean hashtags,
    String igUserId,
    URI graphApiBase,
    String graphApiVersion,
    TokenPlacement tokenIn,
    int mediaLimit,
    int hashtagMediaLimit,
    boolean topMedia,
    Duration requestTimeout,
    int maxAttempts,
    Duration maxRetryTime,
    Duration retryBase,
    Duration retryCap,
    double usageThreshold,
    Duration usagePauseMax,
    URI alertWebhook,
    Duration profileInterval,
    Duration hashtagInterval) {

  /** Where the token travels. A header keeps it out of every URL; the query form is the fallback. */
  public enum TokenPlacement {
    HEADER,
    QUERY
  }

  /** Items a Graph API page holds by default; pages are requested at this size. */
  public static final int PAGE_SIZE = 25;

  private static final Pattern VERSION = Pattern.compile("v\\d+\\.\\d+");
  private static final Pattern IG_USER_ID = Pattern.compile("\\d{1,30}");

  static CollectOptions parse(CollectCommandOptions o) {
    Path targets = Path.of(CommandOptions.required("targets", o.getTargets()));
    Path landing = Path.of(CommandOptions.required("landing", o.getLanding()));
    Path stateDir =
        o.getStateDir() != null ? Path.of(CommandOptions.required("stateDir", o.getStateDir())) : landing.resolve(".collect-state");

    Set<String> only = new LinkedHashSet<>();
    for (String w : o.getOnly().split(",")) {
      String word = w.strip();
      if (!word.equals("profiles") && !word.equals("hashtags")) {
        throw new UsageException("--only must be profiles, hashtags or both (comma-separated), got '" + w + "'");
      }
      only.add(word);
    }

    String igUserId = CommandOptions.required("igUserId", o.getIgUserId());
    if (!IG_USER_ID.matcher(igUserId).matches()) {
      throw new UsageException("--igUserId must be the numeric Instagram business account id, got '" + igUserId + "'");
    }
    URI base = httpUri("graphApiBase", o.getGraphApiBase());
    String version = o.getGraphApiVersion();
    if (!VERSION.matcher(version).matches()) {
      throw new UsageException("--graphApiVersion must look like v21.0, got '" + version + "'");
    }
    TokenPlacement tokenIn;
    switch (o.getTokenIn()) {
      case "header":
        tokenIn = TokenPlacement.HEADER;
        break;
      case "query":
        tokenIn = TokenPlacement.QUERY;
        break;
      default:
        throw new UsageException("--tokenIn must be header or query");
    }
    double threshold = o.getUsageThreshold();
    if (!(threshold >= 0 && threshold < 100)) {
      throw new UsageException("--usageThreshold must be a percentage in [0, 100), got " + threshold);
    }
    Duration retryBase = DurationOption.parse("retryBase", o.getRetryBase());
    Duration retryCap = DurationOption.parse("retryCap", o.getRetryCap());
    if (retryCap.compareTo(retryBase) < 0) {
      throw new UsageException("--retryCap must not be shorter than --retryBase");
    }
    Duration requestTimeout = DurationOption.parse("requestTimeout", o.getRequestTimeout());
    if (requestTimeout.isZero()) {
      throw new UsageException("--requestTimeout must be positive");
    }
    Duration profileInterval = DurationOption.parse("profileInterval", o.getProfileInterval());
    Duration hashtagInterval = DurationOption.parse("hashtagInterval", o.getHashtagInterval());
    if (profileInterval.isZero() || hashtagInterval.isZero()) {
      throw new UsageException(
          (profileInterval.isZero() ? "--profileInterval" : "--hashtagInterval") + " must be positive");
    }
    return new CollectOptions(
        targets,
        landing,
        stateDir,
        o.getOnce(),
        only.contains("profiles"),
        only.contains("hashtags"),
        igUserId,
        base,
        version,
        tokenIn,
        CommandOptions.atLeast("mediaLimit", o.getMediaLimit(), 1),
        CommandOptions.atLeast("hashtagMediaLimit", o.getHashtagMediaLimit(), 1),
        o.getTopMedia(),
        requestTimeout,
        CommandOptions.atLeast("maxAttempts", o.getMaxAttempts(), 1),
        DurationOption.parse("maxRetryTime", o.getMaxRetryTime()),
        retryBase,
        retryCap,
        threshold,
        DurationOption.parse("usagePauseMax", o.getUsagePauseMax()),
        o.getAlertWebhook() != null ? httpUri("alertWebhook", CommandOptions.required("alertWebhook", o.getAlertWebhook())) : null,
        profileInterval,
        hashtagInterval);
  }

  private static URI httpUri(String option, String value) {
    return AlertWebhook.httpUrl(option, value);
  }
}
