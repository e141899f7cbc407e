package io.buzzbeam.transforms.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

/**
 * SPEC §2 "Limits" (rev. 2): no input stops a run. Each test writes real landing files (.jsonl,
 * .jsonl.gz, .json, .json.xz) and runs them through {@link ParseLanding} with small limits; the
 * expected dead letters and quality counts were worked out by hand, and every test also checks
 * {@code read = valid + rejected} per model on what the pipeline counted.
 */
public class ParseLandingLimitsTest extends LandingZoneTest {

  private static final String RUN = "run-limits";
  private static final int MAX_LINE = 1024;
  private static final String[] MODELS = {"file", "envelope", "media", "profile"};

  // ------------------------------------------------------------------ oversized:line

  @Test
  public void aLineOverMaxLineBytesIsRejectedAndTheLinesAfterItAreRead() throws Exception {
    String tooLong = padTo(2000, hashtagEnvelope("chanel", "chanel", media("big", "2023-09-02T12:00:00Z")));
    String atLimit = padTo(MAX_LINE, hashtagEnvelope("chanel", "chanel", media("g1", "2023-09-02T12:00:00Z")));
    String oneOver = padTo(MAX_LINE + 1, hashtagEnvelope("chanel", "chanel", media("over", "2023-09-02T12:00:00Z")));
    String shortLine = hashtagEnvelope("chanel", "chanel", media("g2", "2023-09-02T12:00:00Z"));
    LandingFixtures.writeGzip(
        landing.resolve("graph/a.jsonl.gz"), String.join("\n", tooLong, atLimit, oneOver, shortLine) + "\n", false);
    // A byte order mark and a CR are not part of the line: this one is exactly at the limit.
    String crlf = padTo(MAX_LINE, hashtagEnvelope("chanel", "chanel", media("g3", "2023-09-02T12:00:00Z")));
    LandingFixtures.write(landing.resolve("graph/b.jsonl"), "\uFEFF" + crlf + "\r\n");
    // An Instaloader file is one record: the line limit applies to the whole file.
    LandingFixtures.write(landing.resolve("insta/big.json"), padTo(2000, post("3001", "1693656003")));
    LandingFixtures.write(landing.resolve("insta/ok.json"), post("3002", "1693656003"));

    LandingResult result = parse(LandingLimits.defaults().withMaxLineBytes(MAX_LINE));
    assertRejected(
        result,
        "envelope|graph/a.jsonl.gz|1|[oversized:line]",
        "envelope|graph/a.jsonl.gz|3|[oversized:line]",
        "media|insta/big.json|1|[oversized:line]");
    PAssert.that(result.rejected())
        .satisfies(
            items -> {
              Map<String, String> raw = rawByPosition(items);
              // Only a prefix is kept, so that the dead letter stays small.
              assertEquals(tooLong.substring(0, RawText.OVERSIZED_PREFIX_BYTES), raw.get("graph/a.jsonl.gz|1"));
              assertEquals(oneOver.substring(0, RawText.OVERSIZED_PREFIX_BYTES), raw.get("graph/a.jsonl.gz|3"));
              return null;
            });
    assertMediaIds(result, "g1", "g2", "g3", "3002");
    assertQuality(
        result,
        count("file", "read", 4),
        count("file", "valid", 4),
        count("envelope", "read", 5),
        count("envelope", "valid", 3),
        count("envelope", "rejected", 2),
        count("envelope", "rejected_by_reason", "oversized:line", 2),
        count("media", "read", 5),
        count("media", "valid", 4),
        count("media", "rejected", 1),
        count("media", "rejected_by_reason", "oversized:line", 1),
        count("media", "defaulted", "media_url", 1),
        count("media", "defaulted", "permalink", 1));
    p.run().waitUntilFinish();
  }

  // ------------------------------------------------------------------ oversized:file

