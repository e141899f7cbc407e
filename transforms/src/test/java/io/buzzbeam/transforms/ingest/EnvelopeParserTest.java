package io.buzzbeam.transforms.ingest;

import static io.buzzbeam.transforms.ingest.ParsedRecords.counts;
import static io.buzzbeam.transforms.ingest.ParsedRecords.deadLetters;
import static io.buzzbeam.transforms.ingest.ParsedRecords.envelope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC §1a / §2 envelope rules, and how a valid envelope's items are read. */
class EnvelopeParserTest {

  private static final String AT = "\"collected_at\":\"2023-09-03T04:00:15Z\"";
  private static final String MEDIA =
      "{\"id\":\"m1\",\"timestamp\":\"2023-09-02T12:00:03+0000\",\"media_type\":\"IMAGE\","
          + "\"media_product_type\":\"FEED\",\"like_count\":10,\"comments_count\":2,"
          + "\"caption\":\"#chanel\",\"media_url\":\"https://x/m1.jpg\",\"permalink\":\"https://x/p/m1\"}";

  private static String hashtagEnvelope(String response) {
    return "{\"kind\":\"hashtag_recent_media\",\"brand\":\"chanel\",\"hashtag\":\"샤넬\"," + AT
        + ",\"response\":" + response + "}";
  }

  private static String discoveryEnvelope(String discovery) {
    return "{\"kind\":\"business_discovery\",\"brand\":\"chanel\"," + AT
        + ",\"response\":{\"business_discovery\":" + discovery + ",\"id\":\"1\"}}";
  }

  @Test
  void aLineThatIsNotOneJsonObjectIsMalformed() {
    for (String line : new String[] {"not json", "[1,2]", "{\"kind\":1} trailing", "\"text\"", ""}) {
      ParseFindings f = envelope(line);
      assertEquals(List.of("envelope@7[malformed:json]"), deadLetters(f), line);
      assertEquals(line, f.rejected.get(0).getRaw());
      assertEquals(
          Map.of(
              "envelope read", 1L,
              "envelope rejected", 1L,
              "envelope rejected_by_reason malformed:json", 1L),
          counts(f),
          line);
    }
  }

  @Test
  void everyEnvelopeReasonIsListedInSpecOrder() {
    ParseFindings f = envelope("{\"kind\":\"stories\",\"brand\":\" \",\"collected_at\":\"soon\"}");
    assertEquals(
        List.of("envelope@7[invalid:kind, missing:brand, invalid:collected_at, missing:response]"),
        deadLetters(f));
    assertEquals(4L, counts(f).entrySet().stream()
        .filter(e -> e.getKey().startsWith("envelope rejected_by_reason")).count());
  }

  @Test
  void brandIsTrimmedAndLowercasedButAControlCharacterMakesItInvalid() {
    ParseFindings ok =
        envelope("{\"kind\":\"hashtag_top_media\",\"brand\":\" Chanel \"," + AT
            + ",\"hashtag\":\"chanel\",\"response\":{\"data\":[" + MEDIA + "]}}");
    assertEquals("chanel", ok.media.get(0).getBrand());
    assertEquals("chanel", ok.media.get(0).getScope());

    ParseFindings bad = envelope(hashtagEnvelope("{\"data\":[]}").replace("\"chanel\"", "\"cha\\u0007nel\""));
    assertEquals(List.of("envelope@7[invalid:brand]"), deadLetters(bad));
  }

  @Test
  void aHashtagHoldingAControlCharacterIsInvalidOnlyWhereTheKindCarriesOne() {
    ParseFindings hashtag = envelope(hashtagEnvelope("{\"data\":[]}").replace("샤넬", "샤\\u0000넬"));
    assertEquals(List.of("envelope@7[invalid:hashtag]"), deadLetters(hashtag));

    // business_discovery has no hashtag: a stray one is not read, so it cannot reject the line.
    ParseFindings discovery =
        envelope(discoveryEnvelope("{\"username\":\"chanel\",\"followers_count\":5}")
            .replace("\"brand\"", "\"hashtag\":\"x\\u0000\",\"brand\""));
    assertEquals(List.of(), deadLetters(discovery));
  }

