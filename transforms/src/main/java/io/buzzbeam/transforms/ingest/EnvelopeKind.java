package io.buzzbeam.transforms.ingest;

/**
 * The {@code kind} of a SPEC §1a envelope, spelled once for the parser, the collector (which
 * also names its landing files after it) and the generator.
 */
public enum EnvelopeKind {
  BUSINESS_DISCOVERY("business_discovery", null),
  HASHTAG_RECENT_MEDIA("hashtag_recent_media", "recent_media"),
  HASHTAG_TOP_MEDIA("hashtag_top_media", "top_media");

  private final String wireName;
  private final String hashtagEdge;

  EnvelopeKind(String wireName, String hashtagEdge) {
    this.wireName = wireName;
    this.hashtagEdge = hashtagEdge;
  }

  /** The {@code kind} value of an envelope line. */
  public String wireName() {
    return wireName;
  }

  /** The Graph API edge of a hashtag kind ({@code /{hashtag-id}/recent_media}); null otherwise. */
  public String hashtagEdge() {
    return hashtagEdge;
  }

  /** The kind whose {@link #wireName} is {@code text}, or null (not a kind: {@code invalid:kind}). */
  public static EnvelopeKind ofWireName(String text) {
    for (EnvelopeKind kind : values()) {
      if (kind.wireName.equals(text)) {
        return kind;
      }
    }
    return null;
  }
}