  @Test
  public void aFilePastMaxFileBytesIsRejectedForTheRestOfIt() throws Exception {
    // Lines of 399 bytes + "\n": 4000 bytes hold lines 1-10 exactly.
    StringBuilder twelve = new StringBuilder();
    StringBuilder ten = new StringBuilder();
    for (int i = 10; i < 22; i++) {
      String line = padTo(399, hashtagEnvelope("chanel", "chanel", media("m" + i, "2023-09-02T12:00:00Z"))) + "\n";
      twelve.append(line);
      if (i < 20) {
        ten.append(line);
      }
    }
    Path bomb = LandingFixtures.writeGzip(landing.resolve("graph/bomb.jsonl.gz"), twelve.toString(), false);
    assertTrue(Files.size(bomb) < 4000, "it is the decompressed size that counts");
    // Exactly at the limit: read whole.
    LandingFixtures.write(landing.resolve("graph/full.jsonl"), ten.toString());

    LandingResult result = parse(LandingLimits.defaults().withMaxFileBytes(4000));
    assertRejected(result, "file|graph/bomb.jsonl.gz|0|[oversized:file]");
    PAssert.that(result.rejected())
        .satisfies(
            items -> {
              String raw = items.iterator().next().getRaw();
              assertTrue(raw.contains("--maxFileBytes=4000"), raw);
              return null;
            });
    assertQuality(
        result,
        count("file", "read", 2),
        count("file", "valid", 1),
        count("file", "rejected", 1),
        count("file", "rejected_by_reason", "oversized:file", 1),
        // lines 1-10 of each file; lines 11 and 12 of the gzip are the rest, not read
        count("envelope", "read", 20),
        count("envelope", "valid", 20),
        count("media", "read", 20),
        count("media", "valid", 20));
    p.run().waitUntilFinish();
  }

  // ------------------------------------------------------------------ xz memory limit

  @Test
  public void anXzFileNeedingMoreMemoryThanTheLimitIsUnreadable() throws Exception {
    // The decoder needs about the dictionary size: 2 MiB, over a 1 MiB limit; 64 KiB is under.
    LandingFixtures.writeXz(landing.resolve("insta/huge_dict.json.xz"), post("3001", "1693656003"), 2 << 20);
    LandingFixtures.writeXz(landing.resolve("insta/small_dict.json.xz"), post("3002", "1693656003"), 64 << 10);

    LandingResult result = parse(LandingLimits.defaults().withXzMemoryLimitKiB(1024));
    assertRejected(result, "file|insta/huge_dict.json.xz|0|[unreadable:file]");
    PAssert.that(result.rejected())
        .satisfies(
            items -> {
              String raw = items.iterator().next().getRaw();
              assertTrue(raw.startsWith("org.tukaani.xz.MemoryLimitException: "), raw);
              return null;
            });
    assertMediaIds(result, "3002");
    assertQuality(
        result,
        count("file", "read", 2),
        count("file", "valid", 1),
        count("file", "rejected", 1),
        count("file", "rejected_by_reason", "unreadable:file", 1),
        count("media", "read", 1),
        count("media", "valid", 1),
        count("media", "defaulted", "media_url", 1),
        count("media", "defaulted", "permalink", 1));
    p.run().waitUntilFinish();
  }

  // ------------------------------------------------------------------ times

