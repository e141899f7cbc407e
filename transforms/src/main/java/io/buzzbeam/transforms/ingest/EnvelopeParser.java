package io.buzzbeam.transforms.ingest;

import static io.buzzbeam.transforms.ingest.JsonValues.absent;
import static io.buzzbeam.transforms.ingest.JsonValues.at;
import static io.buzzbeam.transforms.ingest.JsonValues.holdsControlCharacter;
import static io.buzzbeam.transforms.ingest.JsonValues.nonBlank;
import static io.buzzbeam.transforms.ingest.JsonValues.scalarText;
import static io.buzzbeam.transforms.ingest.JsonValues.string;
import static io.buzzbeam.transforms.quality.QualityCount.MODEL_ENVELOPE;
import static io.buzzbeam.transforms.quality.QualityCount.MODEL_MEDIA;
import static io.buzzbeam.transforms.quality.QualityCount.MODEL_PROFILE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a Graph API envelope line (SPEC §1a): the envelope rules of SPEC §2 ({@code kind}, {@code
 * brand}, {@code hashtag}, {@code collected_at}, {@code response}, Graph API errors as {@code
 * api_error:<code>}), then the items of a valid envelope: a {@code business_discovery} profile
 * ({@link ProfileRules}) and its media list, or a hashtag {@code data[]} ({@link MediaRules}).
 */
final class EnvelopeParser {

  private final ZoneId zone;
  private final ParseOutcomes outcomes;

  EnvelopeParser(ZoneId zone, ParseOutcomes outcomes) {
    this.zone = zone;
    this.outcomes = outcomes;
  }

  void parse(RawRecord record) {
    String position = Long.toString(record.line);
    outcomes.read(MODEL_ENVELOPE);
    JsonNode root = JsonValues.parse(record.text);
    if (root == null || !root.isObject()) {
      outcomes.rejected(
          MODEL_ENVELOPE, record.sourceFile, position, List.of(ReasonCodes.MALFORMED_JSON), record.text);
      return;
    }

    List<String> reasons = new ArrayList<>();
    EnvelopeKind kind = EnvelopeKind.ofWireName(string(root.get("kind")));
    if (kind == null) {
      reasons.add(ReasonCodes.INVALID_KIND);
    }
    String rawBrand = string(root.get("brand"));
    String brand = rawBrand == null ? null : rawBrand.trim().toLowerCase(Locale.ROOT);
    if (brand == null || brand.isEmpty()) {
      reasons.add(ReasonCodes.MISSING_BRAND);
    } else if (holdsControlCharacter(rawBrand)) {
      reasons.add(ReasonCodes.INVALID_BRAND);
    }
    // Only hashtag envelopes carry their hashtag into the media.
    String hashtag =
        kind == EnvelopeKind.BUSINESS_DISCOVERY ? null : scalarText(root.get("hashtag"));
    if (holdsControlCharacter(hashtag)) {
      reasons.add(ReasonCodes.INVALID_HASHTAG);
    }
    Optional<Instant> collectedAt =
        GraphTimestamps.parse(string(root.get("collected_at")))
            .filter(t -> GraphTimestamps.hasStorableDay(t, zone));
    if (collectedAt.isEmpty()) {
      reasons.add(ReasonCodes.INVALID_COLLECTED_AT);
    }
    JsonNode response = root.get("response");
    String responseReason = responseReason(kind, response);
    if (responseReason != null) {
      reasons.add(responseReason);
    }
    if (!reasons.isEmpty()) {
      outcomes.rejected(MODEL_ENVELOPE, record.sourceFile, position, reasons, record.text);
      return;
    }
    outcomes.valid(MODEL_ENVELOPE);

    Envelope envelope = new Envelope(brand, collectedAt.get(), record.sourceFile, position);
    if (kind == EnvelopeKind.BUSINESS_DISCOVERY) {
      readBusinessDiscovery(envelope, response.get("business_discovery"));
    } else {
      JsonNode data = response.get("data");
      for (int i = 0; i < data.size(); i++) {
        readMedia(envelope, Sources.HASHTAG, hashtag, null, data.get(i), i);
      }
    }
  }

