package io.buzzbeam.transforms.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** SPEC §2's media table, one rule at a time, on single JSON values. */
class MediaRulesTest {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  private static JsonNode json(String text) {
    return JsonValues.parse(text);
  }

  /** A new draft after {@code rule} has read {@code value} ({@code null}: the field is absent). */
  private static MediaDraft applied(BiConsumer<JsonNode, MediaDraft> rule, JsonNode value) {
    MediaDraft draft = new MediaDraft();
    rule.accept(value, draft);
    return draft;
  }

  /** Each of {@code values} is invalid for {@code rule}: exactly {@code reason}, and no value kept. */
  private static void assertEachInvalid(
      BiConsumer<JsonNode, MediaDraft> rule, String reason, Function<MediaDraft, Object> kept, String... values) {
    for (String value : values) {
      MediaDraft draft = applied(rule, json(value));
      assertEquals(List.of(reason), draft.reasons, value);
      assertNull(kept.apply(draft), value);
    }
  }

  private static void graphPostedAt(JsonNode value, MediaDraft draft) {
    MediaRules.postedAt(value, MediaRules::graphTimestamp, SEOUL, draft);
  }

  private static void graphPostedAtUtc(JsonNode value, MediaDraft draft) {
    MediaRules.postedAt(value, MediaRules::graphTimestamp, ZoneOffset.UTC, draft);
  }

  @Test
  void idIsRequiredAndTrimmedAndMayBeANumber() {
    MediaDraft text = applied(MediaRules::id, json("\"  178414 \""));
    assertEquals("178414", text.id);
    assertEquals(List.of(), text.reasons);

    MediaDraft number = applied(MediaRules::id, json("17841400"));
    assertEquals("17841400", number.id);

    for (String missing : new String[] {"\"   \"", "null", "1.5", "{}", "true"}) {
      MediaDraft draft = applied(MediaRules::id, json(missing));
      assertEquals(List.of(ReasonCodes.MISSING_ID), draft.reasons, missing);
    }
    MediaDraft absent = applied(MediaRules::id, null);
    assertEquals(List.of(ReasonCodes.MISSING_ID), absent.reasons);
  }

  @Test
  void anIdHoldingAControlCharacterIsInvalidEvenWhereTrimmingWouldDropIt() {
    assertEachInvalid(MediaRules::id, ReasonCodes.INVALID_ID, d -> d.id,
        "\"12\\u0000\"", "\"12\\n\"", "\"\\t12\"", "\"1\\u007f2\"");
  }

  @Test
  void graphTimestampsAcceptTheGraphOffsetAndRejectWhatTheSinksCannotStore() {
    MediaDraft graph = applied(MediaRulesTest::graphPostedAt, json("\"2023-09-02T12:00:03+0000\""));
    assertEquals(Instant.parse("2023-09-02T12:00:03Z"), graph.postedAt);
    assertEquals(List.of(), graph.reasons);

    MediaDraft absent = applied(MediaRulesTest::graphPostedAt, json("null"));
    assertEquals(List.of(ReasonCodes.MISSING_TIMESTAMP), absent.reasons);

    assertEachInvalid(MediaRulesTest::graphPostedAt, ReasonCodes.INVALID_TIMESTAMP, d -> d.postedAt,
        "\"yesterday\"", "1693656003", "\"2023-09-02T12:00:03\"", "\"1969-12-31T23:59:59Z\"");
  }

  @Test
  void theLastHoursOf9999AreInvalidWhereTheirLocalDayIsTheYear10000() {
    JsonNode lateUtc = json("\"9999-12-31T20:00:00Z\""); // 10000-01-01T05:00 in Seoul
    MediaDraft seoul = applied(MediaRulesTest::graphPostedAt, lateUtc);
    assertEquals(List.of(ReasonCodes.INVALID_TIMESTAMP), seoul.reasons);

    MediaDraft utc = applied(MediaRulesTest::graphPostedAtUtc, lateUtc);
    assertEquals(Instant.parse("9999-12-31T20:00:00Z"), utc.postedAt);
  }

