package io.buzzbeam.pipelines.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buzzbeam.transforms.ingest.EnvelopeKind;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One collection pass over the targets: business discovery per brand (profile + media pages)
 * and/or recent (and top) media per followed hashtag, written as one envelope per response.
 *
 * <p>Multi-page business discovery: one envelope per page. Each page is requested with the full
 * profile field list, so every envelope is a complete, verbatim response (a profile snapshot plus
 * that page's {@code business_discovery.media.data[]}). Merging pages would have meant inventing a
 * body Instagram never sent. All pages of one walk (a brand's discovery, a hashtag edge) carry the
 * {@code collected_at} of its first page: they are one observation, and the pipeline keeps one
 * profile snapshot per brand and {@code collected_at} (and one snapshot per media).
 *
 * <p>Failures: a Graph API error body is written like any response (the pipeline records it as
 * {@code api_error:<code>}) and counted. When no JSON body arrived after all retries (timeout,
 * broken connection, truncated body, HTML error page) a collector-made error body is written so
 * the failed collection is not silently lost: {@code {"error": {"code": -1, "type":
 * "BuzzbeamCollectorError", "message": ..., "http_status": ..., "raw_body": ...}}}. Code 190 stops
 * the pass (nothing will work until the token is renewed); a throttling error that outlives
 * {@code --maxRetryTime} stops the pass too, since every further call would be throttled as well.
 */
final class CollectionPass {
  static final String PROFILE_FIELDS = "id,username,name,followers_count,follows_count,media_count";
  static final String BD_MEDIA_FIELDS =
      "id,caption,comments_count,like_count,media_type,media_product_type,media_url,permalink,timestamp,username";
  static final String HASHTAG_MEDIA_FIELDS =
      "id,caption,comments_count,like_count,media_type,media_url,permalink,timestamp";
  static final int COLLECTOR_ERROR_CODE = -1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CollectOptions options;
  private final List<BrandTarget> targets;
  private final GraphApiClient client;
  private final HashtagRegistry registry;
  private final AccessToken token;
  private final Clock clock;
  private final CollectLog log;

  private CollectStats stats;
  private EnvelopeBatch batch;

  CollectionPass(
      CollectOptions options,
      List<BrandTarget> targets,
      GraphApiClient client,
      HashtagRegistry registry,
      AccessToken token,
      Clock clock,
      CollectLog log) {
    this.options = options;
    this.targets = targets;
    this.client = client;
    this.registry = registry;
    this.token = token;
    this.clock = clock;
    this.log = log;
  }

  /** Signals that the rest of the pass must not make calls. */
  private static final class StopPass extends Exception {
    StopPass(String reason) {
      super(reason, null, false, false);
    }
  }

  CollectStats run(boolean profiles, boolean hashtags) throws InterruptedException {
    Instant start = clock.instant();
    stats = new CollectStats(profiles && hashtags ? "profiles+hashtags" : profiles ? "profiles" : "hashtags");
    batch = new EnvelopeBatch(options.landing(), start, token);
    int pausesBefore = client.usagePauses();
    int totalCalls = 0;
    try {
      if (profiles) {
        for (BrandTarget brand : targets) {
          totalCalls++;
          stats.brands++;
          collectProfile(brand);
        }
      }
      if (hashtags) {
        for (BrandTarget brand : targets) {
          for (String tag : brand.hashtags()) {
            totalCalls++;
            stats.hashtags++;
            collectHashtag(brand, tag);
          }
        }
      }
    } catch (StopPass stop) {
      stats.stopReason = stop.getMessage();
      int planned = (profiles ? targets.size() : 0)
          + (hashtags ? targets.stream().mapToInt(b -> b.hashtags().size()).sum() : 0);
      stats.skippedCalls = planned - totalCalls;
    } finally {
      // A stop request interrupts this thread; file channels refuse to write while the interrupt
      // flag is set, so clear it until what was collected is safely written.
      boolean interrupted = Thread.interrupted();
      try {
        stats.files.addAll(batch.write());
      } catch (IOException e) {
        stats.stopReason = "cannot write the landing zone " + options.landing() + ": " + e.getMessage();
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      stats.usagePauses = client.usagePauses() - pausesBefore;
      stats.elapsed = Duration.between(start, clock.instant());
    }
    return stats;
  }

  private void collectProfile(BrandTarget brand) throws InterruptedException, StopPass {
    String after = null;
    int collected = 0;
    Instant walkAt = null;
    for (int page = 1; collected < options.mediaLimit(); page++) {
      int limit = Math.min(CollectOptions.PAGE_SIZE, options.mediaLimit() - collected);
      String media = "media" + (after == null ? "" : ".after(" + after + ")") + ".limit(" + limit + ")";
      String fields = "business_discovery.username(" + brand.username() + "){" + PROFILE_FIELDS + ","
          + media + "{" + BD_MEDIA_FIELDS + "}}";
      GraphOutcome out = call("business_discovery " + brand.key() + " page " + page,
          options.igUserId(), Map.of("fields", fields));
      walkAt = record(out, EnvelopeKind.BUSINESS_DISCOVERY, brand.key(), null, walkAt);
      if (!out.ok()) {
        return;
      }
      JsonNode mediaNode = out.json().path("business_discovery").path("media");
      int n = mediaNode.path("data").size();
      stats.media += n;
      collected += n;
      after = nextCursor(mediaNode.path("paging"), n, limit);
      if (after == null) {
        return;
      }
    }
  }

  private void collectHashtag(BrandTarget brand, String tag) throws InterruptedException, StopPass {
    Optional<String> id = hashtagId(tag);
    if (id.isEmpty()) {
      return;
    }
    collectHashtagEdge(brand, tag, id.get(), EnvelopeKind.HASHTAG_RECENT_MEDIA);
    if (options.topMedia()) {
      collectHashtagEdge(brand, tag, id.get(), EnvelopeKind.HASHTAG_TOP_MEDIA);
    }
  }

  private void collectHashtagEdge(BrandTarget brand, String tag, String id, EnvelopeKind kind)
      throws InterruptedException, StopPass {
    String edge = kind.hashtagEdge();
    String after = null;
    int collected = 0;
    Instant walkAt = null;
    for (int page = 1; collected < options.hashtagMediaLimit(); page++) {
      int limit = Math.min(CollectOptions.PAGE_SIZE, options.hashtagMediaLimit() - collected);
      Map<String, String> q = new LinkedHashMap<>();
      q.put("user_id", options.igUserId());
      q.put("fields", HASHTAG_MEDIA_FIELDS);
      q.put("limit", String.valueOf(limit));
      if (after != null) {
        q.put("after", after);
      }
      GraphOutcome out = call(edge + " #" + tag + " (" + brand.key() + ") page " + page, id + "/" + edge, q);
      walkAt = record(out, kind, brand.key(), tag, walkAt);
      if (!out.ok()) {
        return;
      }
      int n = out.json().path("data").size();
      stats.media += n;
      collected += n;
      after = nextCursor(out.json().path("paging"), n, limit);
      if (after == null) {
        return;
      }
    }
  }

  /** The hashtag id, from the cache or a search within the weekly budget; empty if unavailable. */
  private Optional<String> hashtagId(String tag) throws InterruptedException, StopPass {
    try {
      Optional<String> cached = registry.cachedId(tag);
      if (cached.isPresent()) {
        return cached;
      }
      registry.reserveSearch(tag);
    } catch (HashtagLimitException e) {
      log.warn(e.getMessage());
      stats.error("hashtag_limit");
      return Optional.empty();
    } catch (IOException e) {
      throw new StopPass("cannot use the hashtag state under " + options.stateDir() + ": " + e.getMessage());
    }
    Map<String, String> q = new LinkedHashMap<>();
    q.put("user_id", options.igUserId());
    q.put("q", tag);
    GraphOutcome out = call("ig_hashtag_search #" + tag, "ig_hashtag_search", q);
    // The search response is not a SPEC §1a kind, so it is not written; a failure is counted.
    if (out.tokenExpired()) {
      stats.error(out.errorKey());
      throw tokenExpired();
    }
    if (!out.ok()) {
      stats.error(out.errorKey());
      log.warn("ig_hashtag_search #" + tag + " failed: " + out.describe());
      stopIfThrottled(out);
      return Optional.empty();
    }
    String id = out.json().path("data").path(0).path("id").asText("");
    if (id.isEmpty()) {
      stats.error("hashtag_not_found");
      log.warn("ig_hashtag_search #" + tag + ": Instagram knows no such hashtag");
      return Optional.empty();
    }
    try {
      registry.rememberId(tag, id);
    } catch (IOException e) {
      throw new StopPass("cannot use the hashtag state under " + options.stateDir() + ": " + e.getMessage());
    }
    return Optional.of(id);
  }

  private GraphOutcome call(String what, String path, Map<String, String> query) throws InterruptedException {
    stats.requests++;
    GraphOutcome out = client.get(what, path, query);
    stats.retries += out.retries();
    return out;
  }

  /**
   * Writes the response (or a collector-made error body) and counts errors. {@code walkAt} is the
   * {@code collected_at} of the walk's first page (null on the first page): every page of one walk
   * carries it, so that a brand's pages are one profile observation for the pipeline (its profile
   * de-duplication key is brand + collected_at) however many seconds the walk took. Returns the
   * {@code collected_at} written.
   */
  private Instant record(GraphOutcome out, EnvelopeKind kind, String brand, String hashtag, Instant walkAt)
      throws StopPass {
    Instant at = walkAt != null ? walkAt : out.receivedAt() != null ? out.receivedAt() : clock.instant();
    if (out.rawBody() != null) {
      batch.add(kind, brand, hashtag, at, out.rawBody());
    } else {
      batch.add(kind, brand, hashtag, at, collectorErrorBody(out));
    }
    stats.envelopes++;
    if (out.ok()) {
      return at;
    }
    stats.error(out.errorKey());
    log.warn(out.what() + " failed: " + out.describe());
    if (out.tokenExpired()) {
      throw tokenExpired();
    }
    stopIfThrottled(out);
    return at;
  }

  private void stopIfThrottled(GraphOutcome out) throws StopPass {
    if (out.throttled()) {
      throw new StopPass("Instagram rate limit (code " + out.apiErrorCode() + ") outlasted --maxRetryTime="
          + DurationOption.format(options.maxRetryTime()) + "; the rest of this pass was skipped");
    }
  }

  private StopPass tokenExpired() {
    stats.tokenExpired = true;
    return new StopPass("the Instagram access token is invalid or expired (Graph API code 190): "
        + "renew it (a long-lived token lasts 60 days) and update " + AccessToken.ENV + " or --tokenFile");
  }

  private String collectorErrorBody(GraphOutcome out) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", out.describe());
    error.put("type", "BuzzbeamCollectorError");
    error.put("code", COLLECTOR_ERROR_CODE);
    error.put("collector_reason", out.transportFailure());
    if (out.httpStatus() != null) {
      error.put("http_status", out.httpStatus());
    } else {
      error.putNull("http_status");
    }
    if (out.invalidBody() != null) {
      error.put("raw_body", out.invalidBody());
    }
    return root.toString();
  }

  /**
   * The cursor of the next page, or null on the last page. Graph API omits {@code paging.next}
   * on the last page; as some nested edges give only cursors, a full page with an {@code after}
   * cursor also means "there may be more".
   */
  private static String nextCursor(JsonNode paging, int received, int requested) {
    String after = paging.path("cursors").path("after").asText("");
    if (received == 0 || after.isEmpty()) {
      return null;
    }
    return paging.hasNonNull("next") || received >= requested ? after : null;
  }
}
