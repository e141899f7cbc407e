package io.buzzbeam.pipelines.generate;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.buzzbeam.transforms.ingest.EnvelopeKind;
import io.buzzbeam.transforms.ingest.ReasonCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes envelope lines: {@code {"kind","brand",["hashtag",]"collected_at","response"}} with the
 * Graph API body verbatim-looking inside. Streams with Jackson's generator into one reused
 * buffer; records what each line holds in its {@link LineTally}.
 */
final class GraphJson {
  static final String API = "https://graph.facebook.com/v17.0/";
  static final DateTimeFormatter GRAPH_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx").withZone(ZoneOffset.UTC);
  static final DateTimeFormatter COLLECTED_AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final String MEDIA_FIELDS =
      "id,caption,comments_count,like_count,media_type,media_url,permalink,timestamp";

  private final JsonFactory factory = new JsonFactory();
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
  private final long seed;
  private final String collectorUserId;

  GraphJson(long seed, String collectorUserId) {
    this.seed = seed;
    this.collectorUserId = collectorUserId;
  }

  /** An item written into a business discovery media list, with its possible faults. */
  record BrandItem(BrandPost post, long likes, long comments, boolean negativeLikes, String badType) {}

  ByteArrayOutputStream businessDiscovery(String brandKey, Instant collectedAt, String userId,
      String username, String name, long followers, int follows, int mediaCount,
      List<BrandItem> items, int apiError, LineTally tally) throws IOException {
    buf.reset();
    try (JsonGenerator g = factory.createGenerator(buf, JsonEncoding.UTF8)) {
      envelopeStart(g, EnvelopeKind.BUSINESS_DISCOVERY, brandKey, null, collectedAt);
      if (apiError != 0) {
        error(g, apiError, collectedAt);
      } else {
        g.writeStartObject();
        g.writeObjectFieldStart("business_discovery");
        g.writeStringField("id", userId);
        g.writeStringField("username", username);
        if (name != null) {
          g.writeStringField("name", name);
        } else {
          tally.profileNameMissing++;
        }
        g.writeNumberField("followers_count", followers);
        g.writeNumberField("follows_count", follows);
        g.writeNumberField("media_count", mediaCount);
        g.writeObjectFieldStart("media");
        g.writeArrayFieldStart("data");
        for (BrandItem it : items) {
          BrandPost p = it.post();
          g.writeStartObject();
          g.writeStringField("id", p.id());
          if (p.caption() != null) {
            g.writeStringField("caption", p.caption());
          }
          g.writeNumberField("comments_count", it.comments());
          g.writeNumberField("like_count", it.negativeLikes() ? -1 : it.likes());
          g.writeStringField("media_type", it.badType() != null ? it.badType() : p.mediaType());
          g.writeStringField("media_product_type", p.productType());
          if (p.hasMediaUrl()) {
            g.writeStringField("media_url", p.mediaUrl());
          }
          g.writeStringField("permalink", p.permalink());
          g.writeStringField("timestamp", p.timestampText());
          g.writeStringField("username", username);
          g.writeEndObject();
          tally.media++;
          if (it.negativeLikes()) {
            tally.rejected(ReasonCodes.INVALID_LIKE_COUNT);
          } else if (it.badType() != null) {
            tally.rejected(ReasonCodes.INVALID_MEDIA_TYPE);
          } else {
            tally.validMediaIds.add(p.id());
            if (p.caption() == null) {
              tally.defaulted("caption");
            }
            if (!p.hasMediaUrl()) {
              tally.defaulted("media_url");
            }
          }
        }
        g.writeEndArray();
        if (!items.isEmpty()) {
          long h = Rand.hash(seed, 71, Long.parseLong(items.get(0).post().id()));
          g.writeObjectFieldStart("paging");
          g.writeObjectFieldStart("cursors");
          g.writeStringField("before", "QVFIU" + Ids.token(h, 60));
          g.writeStringField("after", "QVFIU" + Ids.token(Rand.mix(h), 60));
          g.writeEndObject();
          g.writeEndObject();
        }
        g.writeEndObject(); // media
        g.writeEndObject(); // business_discovery
        g.writeStringField("id", collectorUserId);
        g.writeEndObject();
        tally.profiles++;
      }
      g.writeEndObject();
    }
    tally.apiErrorCode = apiError;
    return buf;
  }

  ByteArrayOutputStream hashtagMedia(EnvelopeKind kind, String brandKey, String hashtag,
      String hashtagId, Instant collectedAt, List<CommunityPost> posts, int apiError,
      LineTally tally) throws IOException {
    buf.reset();
    try (JsonGenerator g = factory.createGenerator(buf, JsonEncoding.UTF8)) {
      envelopeStart(g, kind, brandKey, hashtag, collectedAt);
      if (apiError != 0) {
        error(g, apiError, collectedAt);
      } else {
        g.writeStartObject();
        g.writeArrayFieldStart("data");
        for (CommunityPost p : posts) {
          g.writeStartObject();
          g.writeStringField("id", p.id());
          g.writeStringField("caption", p.caption());
          g.writeNumberField("comments_count", p.commentsAt(collectedAt));
          if (!p.hideLikes()) {
            g.writeNumberField("like_count", p.likesAt(collectedAt));
          }
          g.writeStringField("media_type", p.mediaType());
          g.writeStringField("media_url", p.mediaUrl());
          g.writeStringField("permalink", p.permalink());
          g.writeStringField("timestamp", p.timestampText());
          g.writeEndObject();
          tally.media++;
          tally.validMediaIds.add(p.id());
          if (p.hideLikes()) {
            tally.defaulted("like_count");
          }
          // The hashtag endpoints have no media_product_type field: always defaulted.
          tally.defaulted("media_product_type");
        }
        g.writeEndArray();
        long h = Rand.hash(seed, 72, Rand.key(hashtag), collectedAt.getEpochSecond());
        String after = "QVFIU" + Ids.token(h, 80);
        g.writeObjectFieldStart("paging");
        g.writeObjectFieldStart("cursors");
        g.writeStringField("after", after);
        g.writeEndObject();
        g.writeStringField("next", API + hashtagId + "/" + kind.hashtagEdge()
            + "?user_id=" + collectorUserId + "&fields=" + MEDIA_FIELDS + "&limit=25&after=" + after);
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    tally.apiErrorCode = apiError;
    return buf;
  }

  private static void envelopeStart(JsonGenerator g, EnvelopeKind kind, String brand, String hashtag,
      Instant collectedAt) throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", kind.wireName());
    g.writeStringField("brand", brand);
    if (hashtag != null) {
      g.writeStringField("hashtag", hashtag);
    }
    g.writeStringField("collected_at", COLLECTED_AT.format(collectedAt));
    g.writeFieldName("response");
  }

  private void error(JsonGenerator g, int code, Instant collectedAt) throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("error");
    g.writeStringField("message", FaultPlan.message(code));
    g.writeStringField("type", "OAuthException");
    g.writeNumberField("code", code);
    Integer sub = FaultPlan.subcode(code);
    if (sub != null) {
      g.writeNumberField("error_subcode", sub);
    }
    if (code == 4 || code == 613) {
      g.writeBooleanField("is_transient", true);
    }
    g.writeStringField("fbtrace_id", Ids.token(Rand.hash(seed, 73, collectedAt.getEpochSecond(), code), 11));
    g.writeEndObject();
    g.writeEndObject();
  }
}