  @Test
  public void timesTheSinksCannotStoreAreInvalid() throws Exception {
    LandingFixtures.write(
        landing.resolve("graph/t.jsonl"),
        String.join(
                "\n",
                hashtagEnvelope(
                    "chanel",
                    "chanel",
                    media("y300000", "+300000-01-01T00:00:00Z"),
                    media("y1969", "1969-12-31T23:59:59Z"),
                    // 9999-12-31 in UTC, but already 10000-01-01 in Seoul
                    media("y10000local", "9999-12-31T23:59:59Z"),
                    media("y9999", "9999-12-31T00:00:00Z"),
                    media("epoch", "1970-01-01T00:00:00Z")),
                envelope("hashtag_top_media", "chanel", "+300000-01-01T00:00:00Z", "{\"data\":[]}"),
                envelope("hashtag_top_media", "chanel", "1969-12-31T23:59:59Z", "{\"data\":[]}"))
            + "\n");
    LandingFixtures.write(landing.resolve("insta/e17.json"), post("3001", "100000000000000000"));
    LandingFixtures.write(landing.resolve("insta/e14.json"), post("3002", "100000000000000"));
    LandingFixtures.write(
        landing.resolve("insta/date_e17.json"), post("3003", "0").replace("\"taken_at_timestamp\":0", "\"date\":1e17"));
    LandingFixtures.write(landing.resolve("insta/ok.json"), post("3004", "1693656003"));

    LandingResult result = parse(LandingLimits.defaults());
    assertRejected(
        result,
        "envelope|graph/t.jsonl|2|[invalid:collected_at]",
        "envelope|graph/t.jsonl|3|[invalid:collected_at]",
        "media|graph/t.jsonl|1:0|[invalid:timestamp]",
        "media|graph/t.jsonl|1:1|[invalid:timestamp]",
        "media|graph/t.jsonl|1:2|[invalid:timestamp]",
        "media|insta/e17.json|1|[invalid:timestamp]",
        "media|insta/e14.json|1|[invalid:timestamp]",
        "media|insta/date_e17.json|1|[invalid:timestamp]");
    PAssert.that(
            result.media()
                .apply("MediaDays", MapElements.into(TypeDescriptors.strings()).via((Media m) -> m.getMediaId() + "|" + m.getDay())))
        .containsInAnyOrder("y9999|9999-12-31", "epoch|1970-01-01", "3004|2023-09-02");
    assertQuality(
        result,
        count("file", "read", 5),
        count("file", "valid", 5),
        count("envelope", "read", 3),
        count("envelope", "valid", 1),
        count("envelope", "rejected", 2),
        count("envelope", "rejected_by_reason", "invalid:collected_at", 2),
        count("media", "read", 9),
        count("media", "valid", 3),
        count("media", "rejected", 6),
        count("media", "rejected_by_reason", "invalid:timestamp", 6),
        count("media", "defaulted", "media_url", 1),
        count("media", "defaulted", "permalink", 1));
    p.run().waitUntilFinish();
  }

  // ------------------------------------------------------------------ control characters

  @Test
  public void idsUsernamesBrandsAndHashtagsHoldingControlCharactersAreInvalid() throws Exception {
    LandingFixtures.write(
        landing.resolve("graph/k.jsonl"),
        String.join(
                "\n",
                hashtagEnvelope("chanel", "a\\u0000b", media("h1", "2023-09-02T12:00:00Z")),
                hashtagEnvelope("cha\\u0000nel", "chanel", media("h2", "2023-09-02T12:00:00Z")),
                hashtagEnvelope(
                    "chanel",
                    "chanel",
                    media("m\\u0000", "2023-09-02T12:00:00Z"),
                    // a NUL alone: an invalid id, not a missing one
                    media("\\u0000", "2023-09-02T12:00:00Z"),
                    media("m3", "2023-09-02T12:00:00Z").replace("{", "{\"username\":\"acc\\u0000\","),
                    media("m4", "2023-09-02T12:00:00Z")),
                discoveryEnvelope(
                    "chanel",
                    "\"id\":\"17\\u0000\",\"username\":\"chanel\\u0000official\",\"name\":\"CHANEL\","
                        + "\"followers_count\":10,\"follows_count\":1,\"media_count\":1",
                    media("b1", "2023-09-02T12:00:00Z")))
            + "\n");
    LandingFixtures.write(
        landing.resolve("insta/owner.json"), post("3001", "1693656003").replace("\"mom_kim\"", "\"mom\\u0000kim\""));
    LandingFixtures.write(landing.resolve("insta/id.json"), post("\\t3002", "1693656003"));

    LandingResult result = parse(LandingLimits.defaults());
    assertRejected(
        result,
        "envelope|graph/k.jsonl|1|[invalid:hashtag]",
        "envelope|graph/k.jsonl|2|[invalid:brand]",
        "media|graph/k.jsonl|3:0|[invalid:id]",
        "media|graph/k.jsonl|3:1|[invalid:id]",
        "media|graph/k.jsonl|3:2|[invalid:username]",
        "profile|graph/k.jsonl|4|[invalid:id, invalid:username]",
        "media|insta/owner.json|1|[invalid:username]",
        "media|insta/id.json|1|[invalid:id]");
    // The media beside the rejected profile stay, without its account.
    PAssert.that(
            result.media()
                .apply(
                    "MediaAccounts", MapElements.into(TypeDescriptors.strings())
                        .via((Media m) -> m.getMediaId() + "|" + m.getAccount())))
        .containsInAnyOrder("m4|null", "b1|null");
    PAssert.that(result.profiles()).empty();
    assertQuality(
        result,
        count("file", "read", 3),
        count("file", "valid", 3),
        count("envelope", "read", 4),
        count("envelope", "valid", 2),
        count("envelope", "rejected", 2),
        count("envelope", "rejected_by_reason", "invalid:hashtag", 1),
        count("envelope", "rejected_by_reason", "invalid:brand", 1),
        count("profile", "read", 1),
        count("profile", "rejected", 1),
        count("profile", "rejected_by_reason", "invalid:id", 1),
        count("profile", "rejected_by_reason", "invalid:username", 1),
        count("media", "read", 7),
        count("media", "valid", 2),
        count("media", "rejected", 5),
        count("media", "rejected_by_reason", "invalid:id", 3),
        count("media", "rejected_by_reason", "invalid:username", 2));
    p.run().waitUntilFinish();
  }

