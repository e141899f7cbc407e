package io.buzzbeam.pipelines.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * GET requests to the Instagram Graph API with Instagram's limits and faults handled:
 *
 * <ul>
 *   <li>usage headers are observed after every response and the next call pauses above the
 *       threshold ({@link UsageThrottle});
 *   <li>throttling codes (4, 17, 32, 613, 80002), transient errors (1, 2, {@code is_transient}),
 *       HTTP 5xx, timeouts, broken connections and truncated bodies (invalid JSON) are retried
 *       with jittered exponential backoff within {@code --maxRetryTime} ({@link RetryPolicy});
 *   <li>other Graph API errors (e.g. 100 bad parameter, 110 unknown user) and 190 (token) are
 *       final at once: retrying cannot fix them.
 * </ul>
 *
 * The token travels in an {@code Authorization: Bearer} header by default, so no URL holds it;
 * URLs are never logged anyway, only the short description of the call ({@code what}).
 */
final class GraphApiClient {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final CollectOptions options;
  private final AccessToken token;
  private final UsageThrottle throttle;
  private final RetryPolicy retry;
  private final Sleeper sleeper;
  private final Clock clock;
  private final CollectLog log;
  private final HttpClient http;
  private int usagePauses;
  private Duration usagePaused = Duration.ZERO;

