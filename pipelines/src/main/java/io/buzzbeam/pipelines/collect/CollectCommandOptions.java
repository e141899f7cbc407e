package io.buzzbeam.pipelines.collect;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The options of {@code ./buzzbeam collect} as given (see docs/COLLECT.md); {@link CollectOptions}
 * is what they mean, checked.
 */
public interface CollectCommandOptions extends PipelineOptions {

  @Description("Brands YAML (brands: [{key, username, hashtags}]); more than 30 unique hashtags is a usage error. Required.")
  String getTargets();

  void setTargets(String value);

  @Description("Landing zone root the envelopes are written under (graph/dt=YYYY-MM-DD/). Required.")
  String getLanding();

  void setLanding(String value);

  @Description("The calling Instagram business account id (numeric). Required.")
  String getIgUserId();

  void setIgUserId(String value);

  @Description("One pass, then exit (0 when every request succeeded, else 1); without it: a loop, profiles every --profileInterval, hashtags every --hashtagInterval.")
  @Default.Boolean(false)
  Boolean getOnce();

  void setOnce(Boolean value);

  @Description("What a pass collects: profiles, hashtags or both (comma-separated).")
  @Default.String("profiles,hashtags")
  String getOnly();

  void setOnly(String value);

  @Description("Hashtag id cache and weekly hashtag budget. Absent: <landing>/.collect-state.")
  String getStateDir();

  void setStateDir(String value);

  @Description("File holding the access token (takes precedence over env BUZZBEAM_IG_TOKEN).")
  String getTokenFile();

  void setTokenFile(String value);

  @Description("Graph API base URL.")
  @Default.String("https://graph.facebook.com")
  String getGraphApiBase();

  void setGraphApiBase(String value);

  @Description("Graph API version, like v21.0.")
  @Default.String("v21.0")
  String getGraphApiVersion();

  void setGraphApiVersion(String value);

  @Description("Where the token travels: header (Authorization: Bearer) or query (access_token=).")
  @Default.String("header")
  String getTokenIn();

  void setTokenIn(String value);

  @Description("Media per brand (pages of 25 are followed).")
  @Default.Integer(CollectOptions.PAGE_SIZE)
  Integer getMediaLimit();

  void setMediaLimit(Integer value);

  @Description("Media per hashtag edge (pages of 25 are followed).")
  @Default.Integer(CollectOptions.PAGE_SIZE)
  Integer getHashtagMediaLimit();

  void setHashtagMediaLimit(Integer value);

  @Description("Also collect top_media per hashtag.")
  @Default.Boolean(false)
  Boolean getTopMedia();

  void setTopMedia(Boolean value);

  @Description("Timeout of one attempt (a duration: 250ms, 30s, 5m, 1h, 7d; a bare number is seconds).")
  @Default.String("30s")
  String getRequestTimeout();

  void setRequestTimeout(String value);

  @Description("Attempts per request.")
  @Default.Integer(6)
  Integer getMaxAttempts();

  void setMaxAttempts(Integer value);

  @Description("Retry budget per request (a duration).")
  @Default.String("2m")
  String getMaxRetryTime();

  void setMaxRetryTime(String value);

  @Description("Base of the jittered exponential backoff (a duration).")
  @Default.String("1s")
  String getRetryBase();

  void setRetryBase(String value);

  @Description("Longest backoff (a duration), not shorter than --retryBase.")
  @Default.String("60s")
  String getRetryCap();

  void setRetryCap(String value);

  @Description("App usage percentage (usage headers) from which calls are paused, in [0, 100).")
  @Default.Double(80)
  Double getUsageThreshold();

  void setUsageThreshold(Double value);

  @Description("Longest pause, reached at 100 % usage (linear from the threshold; a duration).")
  @Default.String("60s")
  String getUsagePauseMax();

  void setUsagePauseMax(String value);

  @Description("Slack-compatible URL that gets failures ({\"text\": \"...\"}).")
  @JsonIgnore // a secret, as run's --alertWebhook: Beam requires the same annotation on every interface declaring it
  String getAlertWebhook();

  void setAlertWebhook(String value);

  @Description("Without --once: how often profiles are collected (a duration).")
  @Default.String("1h")
  String getProfileInterval();

  void setProfileInterval(String value);

  @Description("Without --once: how often hashtags are collected (a duration).")
  @Default.String("5m")
  String getHashtagInterval();

  void setHashtagInterval(String value);
}
