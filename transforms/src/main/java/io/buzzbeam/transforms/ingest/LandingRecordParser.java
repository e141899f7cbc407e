package io.buzzbeam.transforms.ingest;

import static io.buzzbeam.transforms.ingest.JsonValues.absent;
import static io.buzzbeam.transforms.ingest.JsonValues.at;
import static io.buzzbeam.transforms.ingest.JsonValues.holdsControlCharacter;
import static io.buzzbeam.transforms.ingest.JsonValues.identifier;
import static io.buzzbeam.transforms.ingest.JsonValues.nonNegativeInteger;
import static io.buzzbeam.transforms.ingest.JsonValues.scalarText;
import static io.buzzbeam.transforms.ingest.JsonValues.string;
import static io.buzzbeam.transforms.quality.QualityCount.DEFAULTED;
import static io.buzzbeam.transforms.quality.QualityCount.MODEL_ENVELOPE;
import static io.buzzbeam.transforms.quality.QualityCount.MODEL_FILE;
import static io.buzzbeam.transforms.quality.QualityCount.MODEL_MEDIA;
import static io.buzzbeam.transforms.quality.QualityCount.MODEL_PROFILE;
import static io.buzzbeam.transforms.quality.QualityCount.READ;
import static io.buzzbeam.transforms.quality.QualityCount.REJECTED;
import static io.buzzbeam.transforms.quality.QualityCount.REJECTED_BY_REASON;
import static io.buzzbeam.transforms.quality.QualityCount.SKIPPED;
import static io.buzzbeam.transforms.quality.QualityCount.VALID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.transforms.quality.QualityCount;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Parses and validates one raw landing record (SPEC §1–§3) — a Graph API envelope line or an
 * Instaloader post file — into valid media / profile snapshots, dead letters and quality counts.
 * Plain Java so that the rules can be read (and tested) apart from the pipeline.
 *
 * <p>Every item read is either emitted valid or rejected with all its reasons, so per model
 * {@code read = valid + rejected}. Defaulted fields are counted for valid items only (a rejected
 * item's defaults never reach a mart).
 *
 * <p>Nothing a sink cannot store gets through (SPEC §2 Limits): times outside 1970–9999 are
 * invalid; keys (id, username, brand, hashtag) holding a control character are invalid; a NUL in
 * free text (caption, name, media_url, permalink) is removed and the field counted as defaulted,
 * because PostgreSQL {@code text} refuses NUL while the rest of the text is still good data.
 */
final class LandingRecordParser {

  static final String SOURCE_BRAND = "brand";
  static final String SOURCE_HASHTAG = "hashtag";
  static final String SOURCE_CRAWL = "crawl";

  static final String KIND_BUSINESS_DISCOVERY = "business_discovery";
  static final String KIND_HASHTAG_RECENT = "hashtag_recent_media";
  static final String KIND_HASHTAG_TOP = "hashtag_top_media";
  private static final Set<String> KINDS =
      Set.of(KIND_BUSINESS_DISCOVERY, KIND_HASHTAG_RECENT, KIND_HASHTAG_TOP);

  static final String UNKNOWN = "UNKNOWN";
  private static final Set<String> MEDIA_TYPES = Set.of("IMAGE", "VIDEO", "CAROUSEL_ALBUM");
  private static final Set<String> MEDIA_PRODUCT_TYPES = Set.of("FEED", "REELS", "STORY", "AD");

  private static final String INSTALOADER_POST = "Post";

  /** Fails on {@code {"a":1} junk}: a line must be exactly one JSON value. */
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final ZoneId zone;
  private final ParseSink sink;

  LandingRecordParser(ZoneId zone, ParseSink sink) {
    this.zone = zone;
    this.sink = sink;
  }

  void parse(RawRecord record) {
    if (RawRecord.FORMAT_INSTALOADER.equals(record.format)) {
      parseInstaloaderPost(record);
    } else {
      parseEnvelope(record);
    }
  }

  // ---------------------------------------------------------------- Graph API envelopes

  private void parseEnvelope(RawRecord record) {
    String position = Long.toString(record.line);
    sink.count(MODEL_ENVELOPE, READ, "");
    JsonNode root = readJson(record.text);
    if (root == null || !root.isObject()) {
      reject(MODEL_ENVELOPE, record.sourceFile, position, List.of(ReasonCodes.MALFORMED_JSON), record.text);
      return;
    }

    List<String> reasons = new ArrayList<>();
    String kind = string(root.get("kind"));
    if (kind == null || !KINDS.contains(kind)) {
      reasons.add(ReasonCodes.INVALID_KIND);
      kind = null;
    }
    String rawBrand = string(root.get("brand"));
    String brand = rawBrand == null ? null : rawBrand.trim().toLowerCase(Locale.ROOT);
    if (brand == null || brand.isEmpty()) {
      reasons.add(ReasonCodes.MISSING_BRAND);
    } else if (holdsControlCharacter(rawBrand)) {
      reasons.add(ReasonCodes.INVALID_BRAND);
    }
    // Only hashtag envelopes carry their hashtag into the media.
    String hashtag = KIND_BUSINESS_DISCOVERY.equals(kind) ? null : scalarText(root.get("hashtag"));
    if (holdsControlCharacter(hashtag)) {
      reasons.add(ReasonCodes.INVALID_HASHTAG);
    }
    Optional<Instant> collectedAt =
        GraphTimestamps.parse(string(root.get("collected_at"))).filter(this::hasStorableDay);
    if (collectedAt.isEmpty()) {
      reasons.add(ReasonCodes.INVALID_COLLECTED_AT);
    }
    JsonNode response = root.get("response");
    String responseReason = responseReason(kind, response);
    if (responseReason != null) {
      reasons.add(responseReason);
    }
    if (!reasons.isEmpty()) {
      reject(MODEL_ENVELOPE, record.sourceFile, position, reasons, record.text);
      return;
    }
    sink.count(MODEL_ENVELOPE, VALID, "");

    Envelope envelope =
        new Envelope(kind, brand, collectedAt.get(), record.sourceFile, position);
    if (KIND_BUSINESS_DISCOVERY.equals(kind)) {
      readBusinessDiscovery(envelope, response.get("business_discovery"));
    } else {
      JsonNode data = response.get("data");
      for (int i = 0; i < data.size(); i++) {
        readGraphMedia(envelope, SOURCE_HASHTAG, hashtag, null, data.get(i), i);
      }
    }
  }

  /** Null when the response has the shape of its kind; else the envelope's response reason. */
  private static String responseReason(String kind, JsonNode response) {
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
        KIND_BUSINESS_DISCOVERY.equals(kind)
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
    readProfile(envelope, discovery);
    String profileUsername = nonBlank(string(discovery.get("username")));
    if (holdsControlCharacter(profileUsername)) {
      // The profile is rejected for it; its media stay, but without that account.
      profileUsername = null;
    }
    JsonNode data = at(discovery, "media", "data");
    if (!absent(data)) { // an array: responseReason checked the shape
      for (int i = 0; i < data.size(); i++) {
        readGraphMedia(envelope, SOURCE_BRAND, null, profileUsername, data.get(i), i);
      }
    }
  }

  private void readProfile(Envelope envelope, JsonNode discovery) {
    sink.count(MODEL_PROFILE, READ, "");
    List<String> reasons = new ArrayList<>();
    List<String> defaulted = new ArrayList<>();

    JsonNode igId = discovery.get("id");
    if (holdsControlCharacter(string(igId))) {
      reasons.add(ReasonCodes.INVALID_ID);
    }
    String username = nonBlank(string(discovery.get("username")));
    if (username == null) {
      reasons.add(ReasonCodes.MISSING_USERNAME);
    } else if (holdsControlCharacter(username)) {
      reasons.add(ReasonCodes.INVALID_USERNAME);
    }
    JsonNode followersNode = discovery.get("followers_count");
    Long followers = nonNegativeInteger(followersNode);
    if (absent(followersNode)) {
      reasons.add(ReasonCodes.MISSING_FOLLOWERS_COUNT);
    } else if (followers == null) {
      reasons.add(ReasonCodes.INVALID_FOLLOWERS_COUNT);
    }
    Long follows = optionalCount(discovery, "follows_count", defaulted);
    Long mediaCount = optionalCount(discovery, "media_count", defaulted);
    String name = scalarText(discovery.get("name"));
    if (absent(discovery.get("name"))) {
      defaulted.add("name");
    } else {
      name = withoutNul(name, "name", defaulted);
    }

    if (!reasons.isEmpty()) {
      // The profile's raw text without its media list: the media are items of their own.
      ObjectNode raw = ((ObjectNode) discovery).deepCopy();
      raw.remove("media");
      reject(MODEL_PROFILE, envelope.sourceFile, envelope.position, reasons, raw.toString());
      return;
    }
    LocalTimes collected = LocalTimes.of(envelope.collectedAt, zone);
    sink.profile(
        ProfileSnapshot.newBuilder()
            .setBrand(envelope.brand)
            .setIgId(identifier(igId))
            .setUsername(username)
            .setName(name)
            .setFollowersCount(followers)
            .setFollowsCount(follows)
            .setMediaCount(mediaCount)
            .setCollectedAt(envelope.collectedAt)
            .setDay(collected.day())
            .setSourceFile(envelope.sourceFile)
            .setPosition(envelope.position)
            .setDefaulted(defaulted)
            .build());
    accept(MODEL_PROFILE, defaulted);
  }

  /**
   * follows_count / media_count: SPEC §2 names no reason code for them, only "defaulted to null",
   * so a value that is absent or not an integer ≥ 0 becomes null and is counted as defaulted; it
   * never rejects the snapshot (followers_count is what the marts need).
   */
  private static Long optionalCount(JsonNode object, String field, List<String> defaulted) {
    Long value = nonNegativeInteger(object.get(field));
    if (value == null) {
      defaulted.add(field);
    }
    return value;
  }

  /** A media item of a business_discovery or hashtag response (SPEC §2 media rules). */
  private void readGraphMedia(
      Envelope envelope, String source, String hashtag, String fallbackAccount, JsonNode item, int index) {
    sink.count(MODEL_MEDIA, READ, "");
    String position = envelope.position + ":" + index;
    JsonNode fields = item != null && item.isObject() ? item : JSON.createObjectNode();
    MediaDraft draft = new MediaDraft();

    draft.id = id(fields.get("id"), draft);
    JsonNode timestamp = fields.get("timestamp");
    if (absent(timestamp)) {
      draft.reasons.add(ReasonCodes.MISSING_TIMESTAMP);
    } else {
      draft.postedAt =
          GraphTimestamps.parse(string(timestamp)).filter(this::hasStorableDay).orElse(null);
      if (draft.postedAt == null) {
        draft.reasons.add(ReasonCodes.INVALID_TIMESTAMP);
      }
    }
    draft.mediaType =
        enumField(fields.get("media_type"), MEDIA_TYPES, "media_type", ReasonCodes.INVALID_MEDIA_TYPE, draft);
    draft.mediaProductType =
        enumField(
            fields.get("media_product_type"),
            MEDIA_PRODUCT_TYPES,
            "media_product_type",
            ReasonCodes.INVALID_MEDIA_PRODUCT_TYPE,
            draft);
    draft.likeCount = likeCount(fields.get("like_count"), draft);
    draft.commentsCount = commentsCount(fields.get("comments_count"), draft);
    draft.caption = caption(fields.get("caption"), draft);
    draft.mediaUrl = optionalText(fields.get("media_url"), "media_url", draft);
    draft.permalink = optionalText(fields.get("permalink"), "permalink", draft);

    String account = nonBlank(string(fields.get("username")));
    if (holdsControlCharacter(account)) {
      draft.reasons.add(ReasonCodes.INVALID_USERNAME);
    }
    emitMedia(
        draft,
        source,
        envelope.brand,
        envelope.brand,
        hashtag,
        account != null ? account : fallbackAccount,
        envelope.collectedAt,
        envelope.sourceFile,
        position,
        item == null ? "null" : item.toString());
  }

  // ---------------------------------------------------------------- Instaloader posts

  private void parseInstaloaderPost(RawRecord record) {
    String position = Long.toString(record.line);
    JsonNode root = readJson(record.text);
    if (root == null) {
      sink.count(MODEL_MEDIA, READ, "");
      reject(MODEL_MEDIA, record.sourceFile, position, List.of(ReasonCodes.MALFORMED_JSON), record.text);
      return;
    }
    JsonNode node = root.get("node");
    String nodeType = string(at(root, "instaloader", "node_type"));
    if (nodeType == null && absent(at(root, "instaloader", "node_type"))
        && node != null && node.isObject()) {
      // A post object without Instaloader's metadata block: still a post.
      nodeType = INSTALOADER_POST;
    }
    if (!INSTALOADER_POST.equals(nodeType)) {
      // Profiles, stories, comment lists...: not media. Counted so that nothing vanishes silently.
      sink.count(MODEL_FILE, SKIPPED, QualityCount.FIELD_NODE_TYPE);
      return;
    }

    sink.count(MODEL_MEDIA, READ, "");
    JsonNode post = node != null && node.isObject() ? node : JSON.createObjectNode();
    MediaDraft draft = new MediaDraft();

    draft.id = id(post.get("id"), draft);
    // Logged-out nodes carry taken_at_timestamp, logged-in nodes date (both epoch seconds).
    JsonNode time = firstPresent(post.get("taken_at_timestamp"), post.get("date"), post.get("taken_at"));
    if (absent(time)) {
      draft.reasons.add(ReasonCodes.MISSING_TIMESTAMP);
    } else {
      draft.postedAt = Optional.ofNullable(epochSeconds(time)).filter(this::hasStorableDay).orElse(null);
      if (draft.postedAt == null) {
        draft.reasons.add(ReasonCodes.INVALID_TIMESTAMP);
      }
    }
    draft.mediaType = instaloaderMediaType(post, draft);
    draft.mediaProductType = instaloaderProductType(post.get("product_type"), draft);
    draft.likeCount =
        likeCount(
            firstPresent(
                at(post, "edge_media_preview_like", "count"),
                at(post, "edge_liked_by", "count"),
                post.get("like_count"),
                post.get("likes")),
            draft);
    draft.commentsCount =
        commentsCount(
            firstPresent(
                at(post, "edge_media_to_comment", "count"),
                at(post, "edge_media_preview_comment", "count"),
                post.get("comments"),
                post.get("comments_count")),
            draft);
    JsonNode caption = at(post, "edge_media_to_caption", "edges");
    caption = caption != null && caption.isArray() && caption.size() > 0
        ? at(caption.get(0), "node", "text")
        : null;
    if (absent(caption)) {
      JsonNode plain = post.get("caption");
      // Logged-in nodes: a plain string (some API versions wrap it as {"text": ...}).
      caption = plain != null && plain.isObject() ? plain.get("text") : plain;
    }
    draft.caption = caption(caption, draft);
    // SPEC §1b lists the Instaloader fields buzzbeam reads; media_url and permalink are not among
    // them, so, as §2 says for absent fields, they are null and counted as defaulted.
    draft.mediaUrl = optionalText(null, "media_url", draft);
    draft.permalink = optionalText(null, "permalink", draft);
    String owner = nonBlank(string(at(post, "owner", "username")));
    if (owner == null) {
      draft.reasons.add(ReasonCodes.MISSING_USERNAME);
    } else if (holdsControlCharacter(owner)) {
      draft.reasons.add(ReasonCodes.INVALID_USERNAME);
    }

    emitMedia(draft, SOURCE_CRAWL, owner, null, null, owner, null, record.sourceFile, position, record.text);
  }

  private static String instaloaderMediaType(JsonNode post, MediaDraft draft) {
    JsonNode typename = post.get("__typename");
    if (absent(typename)) {
      if (post.path("is_video").asBoolean(false)) {
        return "VIDEO";
      }
      draft.defaulted.add("media_type");
      return UNKNOWN;
    }
    String name = string(typename);
    if (name != null && name.startsWith("XDT")) {
      name = name.substring(3); // newer GraphQL responses: XDTGraphImage, ...
    }
    if ("GraphImage".equals(name)) {
      return "IMAGE";
    }
    if ("GraphVideo".equals(name)) {
      return "VIDEO";
    }
    if ("GraphSidecar".equals(name)) {
      return "CAROUSEL_ALBUM";
    }
    draft.reasons.add(ReasonCodes.INVALID_MEDIA_TYPE);
    return null;
  }

  private static String instaloaderProductType(JsonNode productType, MediaDraft draft) {
    if (absent(productType)) {
      draft.defaulted.add("media_product_type");
      return UNKNOWN;
    }
    // Instaloader's product types are feed, igtv, clips, carousel_container: only clips are reels.
    return "clips".equals(string(productType)) ? "REELS" : "FEED";
  }

  /**
   * Epoch seconds as a {@link GraphTimestamps#storable} instant, or null. The range is checked on
   * the number first: {@link Instant#ofEpochSecond} throws past the year 1 000 000 000.
   */
  private static Instant epochSeconds(JsonNode node) {
    if (!node.isNumber() || (node.isIntegralNumber() && !node.canConvertToLong())) {
      return null;
    }
    double seconds = node.doubleValue();
    if (!(seconds >= GraphTimestamps.EARLIEST.getEpochSecond()
        && seconds < GraphTimestamps.END.getEpochSecond())) {
      return null; // also NaN and infinities
    }
    Instant instant =
        node.isIntegralNumber()
            ? Instant.ofEpochSecond(node.longValue())
            : Instant.ofEpochMilli(Math.round(seconds * 1000));
    return GraphTimestamps.storable(instant) ? instant : null;
  }

  /**
   * Whether the local day of a storable instant is still in the year 9999: the last hours of 9999
   * are already 10000-01-01 east of UTC, a day the sinks cannot store either.
   */
  private boolean hasStorableDay(Instant instant) {
    return instant.atZone(zone).getYear() <= GraphTimestamps.LAST_YEAR;
  }

  // ---------------------------------------------------------------- shared media rules

  private static String enumField(
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

  private static Long likeCount(JsonNode node, MediaDraft draft) {
    if (absent(node)) {
      draft.defaulted.add("like_count"); // hidden likes
      return null;
    }
    Long value = nonNegativeInteger(node);
    if (value == null) {
      draft.reasons.add(ReasonCodes.INVALID_LIKE_COUNT);
    }
    return value;
  }

  private static long commentsCount(JsonNode node, MediaDraft draft) {
    if (absent(node)) {
      draft.defaulted.add("comments_count");
      return 0L;
    }
    Long value = nonNegativeInteger(node);
    if (value == null) {
      draft.reasons.add(ReasonCodes.INVALID_COMMENTS_COUNT);
      return 0L;
    }
    return value;
  }

  /** A media id: required; a string holding a control character is invalid (SPEC §2 Limits). */
  private static String id(JsonNode node, MediaDraft draft) {
    if (holdsControlCharacter(string(node))) {
      draft.reasons.add(ReasonCodes.INVALID_ID);
      return null;
    }
    String id = identifier(node);
    if (id == null) {
      draft.reasons.add(ReasonCodes.MISSING_ID);
    }
    return id;
  }

  private static String caption(JsonNode node, MediaDraft draft) {
    String text = scalarText(node);
    if (text == null) {
      draft.defaulted.add("caption");
      return "";
    }
    return withoutNul(text, "caption", draft.defaulted);
  }

  private static String optionalText(JsonNode node, String field, MediaDraft draft) {
    String text = scalarText(node);
    if (text == null) {
      draft.defaulted.add(field);
      return null;
    }
    return withoutNul(text, field, draft.defaulted);
  }

  /**
   * Free text without its NULs (SPEC §2 Limits), which PostgreSQL {@code text} refuses; a field
   * that lost some is counted as defaulted.
   */
  private static String withoutNul(String text, String field, List<String> defaulted) {
    if (text.indexOf('\0') < 0) {
      return text;
    }
    defaulted.add(field);
    return text.replace("\0", "");
  }

  private void emitMedia(
      MediaDraft draft,
      String source,
      String scope,
      String brand,
      String hashtag,
      String account,
      Instant collectedAt,
      String sourceFile,
      String position,
      String raw) {
    if (!draft.reasons.isEmpty()) {
      reject(MODEL_MEDIA, sourceFile, position, draft.reasons, raw);
      return;
    }
    LocalTimes posted = LocalTimes.of(draft.postedAt, zone);
    sink.media(
        Media.newBuilder()
            .setSource(source)
            .setScope(scope)
            .setMediaId(draft.id)
            .setBrand(brand)
            .setHashtag(hashtag)
            .setAccount(account)
            .setCaption(draft.caption)
            .setMediaType(draft.mediaType)
            .setMediaProductType(draft.mediaProductType)
            .setLikeCount(draft.likeCount)
            .setCommentsCount(draft.commentsCount)
            .setMediaUrl(draft.mediaUrl)
            .setPermalink(draft.permalink)
            .setPostedAt(draft.postedAt)
            .setCollectedAt(collectedAt)
            .setDay(posted.day())
            .setHour(posted.hour())
            .setWeekday(posted.weekday())
            .setFollowers(null)
            .setEngagementRate(null)
            .setSourceFile(sourceFile)
            .setPosition(position)
            .setDefaulted(draft.defaulted)
            .build());
    accept(MODEL_MEDIA, draft.defaulted);
  }

  // ---------------------------------------------------------------- bookkeeping

  private void accept(String model, List<String> defaulted) {
    sink.count(model, VALID, "");
    for (String field : defaulted) {
      sink.count(model, DEFAULTED, field);
    }
  }

  private void reject(String model, String sourceFile, String position, List<String> reasons, String raw) {
    sink.rejected(model, sourceFile, position, reasons, raw);
    sink.count(model, REJECTED, "");
    for (String reason : reasons) {
      sink.count(model, REJECTED_BY_REASON, reason);
    }
  }

  private static JsonNode readJson(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      // Empty input reads as a missing node: no JSON value at all.
      return node == null || node.isMissingNode() ? null : node;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static JsonNode firstPresent(JsonNode... nodes) {
    for (JsonNode node : nodes) {
      if (!absent(node)) {
        return node;
      }
    }
    return null;
  }

  private static String nonBlank(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  /** The valid envelope an item came from. */
  private static final class Envelope {
    final String kind;
    final String brand;
    final Instant collectedAt;
    final String sourceFile;
    final String position;

    Envelope(String kind, String brand, Instant collectedAt, String sourceFile, String position) {
      this.kind = kind;
      this.brand = brand;
      this.collectedAt = collectedAt;
      this.sourceFile = sourceFile;
      this.position = position;
    }
  }

  /** A media item being validated: its values, its reasons (in SPEC order), its defaults. */
  private static final class MediaDraft {
    String id;
    Instant postedAt;
    String mediaType;
    String mediaProductType;
    Long likeCount;
    long commentsCount;
    String caption;
    String mediaUrl;
    String permalink;
    final List<String> reasons = new ArrayList<>();
    final List<String> defaulted = new ArrayList<>();
  }
}