  @Test
  void mediaTypeIsOneOfThreeOrDefaultedToUnknown() {
    MediaDraft draft = applied(MediaRules::mediaType, json("\"CAROUSEL_ALBUM\""));
    assertEquals("CAROUSEL_ALBUM", draft.mediaType);

    MediaDraft absent = applied(MediaRules::mediaType, json("null"));
    assertEquals("UNKNOWN", absent.mediaType);
    assertEquals(List.of("media_type"), absent.defaulted);
    assertEquals(List.of(), absent.reasons);

    assertEachInvalid(MediaRules::mediaType, ReasonCodes.INVALID_MEDIA_TYPE, d -> d.mediaType,
        "\"image\"", "\"REELS\"", "1", "[]");
  }

  @Test
  void mediaProductTypeIsOneOfFourOrDefaultedToUnknown() {
    for (String ok : new String[] {"FEED", "REELS", "STORY", "AD"}) {
      MediaDraft draft = applied(MediaRules::mediaProductType, json("\"" + ok + "\""));
      assertEquals(ok, draft.mediaProductType);
    }
    MediaDraft absent = applied(MediaRules::mediaProductType, null);
    assertEquals("UNKNOWN", absent.mediaProductType);
    assertEquals(List.of("media_product_type"), absent.defaulted);

    MediaDraft clips = applied(MediaRules::mediaProductType, json("\"clips\""));
    assertEquals(List.of(ReasonCodes.INVALID_MEDIA_PRODUCT_TYPE), clips.reasons);
  }

  @Test
  void likeCountIsANonNegativeLongOrHiddenWhenAbsent() {
    MediaDraft hidden = applied(MediaRules::likeCount, null);
    assertNull(hidden.likeCount);
    assertEquals(List.of("like_count"), hidden.defaulted);

    MediaDraft max = applied(MediaRules::likeCount, json("9223372036854775807"));
    assertEquals(Long.MAX_VALUE, max.likeCount);

    MediaDraft zero = applied(MediaRules::likeCount, json("0"));
    assertEquals(0L, zero.likeCount);

    assertEachInvalid(MediaRules::likeCount, ReasonCodes.INVALID_LIKE_COUNT, d -> d.likeCount,
        "-1", "12.0", "\"12\"", "9223372036854775808", "true");
  }

  @Test
  void commentsCountIsANonNegativeLongOrZeroWhenAbsent() {
    MediaDraft absent = applied(MediaRules::commentsCount, json("null"));
    assertEquals(0L, absent.commentsCount);
    assertEquals(List.of("comments_count"), absent.defaulted);

    MediaDraft five = applied(MediaRules::commentsCount, json("5"));
    assertEquals(5L, five.commentsCount);

    MediaDraft negative = applied(MediaRules::commentsCount, json("-3"));
    assertEquals(List.of(ReasonCodes.INVALID_COMMENTS_COUNT), negative.reasons);
    assertEquals(0L, negative.commentsCount);
  }

  @Test
  void captionIsTextWithoutNulOrEmptyWhenAbsent() {
    MediaDraft absent = applied(MediaRules::caption, null);
    assertEquals("", absent.caption);
    assertEquals(List.of("caption"), absent.defaulted);

    MediaDraft container = applied(MediaRules::caption, json("{\"text\":\"hi\"}"));
    assertEquals("", container.caption);
    assertEquals(List.of("caption"), container.defaulted);

    MediaDraft number = applied(MediaRules::caption, json("42"));
    assertEquals("42", number.caption);
    assertEquals(List.of(), number.defaulted);

    MediaDraft nul = applied(MediaRules::caption, json("\"a\\u0000b\\u0000 #샤넬\""));
    assertEquals("ab #샤넬", nul.caption);
    assertEquals(List.of("caption"), nul.defaulted);
    assertEquals(List.of(), nul.reasons);
  }

  @Test
  void mediaUrlAndPermalinkAreTextWithoutNulOrNullWhenAbsent() {
    MediaDraft draft = applied(MediaRules::mediaUrl, null);
    MediaRules.permalink(json("\"https://www.instagram.com/p/x\\u0000/\""), draft);
    assertNull(draft.mediaUrl);
    assertEquals("https://www.instagram.com/p/x/", draft.permalink);
    assertEquals(List.of("media_url", "permalink"), draft.defaulted);
    assertEquals(List.of(), draft.reasons);
  }
}
