package io.buzzbeam.transforms.ingest;

import static io.buzzbeam.transforms.ingest.JsonValues.absent;
import static io.buzzbeam.transforms.ingest.JsonValues.at;
import static io.buzzbeam.transforms.ingest.JsonValues.firstPresent;
import static io.buzzbeam.transforms.ingest.JsonValues.holdsControlCharacter;
import static io.buzzbeam.transforms.ingest.JsonValues.nonBlank;
import static io.buzzbeam.transforms.ingest.JsonValues.string;
import static io.buzzbeam.transforms.quality.QualityCount.MODEL_FILE;
import static io.buzzbeam.transforms.quality.QualityCount.MODEL_MEDIA;

import com.fasterxml.jackson.databind.JsonNode;
import io.buzzbeam.transforms.quality.QualityCount;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Reads an Instaloader post file (SPEC §1b) into one media of source {@code crawl}, scoped by its
 * owner's username. Both node shapes are read: logged-out ({@code taken_at_timestamp}, {@code
 * edge_media_to_caption}, {@code edge_media_preview_like} / {@code edge_liked_by}, {@code
 * edge_media_to_comment}, {@code __typename}, {@code product_type}) and logged-in ({@code date},
 * {@code caption} as a string, {@code comments} as an int, {@code owner} as a full profile). Files
 * of another {@code node_type} than {@code Post} are skipped and counted.
 */
final class InstaloaderPostParser {

  private static final String POST = "Post";

  private final ZoneId zone;
  private final ParseOutcomes outcomes;

  InstaloaderPostParser(ZoneId zone, ParseOutcomes outcomes) {
    this.zone = zone;
    this.outcomes = outcomes;
  }

  void parse(RawRecord record) {
    String position = Long.toString(record.line);
    JsonNode root = JsonValues.parse(record.text);
    if (root == null) {
      outcomes.read(MODEL_MEDIA);
      outcomes.rejected(
          MODEL_MEDIA, record.sourceFile, position, List.of(ReasonCodes.MALFORMED_JSON), record.text);
      return;
    }
    if (!isPost(root)) {
      // Profiles, stories, comment lists...: not media. Counted so that nothing vanishes silently.
      outcomes.skipped(MODEL_FILE, QualityCount.FIELD_NODE_TYPE);
      return;
    }
    outcomes.read(MODEL_MEDIA);
    MediaDraft draft = post(root.get("node"), zone);
    if (!draft.valid()) {
      outcomes.rejected(MODEL_MEDIA, record.sourceFile, position, draft.reasons, record.text);
      return;
    }
    outcomes.media(
        draft.toMedia(
            Sources.CRAWL, draft.account, null, null, null, record.sourceFile, position, zone));
  }

  /**
   * Whether the file holds a post: its {@code instaloader.node_type} is {@code Post}, or it has no
   * {@code node_type} at all but a {@code node} object (a post without Instaloader's metadata
   * block is still a post).
   */
  static boolean isPost(JsonNode root) {
    JsonNode nodeType = at(root, "instaloader", "node_type");
    if (absent(nodeType)) {
      JsonNode node = root.get("node");
      return node != null && node.isObject();
    }
    return POST.equals(string(nodeType));
  }

  /** The media of a post's {@code node}, by the SPEC §2 media rules. */
  static MediaDraft post(JsonNode node, ZoneId zone) {
    JsonNode post = JsonValues.objectOrEmpty(node);
    MediaDraft draft = new MediaDraft();
    MediaRules.id(post.get("id"), draft);
    // Logged-out nodes carry taken_at_timestamp, logged-in nodes date (both epoch seconds).
    MediaRules.postedAt(
        firstPresent(post.get("taken_at_timestamp"), post.get("date"), post.get("taken_at")),
        InstaloaderPostParser::epochSeconds,
        zone,
        draft);
    mediaType(post, draft);
    productType(post.get("product_type"), draft);
    MediaRules.likeCount(
        firstPresent(
            at(post, "edge_media_preview_like", "count"),
            at(post, "edge_liked_by", "count"),
            post.get("like_count"),
            post.get("likes")),
        draft);
    MediaRules.commentsCount(
        firstPresent(
            at(post, "edge_media_to_comment", "count"),
            at(post, "edge_media_preview_comment", "count"),
            post.get("comments"),
            post.get("comments_count")),
        draft);
    MediaRules.caption(caption(post), draft);
    // SPEC §1b lists the Instaloader fields buzzbeam reads; media_url and permalink are not among
    // them, so, as §2 says for absent fields, they are null and counted as defaulted.
    MediaRules.mediaUrl(null, draft);
    MediaRules.permalink(null, draft);
    draft.account = nonBlank(string(at(post, "owner", "username")));
    if (draft.account == null) {
      draft.reasons.add(ReasonCodes.MISSING_USERNAME);
    } else if (holdsControlCharacter(draft.account)) {
      draft.reasons.add(ReasonCodes.INVALID_USERNAME);
    }
    return draft;
  }

  /** The caption: the first {@code edge_media_to_caption} edge, else the logged-in {@code caption}. */
  private static JsonNode caption(JsonNode post) {
    JsonNode edges = at(post, "edge_media_to_caption", "edges");
    JsonNode caption =
        edges != null && edges.isArray() && edges.size() > 0 ? at(edges.get(0), "node", "text") : null;
    if (absent(caption)) {
      JsonNode plain = post.get("caption");
      // Logged-in nodes: a plain string (some API versions wrap it as {"text": ...}).
      caption = plain != null && plain.isObject() ? plain.get("text") : plain;
    }
    return caption;
  }

  /** {@code __typename} as a media type; without one, {@code is_video} or UNKNOWN (defaulted). */
  private static void mediaType(JsonNode post, MediaDraft draft) {
    JsonNode typename = post.get("__typename");
    if (absent(typename)) {
      if (post.path("is_video").asBoolean(false)) {
        draft.mediaType = MediaRules.VIDEO;
        return;
      }
      draft.defaulted.add("media_type");
      draft.mediaType = MediaRules.UNKNOWN;
      return;
    }
    String name = string(typename);
    if (name != null && name.startsWith("XDT")) {
      name = name.substring(3); // newer GraphQL responses: XDTGraphImage, ...
    }
    if ("GraphImage".equals(name)) {
      draft.mediaType = MediaRules.IMAGE;
    } else if ("GraphVideo".equals(name)) {
      draft.mediaType = MediaRules.VIDEO;
    } else if ("GraphSidecar".equals(name)) {
      draft.mediaType = MediaRules.CAROUSEL_ALBUM;
    } else {
      draft.reasons.add(ReasonCodes.INVALID_MEDIA_TYPE);
    }
  }

  /** {@code product_type}: {@code clips} is REELS, any other FEED; absent → UNKNOWN (defaulted). */
  private static void productType(JsonNode productType, MediaDraft draft) {
    if (absent(productType)) {
      draft.defaulted.add("media_product_type");
      draft.mediaProductType = MediaRules.UNKNOWN;
      return;
    }
    // Instaloader's product types are feed, igtv, clips, carousel_container: only clips are reels.
    draft.mediaProductType =
        "clips".equals(string(productType)) ? MediaRules.REELS : MediaRules.FEED;
  }

  /**
   * Epoch seconds as a {@link GraphTimestamps#storable} instant, or null. The range is checked on
   * the number first: {@link Instant#ofEpochSecond} throws past the year 1 000 000 000.
   */
  static Instant epochSeconds(JsonNode node) {
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
}