  // ------------------------------------------------------------------ NUL in free text

  @Test
  public void aNulInFreeTextIsRemovedAndCountedAsDefaulted() throws Exception {
    String item =
        "{\"id\":\"n1\",\"timestamp\":\"2023-09-02T12:00:00Z\",\"media_type\":\"IMAGE\","
            + "\"media_product_type\":\"FEED\",\"like_count\":1,\"comments_count\":0,"
            + "\"caption\":\"a\\u0000b\\u0000\",\"media_url\":\"u\\u0000\",\"permalink\":\"\\u0000p\"}";
    LandingFixtures.write(
        landing.resolve("graph/f.jsonl"),
        discoveryEnvelope(
                "chanel",
                "\"id\":\"17\",\"username\":\"chanel\",\"name\":\"CHA\\u0000NEL\","
                    + "\"followers_count\":10,\"follows_count\":1,\"media_count\":1",
                item)
            + "\n");
    LandingFixtures.write(
        landing.resolve("insta/c.json"), post("3001", "1693656003").replace("\"text\":\"c\"", "\"text\":\"육아\\u0000일기\""));

    LandingResult result = parse(LandingLimits.defaults());
    PAssert.that(result.rejected()).empty();
    PAssert.that(
            result.media()
                .apply(
                    "MediaTexts", MapElements.into(TypeDescriptors.strings())
                        .via(
                            (Media m) ->
                                m.getMediaId() + "|" + m.getCaption() + "|" + m.getMediaUrl() + "|"
                                    + m.getPermalink() + "|" + m.getDefaulted())))
        .containsInAnyOrder(
            "n1|ab|u|p|[caption, media_url, permalink]",
            "3001|육아일기|null|null|[caption, media_url, permalink]");
    PAssert.that(
            result.profiles()
                .apply(
                    "ProfileNames", MapElements.into(TypeDescriptors.strings())
                        .via((ProfileSnapshot s) -> s.getName() + "|" + s.getDefaulted())))
        .containsInAnyOrder("CHANEL|[name]");
    assertQuality(
        result,
        count("file", "read", 2),
        count("file", "valid", 2),
        count("envelope", "read", 1),
        count("envelope", "valid", 1),
        count("profile", "read", 1),
        count("profile", "valid", 1),
        count("profile", "defaulted", "name", 1),
        count("media", "read", 2),
        count("media", "valid", 2),
        count("media", "defaulted", "caption", 2),
        count("media", "defaulted", "media_url", 2),
        count("media", "defaulted", "permalink", 2));
    p.run().waitUntilFinish();
  }

  // ------------------------------------------------------------------ big counts

  @Test
  public void countsOver2Pow53AreKeptExactlyUpToALong() throws Exception {
    String exact =
        media("c1", "2023-09-02T12:00:00Z")
            .replace("\"like_count\":1", "\"like_count\":9007199254740993")
            .replace("\"comments_count\":0", "\"comments_count\":9223372036854775807");
    String overLong =
        media("c2", "2023-09-02T12:00:00Z").replace("\"like_count\":1", "\"like_count\":9223372036854775808");
    LandingFixtures.write(
        landing.resolve("graph/c.jsonl"),
        discoveryEnvelope(
                "chanel",
                "\"id\":\"17\",\"username\":\"chanel\",\"name\":\"CHANEL\","
                    + "\"followers_count\":9007199254740993,\"follows_count\":1,\"media_count\":1",
                exact,
                overLong)
            + "\n");

    LandingResult result = parse(LandingLimits.defaults());
    assertRejected(result, "media|graph/c.jsonl|1:1|[invalid:like_count]");
    PAssert.that(
            result.media()
                .apply(
                    "MediaCounts", MapElements.into(TypeDescriptors.strings())
                        .via((Media m) -> m.getMediaId() + "|" + m.getLikeCount() + "|" + m.getCommentsCount())))
        .containsInAnyOrder("c1|9007199254740993|9223372036854775807");
    PAssert.that(
            result.profiles()
                .apply("ProfileFollowers", MapElements.into(TypeDescriptors.longs()).via(ProfileSnapshot::getFollowersCount)))
        .containsInAnyOrder(9007199254740993L);
    assertQuality(
        result,
        count("file", "read", 1),
        count("file", "valid", 1),
        count("envelope", "read", 1),
        count("envelope", "valid", 1),
        count("profile", "read", 1),
        count("profile", "valid", 1),
        count("media", "read", 2),
        count("media", "valid", 1),
        count("media", "rejected", 1),
        count("media", "rejected_by_reason", "invalid:like_count", 1));
    p.run().waitUntilFinish();
  }