  @Test
  void collectedAtMustBeAnInstantWithAStorableLocalDay() {
    assertEquals(
        List.of("envelope@7[invalid:collected_at]"),
        deadLetters(envelope(hashtagEnvelope("{\"data\":[]}").replace("2023-09-03T04:00:15Z", "2023-09-03T04:00:15"))));
    String late = hashtagEnvelope("{\"data\":[]}").replace("2023-09-03T04:00:15Z", "9999-12-31T20:00:00Z");
    assertEquals(List.of("envelope@7[invalid:collected_at]"), deadLetters(envelope(late)));
    assertEquals(List.of(), deadLetters(envelope(late, ZoneOffset.UTC)));
  }

  @Test
  void graphApiErrorsAreRejectedWithTheirCode() {
    assertEquals(
        List.of("envelope@7[api_error:4]"),
        deadLetters(envelope(hashtagEnvelope(
            "{\"error\":{\"message\":\"(#4) Application request limit reached\",\"code\":4}}"))));
    assertEquals(
        List.of("envelope@7[api_error:190]"),
        deadLetters(envelope(hashtagEnvelope("{\"error\":{\"code\":\"190\"}}"))));
    assertEquals(
        List.of("envelope@7[api_error:unknown]"),
        deadLetters(envelope(hashtagEnvelope("{\"error\":{\"message\":\"?\"}}"))));
    // An unknown kind does not hide the error behind it.
    assertEquals(
        List.of("envelope@7[invalid:kind, api_error:100]"),
        deadLetters(envelope(hashtagEnvelope("{\"error\":{\"code\":100}}").replace("hashtag_recent_media", "x"))));
  }

  @Test
  void aResponseThatIsAbsentOrNotTheBodyOfItsKindIsRejected() {
    assertEquals("missing:response", EnvelopeParser.responseReason(EnvelopeKind.HASHTAG_TOP_MEDIA, null));
    assertEquals("missing:response", EnvelopeParser.responseReason(EnvelopeKind.HASHTAG_TOP_MEDIA, JsonValues.parse("null")));
    String[][] invalid = {
      {"hashtag_recent_media", "[]"},
      {"hashtag_recent_media", "{\"data\":{}}"},
      {"hashtag_top_media", "{}"},
      {"business_discovery", "{\"id\":\"1\"}"},
      {"business_discovery", "{\"business_discovery\":[]}"},
      {"business_discovery", "{\"business_discovery\":{\"media\":[]}}"},
      {"business_discovery", "{\"business_discovery\":{\"media\":{\"data\":{}}}}"},
    };
    for (String[] c : invalid) {
      assertEquals(
          "invalid:response",
          EnvelopeParser.responseReason(EnvelopeKind.ofWireName(c[0]), JsonValues.parse(c[1])),
          c[0] + " " + c[1]);
    }
    String[][] shaped = {
      {"hashtag_recent_media", "{\"data\":[]}"},
      {"business_discovery", "{\"business_discovery\":{}}"},
      {"business_discovery", "{\"business_discovery\":{\"media\":null}}"},
      {"business_discovery", "{\"business_discovery\":{\"media\":{\"paging\":{}}}}"},
    };
    for (String[] c : shaped) {
      assertNull(
          EnvelopeParser.responseReason(EnvelopeKind.ofWireName(c[0]), JsonValues.parse(c[1])),
          c[0] + " " + c[1]);
    }
  }

