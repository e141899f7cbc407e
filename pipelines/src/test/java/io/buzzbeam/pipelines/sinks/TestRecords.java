package io.buzzbeam.pipelines.sinks;

import io.buzzbeam.model.Keyword;
import io.buzzbeam.model.Media;
import io.buzzbeam.model.MediaMorphs;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.model.Token;
import java.time.Instant;
import java.util.List;

/** Hand-made canonical records for the sink tests. */
final class TestRecords {
  private TestRecords() {}

  /** A brand media: 2023-09-02T12:00:03Z is 21:00 on Saturday 2023-09-02 in Asia/Seoul. */
  static Media chanelMedia(String id, Long likes, Long followers, Double rate, String caption) {
    return Media.newBuilder()
        .setSource("brand")
        .setScope("chanel")
        .setMediaId(id)
        .setBrand("chanel")
        .setHashtag(null)
        .setAccount("chanelofficial")
        .setCaption(caption)
        .setMediaType("IMAGE")
        .setMediaProductType("FEED")
        .setLikeCount(likes)
        .setCommentsCount(12L)
        .setMediaUrl(null)
        .setPermalink("https://www.instagram.com/p/" + id + "/")
        .setPostedAt(Instant.parse("2023-09-02T12:00:03Z"))
        .setCollectedAt(Instant.parse("2023-09-03T04:00:15Z"))
        .setDay("2023-09-02")
        .setHour(21)
        .setWeekday(6)
        .setFollowers(followers)
        .setEngagementRate(rate)
        .setSourceFile("graph/dt=2023-09-03/business_discovery_040015.jsonl")
        .setPosition("1:" + id.length())
        .setDefaulted(List.of("media_url"))
        .build();
  }

  static MediaMorphs chanelMorphs(String id) {
    return MediaMorphs.newBuilder()
        .setSource("brand")
        .setScope("chanel")
        .setMediaId(id)
        .setBrand("chanel")
        .setAccount("chanelofficial")
        .setDay("2023-09-02")
        .setHour(21)
        .setWeekday(6)
        .setTokens(
            List.of(
                Token.newBuilder().setText("샤넬").setPos("Noun").setStem(null).build(),
                Token.newBuilder().setText("예쁘다").setPos("Adjective").setStem("예쁘다").build()))
        .setKeywords(
            List.of(
                Keyword.newBuilder().setToken("샤넬").setPos("Noun").build(),
                Keyword.newBuilder().setToken("예쁘다").setPos("Adjective").build()))
        .setHashtags(List.of("chanel", "샤넬"))
        .build();
  }

  static ProfileSnapshot chanelProfile(String collectedAt, long followers) {
    return ProfileSnapshot.newBuilder()
        .setBrand("chanel")
        .setIgId("17841400000000000")
        .setUsername("chanelofficial")
        .setName("CHANEL")
        .setFollowersCount(followers)
        .setFollowsCount(null)
        .setMediaCount(4200L)
        .setCollectedAt(Instant.parse(collectedAt))
        .setDay("2023-09-03")
        .setSourceFile("graph/dt=2023-09-03/business_discovery_040015.jsonl")
        .setPosition("1")
        .setDefaulted(List.of("follows_count"))
        .build();
  }

  static RejectedItem rejected(String runId, String file, String position, String raw) {
    return RejectedItem.newBuilder()
        .setRunId(runId)
        .setModel("media")
        .setSourceFile(file)
        .setPosition(position)
        .setReasons(List.of("missing:id", "invalid:like_count"))
        .setRaw(raw)
        .setRejectedAt(Instant.parse("2023-09-03T05:06:07.089Z"))
        .build();
  }
}
