package io.buzzbeam.pipelines.collect;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts failures (only: a channel that also carries every success drowns the failures, as the
 * original 5-minute Lambda showed) as {@code {"text": "..."}} to a Slack-compatible incoming
 * webhook. The webhook URL is itself a secret and is never printed. An alert that cannot be
 * delivered is reported on stderr and does not change the run's exit status.
 */
final class AlertWebhook {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI url;
  private final CollectLog log;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  AlertWebhook(URI url, CollectLog log) {
    this.url = url;
    this.log = log;
  }

  void postFailure(String text) {
    if (url == null) {
      return;
    }
    try {
      String body = JSON.createObjectNode().put("text", log.redact(text)).toString();
      HttpRequest req = HttpRequest.newBuilder(url)
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json; charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
          .build();
      int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 != 2) {
        log.warn("the --alertWebhook answered HTTP " + status + "; the alert was not delivered");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("the --alertWebhook could not be reached (" + e.getClass().getSimpleName() + "); the alert was not delivered");
    }
  }
}
