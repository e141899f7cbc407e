package io.buzzbeam.pipelines.generate;

import java.time.Instant;

/**
 * A post by someone else carrying one or both of a brand's hashtags.
 *
 * @param tagMask bit i set: found under the brand's i-th hashtag (0 English, 1 Korean)
 * @param hideLikes the owner hides like counts: the Graph API then omits like_count
 */
record CommunityPost(
    String id,
    String shortcode,
    Instant timestamp,
    String mediaType,
    String caption,
    int tagMask,
    boolean hideLikes,
    long finalLikes,
    long finalComments,
    String mediaUrl,
    String permalink,
    String timestampText) {

  CommunityPost(String id, String shortcode, Instant timestamp, String mediaType, String caption,
      int tagMask, boolean hideLikes, long finalLikes, long finalComments) {
    // Made once: a post is written into every poll that returns it.
    this(id, shortcode, timestamp, mediaType, caption, tagMask, hideLikes, finalLikes,
        finalComments, Ids.mediaUrl(id, mediaType), Ids.permalink(shortcode, "FEED"),
        GraphJson.GRAPH_TIME.format(timestamp));
  }

  long likesAt(Instant t) {
    return Growth.at(finalLikes, timestamp, t, Growth.COMMUNITY_FAST_HOURS);
  }

  long commentsAt(Instant t) {
    return Growth.at(finalComments, timestamp, t, Growth.COMMUNITY_FAST_HOURS * 1.5);
  }
}
