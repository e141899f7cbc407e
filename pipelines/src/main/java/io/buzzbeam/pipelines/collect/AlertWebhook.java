package io.buzzbeam.pipelines.collect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buzzbeam.pipelines.command.UsageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Posts alerts as JSON to a Slack-compatible incoming webhook ({@code {"text": "..."}} plus any
 * fields). {@code collect} posts failures only (a channel that also carries every success drowns the
 * failures, as the original 5-minute Lambda showed); {@code run} posts one alert per new hashtag
 * spike. The webhook URL is itself a secret and is never printed. An alert that cannot be delivered
 * is reported as one warning line and does not change the exit status.
 */
public final class AlertWebhook {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final Consumer<String> warn;
  private final UnaryOperator<String> redact;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  AlertWebhook(URI url, CollectLog log) {
    this(url, log::warn, log::redact);
  }

  /** Alerts to {@code url} (null: none); {@code warn} gets a line for an alert that was not delivered. */
  public AlertWebhook(URI url, Consumer<String> warn, UnaryOperator<String> redact) {
    this.url = url;
    this.warn = warn;
    this.redact = redact;
  }

  /** A new JSON object for {@link #post}, with its {@code text}. */
  public ObjectNode alert(String text) {
    return JSON.createObjectNode().put("text", redact.apply(text));
  }

  void postFailure(String text) {
    post(alert(text));
  }

  /** POSTs {@code body}; true when the webhook answered 2xx. */
  public boolean post(ObjectNode body) {
    if (url == null) {
      return false;
    }
    try {
      HttpRequest req = HttpRequest.newBuilder(url)
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
          .build();
      int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 != 2) {
        warn.accept("the --alertWebhook answered HTTP " + status + "; the alert was not delivered");
        return false;
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      warn.accept("the --alertWebhook could not be reached (" + e.getClass().getSimpleName() + "); the alert was not delivered");
      return false;
    }
  }

  /** An option's http(s) URL, or a usage error naming the option (never the value: it may be a secret). */
  public static URI httpUrl(String option, String value) {
    try {
      URI u = new URI(value);
      if ((!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) || u.getHost() == null) {
        throw new UsageException("--" + option + " must be an http(s) URL");
      }
      return u;
    } catch (URISyntaxException e) {
      throw new UsageException("--" + option + " must be an http(s) URL");
    }
  }
}
