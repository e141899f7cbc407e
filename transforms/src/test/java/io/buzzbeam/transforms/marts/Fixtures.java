package io.buzzbeam.transforms.marts;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;

/**
 * Test records built with the generated Avro builders, as the upstream stages hand them over:
 * {@code day}, {@code hour} and {@code weekday} are the posting time's in Asia/Seoul (UTC+9),
 * a snapshot's {@code day} its collection day there.
 */
public final class Fixtures {

  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  private Fixtures() {}

  /** A media posted at {@code postedLocal} (Seoul wall-clock time, e.g. "2023-09-01T12:00:00"). */
  public static Media.Builder media(String source, String scope, String id, String postedLocal) {
    ZonedDateTime posted = LocalDateTime.parse(postedLocal).atZone(SEOUL);
    return Media.newBuilder()
        .setSource(source)
        .setScope(scope)
        .setMediaId(id)
        .setBrand("crawl".equals(source) ? null : scope)
        .setAccount("crawl".equals(source) ? scope : null)
        .setCaption("")
        .setMediaType("IMAGE")
        .setMediaProductType("FEED")
        .setLikeCount(0L)
        .setCommentsCount(0L)
        .setPostedAt(posted.toInstant())
        .setDay(posted.toLocalDate().toString())
        .setHour(posted.getHour())
        .setWeekday(posted.getDayOfWeek().getValue())
        .setSourceFile("test.jsonl")
        .setPosition("1");
  }

  static Media brandMedia(String brand, String id, String postedLocal, Long likes, long comments, String collectedUtc) {
    return media("brand", brand, id, postedLocal)
        .setLikeCount(likes)
        .setCommentsCount(comments)
        .setCollectedAt(Instant.parse(collectedUtc))
        .build();
  }

  static Media hashtagMedia(String brand, String id, String postedLocal) {
    return media("hashtag", brand, id, postedLocal)
        .setHashtag(brand)
        .setCollectedAt(Instant.parse("2023-09-05T00:00:00Z"))
        .build();
  }

  static ProfileSnapshot snapshot(String brand, String collectedUtc, long followers) {
    Instant collected = Instant.parse(collectedUtc);
    return ProfileSnapshot.newBuilder()
        .setBrand(brand)
        .setUsername(brand)
        .setFollowersCount(followers)
        .setCollectedAt(collected)
        .setDay(collected.atZone(SEOUL).toLocalDate().toString())
        .setSourceFile("test.jsonl")
        .setPosition("1")
        .build();
  }

  static PCollection<Media> create(Pipeline p, String name, List<Media> media) {
    return p.apply(name, Create.of(media).withCoder(AvroCoder.specific(Media.class)));
  }

  static PCollection<ProfileSnapshot> createProfiles(Pipeline p, List<ProfileSnapshot> profiles) {
    return p.apply(
        "Profiles", Create.of(profiles).withCoder(AvroCoder.specific(ProfileSnapshot.class)));
  }

  /** {@code media} with followers attached from {@code profiles}, as the pipeline hands them to the marts. */
  static PCollection<Media> attached(Pipeline p, List<Media> media, PCollection<ProfileSnapshot> profiles) {
    return create(p, "Media", media).apply("AttachFollowers", AttachFollowers.withProfiles(profiles));
  }

  /** The brand marts' inputs from {@code media} and {@code profiles}, followers attached. */
  static BrandInputs brandInputs(Pipeline p, List<Media> media, List<ProfileSnapshot> profiles) {
    PCollection<ProfileSnapshot> snapshots = createProfiles(p, profiles);
    return BrandInputs.of(attached(p, media, snapshots), snapshots);
  }
}
