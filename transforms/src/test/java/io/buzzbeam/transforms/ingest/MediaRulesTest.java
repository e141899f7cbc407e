package io.buzzbeam.transforms.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §2's media table, one rule at a time, on single JSON values. */
class MediaRulesTest {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  private static JsonNode json(String text) {
    return JsonValues.parse(text);
  }

  @Test
  void idIsRequiredAndTrimmedAndMayBeANumber() {
    MediaDraft text = new MediaDraft();
    MediaRules.id(json("\"  178414 \""), text);
    assertEquals("178414", text.id);
    assertEquals(List.of(), text.reasons);

    MediaDraft number = new MediaDraft();
    MediaRules.id(json("17841400"), number);
    assertEquals("17841400", number.id);

    for (String missing : new String[] {"\"   \"", "null", "1.5", "{}", "true"}) {
      MediaDraft draft = new MediaDraft();
      MediaRules.id(json(missing), draft);
      assertEquals(List.of(ReasonCodes.MISSING_ID), draft.reasons, missing);
    }
    MediaDraft absent = new MediaDraft();
    MediaRules.id(null, absent);
    assertEquals(List.of(ReasonCodes.MISSING_ID), absent.reasons);
  }

  @Test
  void anIdHoldingAControlCharacterIsInvalidEvenWhereTrimmingWouldDropIt() {
    for (String bad : new String[] {"\"12\\u0000\"", "\"12\\n\"", "\"\\t12\"", "\"1\\u007f2\""}) {
      MediaDraft draft = new MediaDraft();
      MediaRules.id(json(bad), draft);
      assertEquals(List.of(ReasonCodes.INVALID_ID), draft.reasons, bad);
      assertNull(draft.id);
    }
  }

  @Test
  void graphTimestampsAcceptTheGraphOffsetAndRejectWhatTheSinksCannotStore() {
    MediaDraft graph = new MediaDraft();
    MediaRules.postedAt(json("\"2023-09-02T12:00:03+0000\""), MediaRules::graphTimestamp, SEOUL, graph);
    assertEquals(Instant.parse("2023-09-02T12:00:03Z"), graph.postedAt);
    assertEquals(List.of(), graph.reasons);

    MediaDraft absent = new MediaDraft();
    MediaRules.postedAt(json("null"), MediaRules::graphTimestamp, SEOUL, absent);
    assertEquals(List.of(ReasonCodes.MISSING_TIMESTAMP), absent.reasons);

    for (String bad :
        new String[] {"\"yesterday\"", "1693656003", "\"2023-09-02T12:00:03\"", "\"1969-12-31T23:59:59Z\""}) {
      MediaDraft draft = new MediaDraft();
      MediaRules.postedAt(json(bad), MediaRules::graphTimestamp, SEOUL, draft);
      assertEquals(List.of(ReasonCodes.INVALID_TIMESTAMP), draft.reasons, bad);
      assertNull(draft.postedAt);
    }
  }

  @Test
  void theLastHoursOf9999AreInvalidWhereTheirLocalDayIsTheYear10000() {
    JsonNode lateUtc = json("\"9999-12-31T20:00:00Z\""); // 10000-01-01T05:00 in Seoul
    MediaDraft seoul = new MediaDraft();
    MediaRules.postedAt(lateUtc, MediaRules::graphTimestamp, SEOUL, seoul);
    assertEquals(List.of(ReasonCodes.INVALID_TIMESTAMP), seoul.reasons);

    MediaDraft utc = new MediaDraft();
    MediaRules.postedAt(lateUtc, MediaRules::graphTimestamp, ZoneOffset.UTC, utc);
    assertEquals(Instant.parse("9999-12-31T20:00:00Z"), utc.postedAt);
  }

  @Test
  void mediaTypeIsOneOfThreeOrDefaultedToUnknown() {
    MediaDraft draft = new MediaDraft();
    MediaRules.mediaType(json("\"CAROUSEL_ALBUM\""), draft);
    assertEquals("CAROUSEL_ALBUM", draft.mediaType);

    MediaDraft absent = new MediaDraft();
    MediaRules.mediaType(json("null"), absent);
    assertEquals("UNKNOWN", absent.mediaType);
    assertEquals(List.of("media_type"), absent.defaulted);
    assertEquals(List.of(), absent.reasons);

    for (String bad : new String[] {"\"image\"", "\"REELS\"", "1", "[]"}) {
      MediaDraft invalid = new MediaDraft();
      MediaRules.mediaType(json(bad), invalid);
      assertEquals(List.of(ReasonCodes.INVALID_MEDIA_TYPE), invalid.reasons, bad);
      assertNull(invalid.mediaType);
    }
  }

