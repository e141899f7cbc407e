package io.buzzbeam.transforms.ingest;

import static io.buzzbeam.transforms.ingest.JsonValues.absent;
import static io.buzzbeam.transforms.ingest.JsonValues.holdsControlCharacter;
import static io.buzzbeam.transforms.ingest.JsonValues.identifier;
import static io.buzzbeam.transforms.ingest.JsonValues.nonNegativeInteger;
import static io.buzzbeam.transforms.ingest.JsonValues.scalarText;
import static io.buzzbeam.transforms.ingest.JsonValues.string;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.function.Function;

/**
 * The media rules of SPEC §2, one method per field, shared by Graph API media and Instaloader
 * posts: each reads one JSON value into a {@link MediaDraft}, adding the field's reason when the
 * value is invalid and the field's name when it is defaulted. The callers decide which JSON value
 * holds the field (Graph and Instaloader name them differently); the rule is the same.
 */
final class MediaRules {

  private MediaRules() {}

  static final String UNKNOWN = "UNKNOWN";
  static final String IMAGE = "IMAGE";
  static final String VIDEO = "VIDEO";
  static final String CAROUSEL_ALBUM = "CAROUSEL_ALBUM";
  static final String FEED = "FEED";
  static final String REELS = "REELS";
  private static final Set<String> MEDIA_TYPES = Set.of(IMAGE, VIDEO, CAROUSEL_ALBUM);
  private static final Set<String> MEDIA_PRODUCT_TYPES = Set.of(FEED, REELS, "STORY", "AD");

  /** {@code id}: required; a string holding a control character is invalid (SPEC §2 Limits). */
  static void id(JsonNode node, MediaDraft draft) {
    if (holdsControlCharacter(string(node))) {
      draft.reasons.add(ReasonCodes.INVALID_ID);
      return;
    }
    draft.id = identifier(node);
    if (draft.id == null) {
      draft.reasons.add(ReasonCodes.MISSING_ID);
    }
  }

  /**
   * {@code timestamp} (or the Instaloader time): required; {@code read} turns the value into an
   * instant (null when it cannot), which must be storable, also as a local day in {@code zone}.
   */
  static void postedAt(
      JsonNode node, Function<JsonNode, Instant> read, ZoneId zone, MediaDraft draft) {
    if (absent(node)) {
      draft.reasons.add(ReasonCodes.MISSING_TIMESTAMP);
      return;
    }
    Instant instant = read.apply(node);
    if (instant == null || !GraphTimestamps.hasStorableDay(instant, zone)) {
      draft.reasons.add(ReasonCodes.INVALID_TIMESTAMP);
      return;
    }
    draft.postedAt = instant;
  }

  /** A Graph API timestamp ({@link GraphTimestamps#parse}), or null. */
  static Instant graphTimestamp(JsonNode node) {
    return GraphTimestamps.parse(string(node)).orElse(null);
  }

  /** {@code media_type}: IMAGE, VIDEO, CAROUSEL_ALBUM; absent → UNKNOWN (defaulted). */
  static void mediaType(JsonNode node, MediaDraft draft) {
    draft.mediaType =
        enumValue(node, MEDIA_TYPES, "media_type", ReasonCodes.INVALID_MEDIA_TYPE, draft);
  }

  /** {@code media_product_type}: FEED, REELS, STORY, AD; absent → UNKNOWN (defaulted). */
  static void mediaProductType(JsonNode node, MediaDraft draft) {
    draft.mediaProductType =
        enumValue(
            node,
            MEDIA_PRODUCT_TYPES,
            "media_product_type",
            ReasonCodes.INVALID_MEDIA_PRODUCT_TYPE,
            draft);
  }

  private static String enumValue(
      JsonNode node, Set<String> allowed, String field, String invalidReason, MediaDraft draft) {
    if (absent(node)) {
      draft.defaulted.add(field);
      return UNKNOWN;
    }
    String value = string(node);
    if (value == null || !allowed.contains(value)) {
      draft.reasons.add(invalidReason);
      return null;
    }
    return value;
  }

  /** {@code like_count}: an integer ≥ 0; absent → null (hidden likes; defaulted). */
  static void likeCount(JsonNode node, MediaDraft draft) {
    if (absent(node)) {
      draft.defaulted.add("like_count");
      draft.likeCount = null;
      return;
    }
    draft.likeCount = nonNegativeInteger(node);
    if (draft.likeCount == null) {
      draft.reasons.add(ReasonCodes.INVALID_LIKE_COUNT);
    }
  }

  /** {@code comments_count}: an integer ≥ 0; absent → 0 (defaulted). */
  static void commentsCount(JsonNode node, MediaDraft draft) {
    draft.commentsCount = 0L;
    if (absent(node)) {
      draft.defaulted.add("comments_count");
      return;
    }
    Long value = nonNegativeInteger(node);
    if (value == null) {
      draft.reasons.add(ReasonCodes.INVALID_COMMENTS_COUNT);
      return;
    }
    draft.commentsCount = value;
  }

  /** {@code caption}: a scalar as text, without NULs; absent → {@code ""} (defaulted). */
  static void caption(JsonNode node, MediaDraft draft) {
    String text = scalarText(node);
    if (text == null) {
      draft.defaulted.add("caption");
      draft.caption = "";
      return;
    }
    draft.caption = draft.withoutNul(text, "caption");
  }

  /** {@code media_url}: a scalar as text, without NULs; absent → null (defaulted). */
  static void mediaUrl(JsonNode node, MediaDraft draft) {
    draft.mediaUrl = draft.optionalText(node, "media_url");
  }

  /** {@code permalink}: a scalar as text, without NULs; absent → null (defaulted). */
  static void permalink(JsonNode node, MediaDraft draft) {
    draft.permalink = draft.optionalText(node, "permalink");
  }
}
