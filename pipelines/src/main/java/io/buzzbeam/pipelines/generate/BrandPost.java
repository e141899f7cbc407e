package io.buzzbeam.pipelines.generate;

import java.time.Instant;

/**
 * A post on a brand's own grid. Likes and comments settle towards their final values as the
 * post ages, so each hourly poll sees the same post with larger counts.
 *
 * @param caption null when the post has no caption (the field is then absent)
 * @param hasMediaUrl false for videos whose media_url the Graph API withholds (licensed audio)
 */
record BrandPost(
    String id,
    String shortcode,
    Instant timestamp,
    String mediaType,
    String productType,
    String caption,
    boolean hasMediaUrl,
    long finalLikes,
    long finalComments,
    String mediaUrl,
    String permalink,
    String timestampText) {

  BrandPost(String id, String shortcode, Instant timestamp, String mediaType, String productType,
      String caption, boolean hasMediaUrl, long finalLikes, long finalComments) {
    // URL, permalink and timestamp text are made once: the post is written into many polls.
    this(id, shortcode, timestamp, mediaType, productType, caption, hasMediaUrl, finalLikes,
        finalComments, Ids.mediaUrl(id, mediaType), Ids.permalink(shortcode, productType),
        GraphJson.GRAPH_TIME.format(timestamp));
  }

  long likesAt(Instant t) {
    return Growth.at(finalLikes, timestamp, t, Growth.BRAND_FAST_HOURS);
  }

  long commentsAt(Instant t) {
    return Growth.at(finalComments, timestamp, t, Growth.BRAND_FAST_HOURS * 1.5);
  }
}
