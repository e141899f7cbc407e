package io.buzzbeam.pipelines.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The final result of one Graph API request after retries.
 *
 * <ul>
 *   <li>a JSON body ({@code json}, {@code rawBody}): a success, or a Graph API error {@code
 *       {"error": {"code": ...}}} ({@code apiErrorCode} set);
 *   <li>no usable body: {@code transportFailure} says why ({@code timeout}, {@code io}, {@code
 *       invalid_json}, {@code http_502}, ...) and {@code invalidBody} keeps any text received.
 * </ul>
 */
record GraphOutcome(
    String what,
    Integer httpStatus,
    String rawBody,
    JsonNode json,
    Integer apiErrorCode,
    String transportFailure,
    String failureDetail,
    String invalidBody,
    boolean throttled,
    int retries,
    Instant receivedAt) {

  boolean ok() {
    return json != null && apiErrorCode == null;
  }

  boolean tokenExpired() {
    return apiErrorCode != null && apiErrorCode == GraphErrorCodes.TOKEN_EXPIRED;
  }

  /** The key errors are counted under: the Graph API code, or the transport failure. */
  String errorKey() {
    return apiErrorCode != null ? String.valueOf(apiErrorCode) : transportFailure;
  }

  /** One line for logs and alerts (the Graph API's own message when there is one). */
  String describe() {
    if (apiErrorCode != null) {
      String msg = json.path("error").path("message").asText("");
      return "Graph API error " + apiErrorCode + (msg.isEmpty() ? "" : " (" + msg + ")");
    }
    if (transportFailure != null) {
      return transportFailure + (failureDetail == null ? "" : " (" + failureDetail + ")");
    }
    return "ok";
  }
}
