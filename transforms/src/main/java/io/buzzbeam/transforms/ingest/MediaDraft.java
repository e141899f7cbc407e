package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.Media;
import java.time.Instant;
import java.time.ZoneId;

/** A media item being validated by {@link MediaRules}: its values so far. */
final class MediaDraft extends ItemDraft {
  String id;
  Instant postedAt;
  String mediaType;
  String mediaProductType;
  Long likeCount;
  long commentsCount;
  String caption;
  String mediaUrl;
  String permalink;
  /** The posting account; null when unknown. */
  String account;

  /**
   * The canonical media of a {@link #valid} draft (SPEC §3): where it was found ({@code source},
   * {@code scope}, {@code brand}, {@code hashtag}) and read, and its local posting time in {@code
   * zone}.
   */
  Media toMedia(
      String source,
      String scope,
      String brand,
      String hashtag,
      Instant collectedAt,
      String sourceFile,
      String position,
      ZoneId zone) {
    LocalTimes posted = LocalTimes.of(postedAt, zone);
    return Media.newBuilder()
        .setSource(source)
        .setScope(scope)
        .setMediaId(id)
        .setBrand(brand)
        .setHashtag(hashtag)
        .setAccount(account)
        .setCaption(caption)
        .setMediaType(mediaType)
        .setMediaProductType(mediaProductType)
        .setLikeCount(likeCount)
        .setCommentsCount(commentsCount)
        .setMediaUrl(mediaUrl)
        .setPermalink(permalink)
        .setPostedAt(postedAt)
        .setCollectedAt(collectedAt)
        .setDay(posted.day())
        .setHour(posted.hour())
        .setWeekday(posted.weekday())
        .setFollowers(null)
        .setEngagementRate(null)
        .setSourceFile(sourceFile)
        .setPosition(position)
        .setDefaulted(defaulted)
        .build();
  }
}