  @Test
  void businessDiscoveryIsAProfileAndItsMediaOfSourceBrand() {
    ParseFindings f =
        envelope(
            discoveryEnvelope(
                "{\"id\":\"1784\",\"username\":\"chanelofficial\",\"name\":\"CHANEL\",\"followers_count\":500,"
                    + "\"follows_count\":3,\"media_count\":9,\"media\":{\"data\":["
                    + MEDIA
                    + ","
                    + MEDIA.replace("\"m1\"", "\"m2\"").replace("{\"id\"", "{\"username\":\"other\",\"id\"")
                    + "]}}"));
    assertEquals(List.of(), deadLetters(f));

    ProfileSnapshot profile = f.profiles.get(0);
    assertEquals("chanel", profile.getBrand());
    assertEquals("chanelofficial", profile.getUsername());
    assertEquals(500L, profile.getFollowersCount());
    assertEquals(Instant.parse("2023-09-03T04:00:15Z"), profile.getCollectedAt());
    assertEquals("2023-09-03", profile.getDay());
    assertEquals("7", profile.getPosition());

    Media first = f.media.get(0);
    assertEquals(Sources.BRAND, first.getSource());
    assertEquals("chanel", first.getScope());
    assertEquals("m1", first.getMediaId());
    assertNull(first.getHashtag());
    assertEquals("chanelofficial", first.getAccount()); // the item names none: the profile's
    assertEquals("7:0", first.getPosition());
    assertEquals("2023-09-02", first.getDay()); // 21:00:03 in Seoul, a Saturday
    assertEquals(21, first.getHour());
    assertEquals(6, first.getWeekday());
    assertEquals(List.of(), first.getDefaulted());
    assertEquals("other", f.media.get(1).getAccount());
    assertEquals("7:1", f.media.get(1).getPosition());

    assertEquals(
        Map.of(
            "envelope read", 1L, "envelope valid", 1L,
            "profile read", 1L, "profile valid", 1L,
            "media read", 2L, "media valid", 2L),
        counts(f));
  }

  @Test
  void aRejectedProfileKeepsItsMediaAndLeavesItsMediaListOutOfItsRawText() {
    ParseFindings f =
        envelope(discoveryEnvelope("{\"username\":\"cha\\u0000nel\",\"followers_count\":5,"
            + "\"media\":{\"data\":[" + MEDIA + "]}}"));
    assertEquals(List.of("profile@7[invalid:username]"), deadLetters(f));
    // Jackson writes the NUL back as an escape: the raw text holds no NUL.
    assertEquals("{\"username\":\"cha\\u0000nel\",\"followers_count\":5}", f.rejected.get(0).getRaw());
    assertEquals(1, f.media.size());
    assertNull(f.media.get(0).getAccount()); // not credited to a username that is not one
  }

  @Test
  void hashtagMediaAreOfSourceHashtagScopedByTheBrand() {
    ParseFindings f = envelope(hashtagEnvelope("{\"data\":[" + MEDIA + ",5,null]}"));
    Media media = f.media.get(0);
    assertEquals(Sources.HASHTAG, media.getSource());
    assertEquals("chanel", media.getScope());
    assertEquals("chanel", media.getBrand());
    assertEquals("샤넬", media.getHashtag());
    assertEquals(Instant.parse("2023-09-03T04:00:15Z"), media.getCollectedAt());
    // Items that are not objects are media with no fields: rejected, with their raw text.
    assertEquals(
        List.of("media@7:1[missing:id, missing:timestamp]", "media@7:2[missing:id, missing:timestamp]"),
        deadLetters(f));
    assertEquals("5", f.rejected.get(0).getRaw());
    assertEquals("null", f.rejected.get(1).getRaw());
    assertEquals(
        Map.of(
            "envelope read", 1L, "envelope valid", 1L,
            "media read", 3L, "media valid", 1L, "media rejected", 2L,
            "media rejected_by_reason missing:id", 2L,
            "media rejected_by_reason missing:timestamp", 2L),
        counts(f));
  }

  @Test
  void aMediaListsReasonsFollowSpecOrderAndItsDefaultsAreCountedOnlyWhenValid() {
    ParseFindings f =
        envelope(hashtagEnvelope(
            "{\"data\":[{\"username\":\"a\\tb\",\"comments_count\":-1,\"like_count\":-1,"
                + "\"media_product_type\":\"X\",\"media_type\":\"X\",\"timestamp\":\"x\",\"id\":\"\"},"
                + "{\"id\":\"m3\",\"timestamp\":\"2023-09-02T12:00:03Z\"}]}"));
    assertEquals(
        List.of(
            "media@7:0[missing:id, invalid:timestamp, invalid:media_type, invalid:media_product_type,"
                + " invalid:like_count, invalid:comments_count, invalid:username]"),
        deadLetters(f));
    assertEquals(
        List.of("media_type", "media_product_type", "like_count", "comments_count", "caption",
            "media_url", "permalink"),
        f.media.get(0).getDefaulted());
    Map<String, Long> counts = counts(f);
    assertEquals(1L, counts.get("media defaulted caption"));
    assertEquals(1L, counts.get("media defaulted like_count"));
    assertEquals(2L, counts.get("media read"));
  }
}
