package io.buzzbeam.pipelines.collect;

import io.buzzbeam.pipelines.cli.Args;
import io.buzzbeam.pipelines.cli.UsageException;
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
  static final int PAGE_SIZE = 25;

  public static final Set<String> NAMES =
      Set.of(
          "targets", "landing", "stateDir", "once", "only", "igUserId", "tokenFile",
          "graphApiBase", "graphApiVersion", "tokenIn", "mediaLimit", "hashtagMediaLimit",
          "topMedia", "requestTimeout", "maxAttempts", "maxRetryTime", "retryBase", "retryCap",
          "usageThreshold", "usagePauseMax", "alertWebhook", "profileInterval",
          "hashtagInterval");

  private static final Pattern VERSION = Pattern.compile("v\\d+\\.\\d+");
  private static final Pattern IG_USER_ID = Pattern.compile("\\d{1,30}");

  static CollectOptions parse(Args a) {
    Path targets = Path.of(a.required("targets"));
    Path landing = Path.of(a.required("landing"));
    Path stateDir =
        a.has("stateDir") ? Path.of(a.required("stateDir")) : landing.resolve(".collect-state");

    Set<String> only = new LinkedHashSet<>();
    for (String w : a.get("only", "profiles,hashtags").split(",")) {
      String word = w.strip();
      if (!word.equals("profiles") && !word.equals("hashtags")) {
        throw new UsageException("--only must be profiles, hashtags or both (comma-separated), got '" + w + "'");
      }
      only.add(word);
    }

    String igUserId = a.required("igUserId");
    if (!IG_USER_ID.matcher(igUserId).matches()) {
      throw new UsageException("--igUserId must be the numeric Instagram business account id, got '" + igUserId + "'");
    }
    URI base = httpUri("graphApiBase", a.get("graphApiBase", "https://graph.facebook.com"));
    String version = a.get("graphApiVersion", "v21.0");
    if (!VERSION.matcher(version).matches()) {
      throw new UsageException("--graphApiVersion must look like v21.0, got '" + version + "'");
    }
    TokenPlacement tokenIn;
    switch (a.get("tokenIn", "header")) {
      case "header":
        tokenIn = TokenPlacement.HEADER;
        break;
      case "query":
        tokenIn = TokenPlacement.QUERY;
        break;
      default:
        throw new UsageException("--tokenIn must be header or query");
    }
    double threshold = a.doubleValue("usageThreshold", 80);
    if (!(threshold >= 0 && threshold < 100)) {
      throw new UsageException("--usageThreshold must be a percentage in [0, 100), got " + threshold);
    }
    Duration retryBase = duration(a, "retryBase", "1s");
    Duration retryCap = duration(a, "retryCap", "60s");
    if (retryCap.compareTo(retryBase) < 0) {
      throw new UsageException("--retryCap must not be shorter than --retryBase");
    }
    Duration requestTimeout = duration(a, "requestTimeout", "30s");
    if (requestTimeout.isZero()) {
      throw new UsageException("--requestTimeout must be positive");
    }
    Duration profileInterval = duration(a, "profileInterval", "1h");
    Duration hashtagInterval = duration(a, "hashtagInterval", "5m");
    if (profileInterval.isZero() || hashtagInterval.isZero()) {
      throw new UsageException(
          (profileInterval.isZero() ? "--profileInterval" : "--hashtagInterval") + " must be positive");
    }
    return new CollectOptions(
        targets,
        landing,
        stateDir,
        a.flag("once"),
        only.contains("profiles"),
        only.contains("hashtags"),
        igUserId,
        base,
        version,
        tokenIn,
        a.intValue("mediaLimit", PAGE_SIZE, 1),
        a.intValue("hashtagMediaLimit", PAGE_SIZE, 1),
        a.flag("topMedia"),
        requestTimeout,
        a.intValue("maxAttempts", 6, 1),
        duration(a, "maxRetryTime", "2m"),
        retryBase,
        retryCap,
        threshold,
        duration(a, "usagePauseMax", "60s"),
        a.has("alertWebhook") ? httpUri("alertWebhook", a.required("alertWebhook")) : null,
        profileInterval,
        hashtagInterval);
  }

  private static Duration duration(Args a, String name, String dflt) {
    return DurationOption.parse(name, a.get(name, dflt));
  }

  private static URI httpUri(String option, String value) {
    return AlertWebhook.httpUrl(option, value);
  }
}