  // ------------------------------------------------------------------ media lists

  @Test
  public void aMediaListThatIsNotAnArrayRejectsItsEnvelope() throws Exception {
    String profile = "\"username\":\"chanel\",\"name\":\"CHANEL\",\"followers_count\":10,\"follows_count\":1,\"media_count\":1";
    LandingFixtures.write(
        landing.resolve("graph/d.jsonl"),
        String.join(
                "\n",
                discovery("{" + profile + ",\"media\":{\"data\":\"oops\"}}"),
                discovery("{" + profile + ",\"media\":\"oops\"}"),
                discovery("{" + profile + ",\"media\":{\"data\":{\"id\":\"1\"}}}"),
                envelope("hashtag_recent_media", "chanel", "2023-09-03T04:00:00Z", "{\"data\":{\"id\":\"h\"}}"),
                // no media at all, or no data in it: nothing is dropped
                discovery("{" + profile + "}"),
                discovery("{" + profile + ",\"media\":{\"paging\":{}}}"))
            + "\n");

    LandingResult result = parse(LandingLimits.defaults());
    assertRejected(
        result,
        "envelope|graph/d.jsonl|1|[invalid:response]",
        "envelope|graph/d.jsonl|2|[invalid:response]",
        "envelope|graph/d.jsonl|3|[invalid:response]",
        "envelope|graph/d.jsonl|4|[invalid:response]");
    PAssert.that(result.media()).empty();
    assertQuality(
        result,
        count("file", "read", 1),
        count("file", "valid", 1),
        count("envelope", "read", 6),
        count("envelope", "valid", 2),
        count("envelope", "rejected", 4),
        count("envelope", "rejected_by_reason", "invalid:response", 4),
        count("profile", "read", 2),
        count("profile", "valid", 2));
    p.run().waitUntilFinish();
  }

  // ------------------------------------------------------------------ blank lines

  @Test
  public void blankLinesAreSkippedAndCounted() throws Exception {
    String good1 = hashtagEnvelope("chanel", "chanel", media("b1", "2023-09-02T12:00:00Z"));
    String good2 = hashtagEnvelope("chanel", "chanel", media("b2", "2023-09-02T12:00:00Z"));
    // lines: 1 "", 2 good, 3 "", 4 "   " (CR dropped), 5 "\t", 6 good; the final "\n" ends line 6
    LandingFixtures.write(landing.resolve("graph/b.jsonl"), "\n" + good1 + "\n\n   \r\n\t\n" + good2 + "\n");
    LandingFixtures.write(landing.resolve("graph/empty.jsonl"), "");

    LandingResult result = parse(LandingLimits.defaults());
    PAssert.that(result.rejected()).empty();
    assertMediaIds(result, "b1", "b2");
    assertQuality(
        result,
        count("file", "read", 2),
        count("file", "valid", 2),
        count("envelope", "read", 2),
        count("envelope", "valid", 2),
        count("envelope", "skipped", "blank_line", 4),
        count("media", "read", 2),
        count("media", "valid", 2));
    p.run().waitUntilFinish();
  }

  // ------------------------------------------------------------------ invalid UTF-8

