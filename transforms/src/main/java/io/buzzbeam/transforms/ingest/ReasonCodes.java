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

  // envelope
  public static final String MALFORMED_JSON = "malformed:json";
  public static final String INVALID_KIND = "invalid:kind";
  public static final String MISSING_BRAND = "missing:brand";
  public static final String INVALID_COLLECTED_AT = "invalid:collected_at";
  /**
   * Not in SPEC §2: an envelope without a {@code response} object. Rejected rather than read as
   * "no media", so that nothing is silently lost.
   */
  public static final String MISSING_RESPONSE = "missing:response";
  /**
   * Not in SPEC §2: a {@code response} that has neither the shape of its kind (a
   * {@code business_discovery} object, a {@code data} array) nor that of a Graph API error.
   */
  public static final String INVALID_RESPONSE = "invalid:response";

  private static final String API_ERROR_PREFIX = "api_error:";

  /** {@code api_error:<code>}, or {@code api_error:unknown} when the error object has no code. */
  public static String apiError(String code) {
    return API_ERROR_PREFIX + (code == null || code.isEmpty() ? "unknown" : code);
  }

  // media
  public static final String MISSING_ID = "missing:id";
  public static final String MISSING_TIMESTAMP = "missing:timestamp";
  public static final String INVALID_TIMESTAMP = "invalid:timestamp";
  public static final String INVALID_MEDIA_TYPE = "invalid:media_type";
  public static final String INVALID_MEDIA_PRODUCT_TYPE = "invalid:media_product_type";
  public static final String INVALID_LIKE_COUNT = "invalid:like_count";
  public static final String INVALID_COMMENTS_COUNT = "invalid:comments_count";

  // profile (and the owner of an Instaloader post)
  public static final String MISSING_USERNAME = "missing:username";
  public static final String MISSING_FOLLOWERS_COUNT = "missing:followers_count";
  public static final String INVALID_FOLLOWERS_COUNT = "invalid:followers_count";
}