  @Test
  void mediaProductTypeIsOneOfFourOrDefaultedToUnknown() {
    for (String ok : new String[] {"FEED", "REELS", "STORY", "AD"}) {
      MediaDraft draft = new MediaDraft();
      MediaRules.mediaProductType(json("\"" + ok + "\""), draft);
      assertEquals(ok, draft.mediaProductType);
    }
    MediaDraft absent = new MediaDraft();
    MediaRules.mediaProductType(null, absent);
    assertEquals("UNKNOWN", absent.mediaProductType);
    assertEquals(List.of("media_product_type"), absent.defaulted);

    MediaDraft clips = new MediaDraft();
    MediaRules.mediaProductType(json("\"clips\""), clips);
    assertEquals(List.of(ReasonCodes.INVALID_MEDIA_PRODUCT_TYPE), clips.reasons);
  }

  @Test
  void likeCountIsANonNegativeLongOrHiddenWhenAbsent() {
    MediaDraft hidden = new MediaDraft();
    MediaRules.likeCount(null, hidden);
    assertNull(hidden.likeCount);
    assertEquals(List.of("like_count"), hidden.defaulted);

    MediaDraft max = new MediaDraft();
    MediaRules.likeCount(json("9223372036854775807"), max);
    assertEquals(Long.MAX_VALUE, max.likeCount);

    MediaDraft zero = new MediaDraft();
    MediaRules.likeCount(json("0"), zero);
    assertEquals(0L, zero.likeCount);

    for (String bad : new String[] {"-1", "12.0", "\"12\"", "9223372036854775808", "true"}) {
      MediaDraft draft = new MediaDraft();
      MediaRules.likeCount(json(bad), draft);
      assertEquals(List.of(ReasonCodes.INVALID_LIKE_COUNT), draft.reasons, bad);
      assertNull(draft.likeCount);
    }
  }

  @Test
  void commentsCountIsANonNegativeLongOrZeroWhenAbsent() {
    MediaDraft absent = new MediaDraft();
    MediaRules.commentsCount(json("null"), absent);
    assertEquals(0L, absent.commentsCount);
    assertEquals(List.of("comments_count"), absent.defaulted);

    MediaDraft five = new MediaDraft();
    MediaRules.commentsCount(json("5"), five);
    assertEquals(5L, five.commentsCount);

    MediaDraft negative = new MediaDraft();
    MediaRules.commentsCount(json("-3"), negative);
    assertEquals(List.of(ReasonCodes.INVALID_COMMENTS_COUNT), negative.reasons);
    assertEquals(0L, negative.commentsCount);
  }

  @Test
  void captionIsTextWithoutNulOrEmptyWhenAbsent() {
    MediaDraft absent = new MediaDraft();
    MediaRules.caption(null, absent);
    assertEquals("", absent.caption);
    assertEquals(List.of("caption"), absent.defaulted);

    MediaDraft container = new MediaDraft();
    MediaRules.caption(json("{\"text\":\"hi\"}"), container);
    assertEquals("", container.caption);
    assertEquals(List.of("caption"), container.defaulted);

    MediaDraft number = new MediaDraft();
    MediaRules.caption(json("42"), number);
    assertEquals("42", number.caption);
    assertEquals(List.of(), number.defaulted);

    MediaDraft nul = new MediaDraft();
    MediaRules.caption(json("\"a\\u0000b\\u0000 #샤넬\""), nul);
    assertEquals("ab #샤넬", nul.caption);
    assertEquals(List.of("caption"), nul.defaulted);
    assertEquals(List.of(), nul.reasons);
  }

  @Test
  void mediaUrlAndPermalinkAreTextWithoutNulOrNullWhenAbsent() {
    MediaDraft draft = new MediaDraft();
    MediaRules.mediaUrl(null, draft);
    MediaRules.permalink(json("\"https://www.instagram.com/p/x\\u0000/\""), draft);
    assertNull(draft.mediaUrl);
    assertEquals("https://www.instagram.com/p/x/", draft.permalink);
    assertEquals(List.of("media_url", "permalink"), draft.defaulted);
    assertEquals(List.of(), draft.reasons);
  }
}