  @Test
  public void aLineThatIsNotUtf8IsMalformedJsonAndTheNextLineIsRead() throws Exception {
    byte[] good1 = hashtagEnvelope("chanel", "chanel", media("u1", "2023-09-02T12:00:00Z")).getBytes(StandardCharsets.UTF_8);
    byte[] good2 = hashtagEnvelope("chanel", "chanel", media("u2", "2023-09-02T12:00:00Z")).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
    jsonl.write(good1);
    jsonl.write('\n');
    // "caption":"c" with the c replaced by a lone lead byte; then an overlong "/" (C0 AF)
    jsonl.write(replaceCaption(good1, new byte[] {(byte) 0xC3, '(', (byte) 0xC0, (byte) 0xAF}));
    jsonl.write('\n');
    jsonl.write(good2);
    jsonl.write('\n');
    LandingFixtures.writeBytes(landing.resolve("graph/u.jsonl"), jsonl.toByteArray());
    LandingFixtures.writeBytes(
        landing.resolve("insta/u.json"),
        replaceCaption(post("3001", "1693656003").getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF}));

    LandingResult result = parse(LandingLimits.defaults());
    assertRejected(
        result,
        "envelope|graph/u.jsonl|2|[malformed:json]",
        "media|insta/u.json|1|[malformed:json]");
    PAssert.that(result.rejected())
        .satisfies(
            items -> {
              // The raw text shows where the bytes were bad: each malformed byte is U+FFFD.
              Map<String, String> raw = rawByPosition(items);
              assertTrue(raw.get("graph/u.jsonl|2").contains("\"caption\":\"\uFFFD(\uFFFD\uFFFD\""), raw.get("graph/u.jsonl|2"));
              assertTrue(raw.get("insta/u.json|1").contains("\"text\":\"\uFFFD\""), raw.get("insta/u.json|1"));
              return null;
            });
    assertMediaIds(result, "u1", "u2");
    assertQuality(
        result,
        count("file", "read", 2),
        count("file", "valid", 2),
        count("envelope", "read", 3),
        count("envelope", "valid", 2),
        count("envelope", "rejected", 1),
        count("envelope", "rejected_by_reason", "malformed:json", 1),
        count("media", "read", 3),
        count("media", "valid", 2),
        count("media", "rejected", 1),
        count("media", "rejected_by_reason", "malformed:json", 1));
    p.run().waitUntilFinish();
  }

  // ------------------------------------------------------------------ helpers

  private LandingResult parse(LandingLimits limits) {
    LandingResult result =
        p.apply(
            "ParseLanding",
            ParseLanding.from(landing.toString()).withTimezone("Asia/Seoul").withLimits(limits).withRunId(RUN));
    assertReadIsValidPlusRejected(result);
    return result;
  }

  private static void assertRejected(LandingResult result, String... described) {
    PAssert.that(
            result.rejected()
                .apply(
                    "DescribeRejected",
                    MapElements.into(TypeDescriptors.strings())
                        .via((RejectedItem r) -> LandingFixtures.describe(r).substring(RUN.length() + 1))))
        .containsInAnyOrder(described);
  }

  private static void assertMediaIds(LandingResult result, String... ids) {
    PAssert.that(
            result.media()
                .apply("MediaIds", MapElements.into(TypeDescriptors.strings()).via(Media::getMediaId)))
        .containsInAnyOrder(ids);
  }

  /** The quality report is exactly {@code counts}, plus zeros for the read/valid/rejected not given. */
  private static void assertQuality(LandingResult result, QualityCount... counts) {
    Map<String, QualityCount> expected = new LinkedHashMap<>();
    for (String model : MODELS) {
      for (String metric : List.of("read", "valid", "rejected")) {
        expected.put(model + "/" + metric + "/", QualityCount.of(model, metric, 0));
      }
    }
    for (QualityCount c : counts) {
      expected.put(c.model + "/" + c.metric + "/" + c.field, c);
    }
    // The hand-computed expectation obeys the invariant too.
    for (String model : MODELS) {
      assertEquals(
          expected.get(model + "/read/").value,
          expected.get(model + "/valid/").value + expected.get(model + "/rejected/").value,
          model + ": expected read = valid + rejected");
    }
    PAssert.that(result.quality()).containsInAnyOrder(expected.values());
  }

  private static void assertReadIsValidPlusRejected(LandingResult result) {
    PAssert.that("read = valid + rejected", result.quality())
        .satisfies(
            counts -> {
              Map<String, Long> byKey = new HashMap<>();
              for (QualityCount c : counts) {
                byKey.put(c.model + "/" + c.metric + "/" + c.field, c.value);
              }
              for (String model : MODELS) {
                assertEquals(
                    byKey.get(model + "/read/"),
                    Long.valueOf(byKey.get(model + "/valid/") + byKey.get(model + "/rejected/")),
                    model + ": read = valid + rejected");
              }
              return null;
            });
  }

  private static Map<String, String> rawByPosition(Iterable<RejectedItem> items) {
    Map<String, String> raw = new HashMap<>();
    for (RejectedItem item : items) {
      raw.put(item.getSourceFile() + "|" + item.getPosition(), item.getRaw());
    }
    return raw;
  }

  private static QualityCount count(String model, String metric, long value) {
    return QualityCount.of(model, metric, value);
  }

  private static QualityCount count(String model, String metric, String field, long value) {
    return QualityCount.of(model, metric, field, value);
  }

  /** A Graph media item with every field present (so that nothing is defaulted). */
  private static String media(String id, String timestamp) {
    return "{\"id\":\"" + id + "\",\"timestamp\":\"" + timestamp + "\",\"media_type\":\"IMAGE\","
        + "\"media_product_type\":\"FEED\",\"like_count\":1,\"comments_count\":0,\"caption\":\"c\","
        + "\"media_url\":\"u\",\"permalink\":\"p\"}";
  }

  private static String envelope(String kind, String brand, String collectedAt, String response) {
    return "{\"kind\":\"" + kind + "\",\"brand\":\"" + brand + "\",\"collected_at\":\"" + collectedAt
        + "\",\"response\":" + response + "}";
  }

  private static String hashtagEnvelope(String brand, String hashtag, String... items) {
    return envelope("hashtag_recent_media", brand, "2023-09-03T04:00:00Z", "{\"data\":[" + String.join(",", items) + "]}")
        .replace("\"kind\":", "\"hashtag\":\"" + hashtag + "\",\"kind\":");
  }

  private static String discovery(String businessDiscovery) {
    return envelope(
        "business_discovery", "chanel", "2023-09-03T04:00:00Z", "{\"business_discovery\":" + businessDiscovery + "}");
  }

  private static String discoveryEnvelope(String brand, String profileFields, String... items) {
    return envelope(
        "business_discovery",
        brand,
        "2023-09-03T04:00:00Z",
        "{\"business_discovery\":{" + profileFields + ",\"media\":{\"data\":[" + String.join(",", items) + "]}}}");
  }

  /** A logged-out Instaloader post with every field SPEC §1b reads (caption "c", owner mom_kim). */
  private static String post(String id, String takenAt) {
    return "{\"node\":{\"id\":\"" + id + "\",\"taken_at_timestamp\":" + takenAt + ",\"__typename\":\"GraphImage\","
        + "\"product_type\":\"feed\",\"edge_media_preview_like\":{\"count\":1},"
        + "\"edge_media_to_comment\":{\"count\":0},"
        + "\"edge_media_to_caption\":{\"edges\":[{\"node\":{\"text\":\"c\"}}]},"
        + "\"owner\":{\"username\":\"mom_kim\"}},\"instaloader\":{\"node_type\":\"Post\",\"version\":\"4.10.3\"}}";
  }

  /** {@code json} (an object) with a {@code "pad"} key first, so that it is exactly {@code bytes} long. */
  private static String padTo(int bytes, String json) {
    String rest = json.substring(1);
    int padding = bytes - ("{\"pad\":\"\"," + rest).getBytes(StandardCharsets.UTF_8).length;
    assertTrue(padding >= 0, "room to pad");
    return "{\"pad\":\"" + "x".repeat(padding) + "\"," + rest;
  }

  /** Replaces the bytes of the caption {@code c} (the only {@code "c"} value) with {@code bytes}. */
  private static byte[] replaceCaption(byte[] json, byte[] bytes) {
    String text = new String(json, StandardCharsets.UTF_8);
    String marker = text.contains("\"caption\":\"c\"") ? "\"caption\":\"c\"" : "\"text\":\"c\"";
    int at = text.indexOf(marker) + marker.length() - 2;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(json, 0, at);
    out.write(bytes, 0, bytes.length);
    out.write(json, at + 1, json.length - at - 1);
    return out.toByteArray();
  }
}