  /**
   * Null when the response has the shape of its kind; else the envelope's response reason: {@code
   * missing:response}, {@code invalid:response}, or {@code api_error:<code>} for a Graph API error
   * body.
   */
  static String responseReason(EnvelopeKind kind, JsonNode response) {
    if (absent(response)) {
      return ReasonCodes.MISSING_RESPONSE;
    }
    if (!response.isObject()) {
      return ReasonCodes.INVALID_RESPONSE;
    }
    JsonNode error = response.get("error");
    if (error != null && error.isObject()) {
      return ReasonCodes.apiError(scalarText(error.get("code")));
    }
    if (kind == null) {
      return null; // already invalid:kind; no shape to check against
    }
    boolean shaped =
        kind == EnvelopeKind.BUSINESS_DISCOVERY
            ? response.path("business_discovery").isObject()
                && mediaListShaped(response.get("business_discovery").get("media"))
            : response.path("data").isArray();
    return shaped ? null : ReasonCodes.INVALID_RESPONSE;
  }

  /**
   * A business_discovery {@code media} is absent (no media), or an object whose {@code data} is
   * absent or an array. Anything else would drop its media uncounted, so it rejects the envelope.
   */
  private static boolean mediaListShaped(JsonNode media) {
    if (absent(media)) {
      return true;
    }
    JsonNode data = media.get("data");
    return media.isObject() && (absent(data) || data.isArray());
  }

  private void readBusinessDiscovery(Envelope envelope, JsonNode discovery) {
    outcomes.read(MODEL_PROFILE);
    ProfileDraft profile = ProfileRules.check(discovery);
    if (profile.valid()) {
      outcomes.profile(
          profile.toSnapshot(
              envelope.brand(), envelope.collectedAt(), envelope.sourceFile(), envelope.position(), zone));
    } else {
      // The profile's raw text without its media list: the media are items of their own.
      outcomes.rejected(
          MODEL_PROFILE,
          envelope.sourceFile(),
          envelope.position(),
          profile.reasons,
          JsonValues.without(discovery, "media").toString());
    }
    String account = ProfileRules.mediaAccount(discovery);
    JsonNode data = at(discovery, "media", "data");
    if (!absent(data)) { // an array: responseReason checked the shape
      for (int i = 0; i < data.size(); i++) {
        readMedia(envelope, Sources.BRAND, null, account, data.get(i), i);
      }
    }
  }

  /**
   * The {@code index}-th media item of a response; an item that names no account of its own is
   * credited to {@code fallbackAccount} (the business_discovery profile's username).
   */
  private void readMedia(
      Envelope envelope,
      String source,
      String hashtag,
      String fallbackAccount,
      JsonNode item,
      int index) {
    outcomes.read(MODEL_MEDIA);
    String position = envelope.position() + ":" + index;
    MediaDraft draft = mediaItem(item, zone);
    if (!draft.valid()) {
      outcomes.rejected(
          MODEL_MEDIA, envelope.sourceFile(), position, draft.reasons, item == null ? "null" : item.toString());
      return;
    }
    if (draft.account == null) {
      draft.account = fallbackAccount;
    }
    outcomes.media(
        draft.toMedia(
            source,
            envelope.brand(),
            envelope.brand(),
            hashtag,
            envelope.collectedAt(),
            envelope.sourceFile(),
            position,
            zone));
  }

  /** A media item of a business_discovery or hashtag response, by the SPEC §2 media rules. */
  static MediaDraft mediaItem(JsonNode item, ZoneId zone) {
    JsonNode fields = JsonValues.objectOrEmpty(item);
    MediaDraft draft = new MediaDraft();
    MediaRules.id(fields.get("id"), draft);
    MediaRules.postedAt(fields.get("timestamp"), MediaRules::graphTimestamp, zone, draft);
    MediaRules.mediaType(fields.get("media_type"), draft);
    MediaRules.mediaProductType(fields.get("media_product_type"), draft);
    MediaRules.likeCount(fields.get("like_count"), draft);
    MediaRules.commentsCount(fields.get("comments_count"), draft);
    MediaRules.caption(fields.get("caption"), draft);
    MediaRules.mediaUrl(fields.get("media_url"), draft);
    MediaRules.permalink(fields.get("permalink"), draft);
    draft.account = nonBlank(string(fields.get("username")));
    if (holdsControlCharacter(draft.account)) {
      draft.reasons.add(ReasonCodes.INVALID_USERNAME);
    }
    return draft;
  }

  /** The valid envelope an item came from. */
  private record Envelope(String brand, Instant collectedAt, String sourceFile, String position) {}
}
