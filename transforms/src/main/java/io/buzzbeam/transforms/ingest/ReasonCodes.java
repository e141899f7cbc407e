package io.buzzbeam.transforms.ingest;

/**
 * The reason codes of SPEC §2, spelled once. Reasons of one item are listed in the field order
 * of SPEC §2 (envelope: json, kind, brand, collected_at, response; media: id, timestamp,
 * media_type, media_product_type, like_count, comments_count, then the crawl owner).
 */
public final class ReasonCodes {

  private ReasonCodes() {}

  // file
  public static final String UNREADABLE_FILE = "unreadable:file";
  /** SPEC §2 Limits: the file's decompressed size passes {@code --maxFileBytes}; the rest is not read. */
  public static final String OVERSIZED_FILE = "oversized:file";

  // a record: an envelope line, or a whole Instaloader post file (model media)
  /** SPEC §2 Limits: longer than {@code --maxLineBytes}; the reader goes on after it. */
  public static final String OVERSIZED_LINE = "oversized:line";
  /**
   * Not in SPEC §2: parsing the record threw an exception no rule foresaw (a bug). The record is
   * a dead letter instead of failing its bundle, and so the run; nothing it held is kept.
   */
  public static final String FAILED_PARSE = "failed:parse";

  // envelope
  /** Not one JSON value; also a line (or Instaloader file) whose bytes are not valid UTF-8. */
  public static final String MALFORMED_JSON = "malformed:json";
  public static final String INVALID_KIND = "invalid:kind";
  public static final String MISSING_BRAND = "missing:brand";
  /** SPEC §2 Limits: a brand holding a NUL or another control character (Unicode Cc). */
  public static final String INVALID_BRAND = "invalid:brand";
  /** SPEC §2 Limits: a hashtag holding a NUL or another control character (Unicode Cc). */
  public static final String INVALID_HASHTAG = "invalid:hashtag";
  public static final String INVALID_COLLECTED_AT = "invalid:collected_at";
  /**
   * Not in SPEC §2: an envelope without a {@code response} object. Rejected rather than read as
   * "no media", so that nothing is silently lost.
   */
  public static final String MISSING_RESPONSE = "missing:response";
  /**
   * Not in SPEC §2: a {@code response} that has neither the shape of its kind (a
   * {@code business_discovery} object whose {@code media.data}, when present, is an array; a
   * {@code data} array) nor that of a Graph API error.
   */
  public static final String INVALID_RESPONSE = "invalid:response";

  private static final String API_ERROR_PREFIX = "api_error:";

  /** {@code api_error:<code>}, or {@code api_error:unknown} when the error object has no code. */
  public static String apiError(String code) {
    return API_ERROR_PREFIX + (code == null || code.isEmpty() ? "unknown" : code);
  }

  // media
  public static final String MISSING_ID = "missing:id";
  /** SPEC §2 Limits: an id (of a media or a profile) holding a NUL or another control character. */
  public static final String INVALID_ID = "invalid:id";
  public static final String MISSING_TIMESTAMP = "missing:timestamp";
  public static final String INVALID_TIMESTAMP = "invalid:timestamp";
  public static final String INVALID_MEDIA_TYPE = "invalid:media_type";
  public static final String INVALID_MEDIA_PRODUCT_TYPE = "invalid:media_product_type";
  public static final String INVALID_LIKE_COUNT = "invalid:like_count";
  public static final String INVALID_COMMENTS_COUNT = "invalid:comments_count";

  // profile (and the owner of an Instaloader post)
  public static final String MISSING_USERNAME = "missing:username";
  /** SPEC §2 Limits: a username holding a NUL or another control character (Unicode Cc). */
  public static final String INVALID_USERNAME = "invalid:username";
  public static final String MISSING_FOLLOWERS_COUNT = "missing:followers_count";
  public static final String INVALID_FOLLOWERS_COUNT = "invalid:followers_count";
}
