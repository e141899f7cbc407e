package io.buzzbeam.pipelines.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the Graph API usage headers and slows the collector down before Instagram throttles it.
 *
 * <p>{@code X-App-Usage: {"call_count":28,"total_cputime":25,"total_time":25}} and {@code
 * X-Business-Use-Case-Usage: {"<business id>":[{"type":"instagram","call_count":96,
 * "total_cputime":10,"total_time":10,"estimated_time_to_regain_access":0}]}} give percentages of
 * the rolling one-hour allowance. Below {@code threshold} nothing happens; above it the next call
 * waits proportionally, reaching {@code maxPause} at 100 %. {@code estimated_time_to_regain_access}
 * (minutes) is kept as a hint for how long a throttling error will last.
 */
final class UsageThrottle {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final double threshold;
  private final Duration maxPause;
  private double lastPercent;
  private Duration regainAccess = Duration.ZERO;

  UsageThrottle(double threshold, Duration maxPause) {
    this.threshold = threshold;
    this.maxPause = maxPause;
  }

  /** Takes the usage of the latest response into account (unreadable headers are ignored). */
  void observe(HttpHeaders headers) {
    double percent = 0;
    long regainMinutes = 0;
    Optional<JsonNode> app = parse(headers.firstValue("X-App-Usage"));
    if (app.isPresent()) {
      percent = Math.max(percent, maxPercent(app.get()));
    }
    Optional<JsonNode> buc = parse(headers.firstValue("X-Business-Use-Case-Usage"));
    if (buc.isPresent()) {
      for (JsonNode perBusiness : buc.get()) {
        for (JsonNode entry : perBusiness) {
          percent = Math.max(percent, maxPercent(entry));
          regainMinutes = Math.max(regainMinutes, entry.path("estimated_time_to_regain_access").asLong(0));
        }
      }
    }
    lastPercent = percent;
    regainAccess = Duration.ofMinutes(regainMinutes);
  }

  /** The highest usage percentage seen in the latest response (0 if none was reported). */
  double lastPercent() {
    return lastPercent;
  }

  /** How long Instagram says the throttling lasts (zero when not throttled or not said). */
  Duration regainAccess() {
    return regainAccess;
  }

  /** The pause before the next call: 0 up to the threshold, then linear up to maxPause at 100 %. */
  Duration pauseBeforeNextCall() {
    if (lastPercent <= threshold) {
      return Duration.ZERO;
    }
    double share = Math.min(1.0, (lastPercent - threshold) / (100.0 - threshold));
    return Duration.ofMillis(Math.round(maxPause.toMillis() * share));
  }

  private static double maxPercent(JsonNode usage) {
    double m = 0;
    for (String f : new String[] {"call_count", "total_cputime", "total_time"}) {
      m = Math.max(m, usage.path(f).asDouble(0));
    }
    return m;
  }

  private static Optional<JsonNode> parse(Optional<String> header) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonNode n = JSON.readTree(header.get());
      return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }
}