  GraphApiClient(
      CollectOptions options,
      AccessToken token,
      UsageThrottle throttle,
      RetryPolicy retry,
      Sleeper sleeper,
      Clock clock,
      CollectLog log) {
    this.options = options;
    this.token = token;
    this.throttle = throttle;
    this.retry = retry;
    this.sleeper = sleeper;
    this.clock = clock;
    this.log = log;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(options.requestTimeout())
            // Never follow redirects: the Authorization header must not travel to another host.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Calls so far that waited because usage was above the threshold, and how long in total. */
  int usagePauses() {
    return usagePauses;
  }

  Duration usagePaused() {
    return usagePaused;
  }

  /**
   * {@code GET {base}/{version}/{path}?{query}}. {@code what} names the call in logs, e.g. {@code
   * business_discovery chanel page 2}.
   */
  GraphOutcome get(String what, String path, Map<String, String> query) throws InterruptedException {
    URI uri = uri(path, query);
    Instant start = clock.instant();
    int attempts = 0;
    while (true) {
      pauseIfNearLimit(what);
      attempts++;
      Attempt a = attempt(uri);
      if (!a.retryable) {
        return a.toOutcome(what, attempts - 1, clock.instant());
      }
      Duration wait = retry.backoff(attempts);
      if (a.throttled && throttle.regainAccess().compareTo(wait) > 0) {
        wait = throttle.regainAccess();
      }
      Duration elapsed = Duration.between(start, clock.instant());
      if (!retry.mayRetry(attempts, elapsed, wait)) {
        log.warn(what + ": " + a.describe() + "; giving up after " + attempts + " attempt(s) in "
            + DurationOption.format(elapsed));
        return a.toOutcome(what, attempts - 1, clock.instant());
      }
      log.warn(what + ": " + a.describe() + "; retry " + attempts + " in " + DurationOption.format(wait));
      sleeper.sleep(wait);
    }
  }

  private void pauseIfNearLimit(String what) throws InterruptedException {
    Duration pause = throttle.pauseBeforeNextCall();
    if (pause.isZero()) {
      return;
    }
    usagePauses++;
    usagePaused = usagePaused.plus(pause);
    log.warn(String.format(java.util.Locale.ROOT,
        "API usage at %.0f%% of the hourly allowance: pausing %s before %s",
        throttle.lastPercent(), DurationOption.format(pause), what));
    sleeper.sleep(pause);
  }

  private Attempt attempt(URI uri) throws InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(options.requestTimeout())
            .header("Accept", "application/json")
            .GET();
    if (options.tokenIn() == CollectOptions.TokenPlacement.HEADER) {
      b.header("Authorization", "Bearer " + token.value());
    }
    CompletableFuture<HttpResponse<String>> future =
        http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    HttpResponse<String> response;
    try {
      // The request timeout covers the wait for headers; this bound also covers a stalled body.
      response = future.get(options.requestTimeout().toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      return Attempt.transport("timeout", "no complete response within " + DurationOption.format(options.requestTimeout()), null, null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        return Attempt.transport("timeout", "no response within " + DurationOption.format(options.requestTimeout()), null, null);
      }
      String detail = cause == null ? "request failed" : cause.getClass().getSimpleName()
          + (cause.getMessage() == null ? "" : ": " + log.redact(cause.getMessage()));
      return Attempt.transport("io", detail, null, null);
    }
    throttle.observe(response.headers());
    return classify(response.statusCode(), response.body());
  }

  private Attempt classify(int status, String body) {
    JsonNode json;
    try {
      json = body == null || body.isBlank() ? null : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      json = null;
    }
    if (json == null || !json.isObject()) {
      String key = status >= 500 ? "http_" + status : "invalid_json";
      String detail = "HTTP " + status + ", " + (body == null ? 0 : body.length())
          + " chars that are not a JSON object (truncated?)";
      // Truncated 200s and 5xx pages clear up on retry; a 404 page will not.
      boolean retryable = status < 400 || status >= 500 || status == 408 || status == 429;
      return new Attempt(status, null, null, null, key, detail, body, false, retryable);
    }
    JsonNode error = json.get("error");
    if (error != null && error.isObject()) {
      int code = error.path("code").asInt(-1);
      boolean throttled = GraphErrorCodes.THROTTLING.contains(code);
      boolean retryable =
          code != GraphErrorCodes.TOKEN_EXPIRED
              && (throttled
                  || GraphErrorCodes.TRANSIENT.contains(code)
                  || error.path("is_transient").asBoolean(false)
                  || status >= 500);
      return new Attempt(status, body, json, code, null, null, null, throttled, retryable);
    }
    if (status >= 200 && status < 300) {
      return new Attempt(status, body, json, null, null, null, null, false, false);
    }
    // A JSON body that is neither data nor a Graph API error, with a failing status.
    return new Attempt(status, null, null, null, "http_" + status, "unexpected JSON body", body,
        false, status >= 500);
  }

  private URI uri(String path, Map<String, String> query) {
    Map<String, String> q = new LinkedHashMap<>(query);
    if (options.tokenIn() == CollectOptions.TokenPlacement.QUERY) {
      q.put("access_token", token.value());
    }
    String base = options.graphApiBase().toString().replaceAll("/+$", "");
    String qs =
        q.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    return URI.create(base + "/" + options.graphApiVersion() + "/" + path + (qs.isEmpty() ? "" : "?" + qs));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** One try: either final (success, API error) or retryable. */
  private static final class Attempt {
    final Integer status;
    final String body;
    final JsonNode json;
    final Integer apiErrorCode;
    final String transportFailure;
    final String detail;
    final String invalidBody;
    final boolean throttled;
    final boolean retryable;

    Attempt(Integer status, String body, JsonNode json, Integer apiErrorCode, String transportFailure,
        String detail, String invalidBody, boolean throttled, boolean retryable) {
      this.status = status;
      this.body = body;
      this.json = json;
      this.apiErrorCode = apiErrorCode;
      this.transportFailure = transportFailure;
      this.detail = detail;
      this.invalidBody = invalidBody;
      this.throttled = throttled;
      this.retryable = retryable;
    }

    static Attempt transport(String key, String detail, Integer status, String invalidBody) {
      return new Attempt(status, null, null, null, key, detail, invalidBody, false, true);
    }

    String describe() {
      return toOutcome("", 0, null).describe();
    }

    GraphOutcome toOutcome(String what, int retries, Instant at) {
      return new GraphOutcome(what, status, body, json, apiErrorCode, transportFailure, detail,
          invalidBody, throttled, retries, at);
    }
  }
}
