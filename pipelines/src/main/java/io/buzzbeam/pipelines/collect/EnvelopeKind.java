package io.buzzbeam.pipelines.collect;

/** The {@code kind} of a SPEC §1a envelope, which is also the prefix of its landing file. */
enum EnvelopeKind {
  BUSINESS_DISCOVERY("business_discovery"),
  HASHTAG_RECENT_MEDIA("hashtag_recent_media"),
  HASHTAG_TOP_MEDIA("hashtag_top_media");

  final String wireName;

  EnvelopeKind(String wireName) {
    this.wireName = wireName;
  }
}
