package io.buzzbeam.transforms.ingest;

import static io.buzzbeam.transforms.ingest.ParsedRecords.counts;
import static io.buzzbeam.transforms.ingest.ParsedRecords.deadLetters;
import static io.buzzbeam.transforms.ingest.ParsedRecords.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.buzzbeam.model.Media;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC §1b: both Instaloader node shapes, and the files that are not posts. */
class InstaloaderPostParserTest {

  private static String file(String node) {
    return "{\"node\":" + node + ",\"instaloader\":{\"node_type\":\"Post\",\"version\":\"4.15.1\"}}";
  }

  private static MediaDraft draft(String node) {
    return InstaloaderPostParser.post(JsonValues.parse(node), ParsedRecords.SEOUL);
  }

  @Test
  void theLoggedOutShapeIsReadFromItsEdges() {
    ParseFindings f =
        post(file(
            "{\"__typename\":\"GraphSidecar\",\"id\":\"3123\",\"shortcode\":\"C1\","
                + "\"taken_at_timestamp\":1693656003,"
                + "\"edge_media_to_caption\":{\"edges\":[{\"node\":{\"text\":\"육아일기 #아기\"}}]},"
                + "\"edge_media_preview_like\":{\"count\":258},\"edge_liked_by\":{\"count\":13},"
                + "\"edge_media_to_comment\":{\"count\":4},\"owner\":{\"id\":\"9\",\"username\":\"mom\"}}"));
    assertEquals(List.of(), deadLetters(f));
    Media m = f.media.get(0);
    assertEquals(Sources.CRAWL, m.getSource());
    assertEquals("mom", m.getScope());
    assertEquals("mom", m.getAccount());
    assertNull(m.getBrand());
    assertNull(m.getCollectedAt());
    assertEquals("3123", m.getMediaId());
    assertEquals(Instant.parse("2023-09-02T12:00:03Z"), m.getPostedAt());
    assertEquals("2023-09-02", m.getDay());
    assertEquals(21, m.getHour());
    assertEquals("CAROUSEL_ALBUM", m.getMediaType());
    assertEquals("UNKNOWN", m.getMediaProductType());
    assertEquals(258L, m.getLikeCount()); // edge_media_preview_like before edge_liked_by
    assertEquals(4L, m.getCommentsCount());
    assertEquals("육아일기 #아기", m.getCaption());
    assertEquals("1", m.getPosition());
    assertEquals(List.of("media_product_type", "media_url", "permalink"), m.getDefaulted());
    assertEquals(
        Map.of(
            "media read", 1L, "media valid", 1L,
            "media defaulted media_product_type", 1L,
            "media defaulted media_url", 1L,
            "media defaulted permalink", 1L),
        counts(f));
  }

  @Test
  void theLoggedInShapeIsReadFromItsPlainFields() {
    MediaDraft d =
        draft(
            "{\"id\":3123,\"date\":1693656003,\"caption\":\"hello\",\"comments\":7,\"likes\":11,"
                + "\"is_video\":true,\"product_type\":\"clips\","
                + "\"owner\":{\"username\":\"mom\",\"full_name\":\"Mom\",\"followers\":10}}");
    assertEquals(List.of(), d.reasons);
    assertEquals("3123", d.id);
    assertEquals(Instant.parse("2023-09-02T12:00:03Z"), d.postedAt);
    assertEquals("hello", d.caption);
    assertEquals(7L, d.commentsCount);
    assertEquals(11L, d.likeCount);
    assertEquals("VIDEO", d.mediaType); // no __typename: is_video
    assertEquals("REELS", d.mediaProductType);
    assertEquals("mom", d.account);
  }

  @Test
  void likesFallBackToEdgeLikedByAndCaptionsToAWrappedText() {
    MediaDraft d =
        draft(
            "{\"id\":\"1\",\"taken_at_timestamp\":0,\"edge_liked_by\":{\"count\":13},"
                + "\"edge_media_to_caption\":{\"edges\":[]},\"caption\":{\"text\":\"wrapped\"},"
                + "\"__typename\":\"XDTGraphImage\",\"product_type\":\"igtv\",\"owner\":{\"username\":\"u\"}}");
    assertEquals(13L, d.likeCount);
    assertEquals("wrapped", d.caption);
    assertEquals("IMAGE", d.mediaType);
    assertEquals("FEED", d.mediaProductType);
    assertEquals(Instant.EPOCH, d.postedAt);
    assertEquals(List.of("comments_count", "media_url", "permalink"), d.defaulted);
  }

  @Test
  void anUnknownTypenameOrAMissingOwnerRejectsThePostInSpecOrder() {
    MediaDraft d = draft("{\"id\":\"1\",\"taken_at_timestamp\":1,\"__typename\":\"GraphStory\"}");
    assertEquals(List.of(ReasonCodes.INVALID_MEDIA_TYPE, ReasonCodes.MISSING_USERNAME), d.reasons);
    MediaDraft control =
        draft("{\"id\":\"1\",\"taken_at_timestamp\":1,\"owner\":{\"username\":\"mo\\nm\"}}");
    assertEquals(List.of(ReasonCodes.INVALID_USERNAME), control.reasons);
  }

  @Test
  void epochSecondsMustBeANumberInTheStorableRange() {
    assertEquals(
        Instant.parse("1970-01-01T00:00:01.500Z"),
        InstaloaderPostParser.epochSeconds(JsonValues.parse("1.5")));
    assertEquals(
        Instant.parse("9999-12-31T23:59:59Z"),
        InstaloaderPostParser.epochSeconds(JsonValues.parse("253402300799")));
    for (String bad :
        new String[] {"-1", "253402300800", "1e300", "\"1693656003\"", "1180591620717411303424", "true"}) {
      assertNull(InstaloaderPostParser.epochSeconds(JsonValues.parse(bad)), bad);
    }
    assertEquals(
        List.of(ReasonCodes.INVALID_TIMESTAMP),
        draft("{\"id\":\"1\",\"date\":-5,\"owner\":{\"username\":\"u\"}}").reasons);
    assertEquals(
        List.of(ReasonCodes.MISSING_TIMESTAMP),
        draft("{\"id\":\"1\",\"owner\":{\"username\":\"u\"}}").reasons);
  }

  @Test
  void filesOfAnotherNodeTypeAreSkippedAndCounted() {
    ParseFindings f = post("{\"node\":{\"id\":\"9\"},\"instaloader\":{\"node_type\":\"Profile\"}}");
    assertEquals(List.of(), f.media);
    assertEquals(List.of(), deadLetters(f));
    assertEquals(Map.of("file skipped node_type", 1L), counts(f));
    assertEquals(Map.of("file skipped node_type", 1L), counts(post("{\"instaloader\":{}}")));
    assertEquals(Map.of("file skipped node_type", 1L), counts(post("[1]")));
  }

  @Test
  void aNodeWithoutInstaloaderMetadataIsStillAPost() {
    ParseFindings f =
        post("{\"node\":{\"id\":\"1\",\"taken_at_timestamp\":1,\"owner\":{\"username\":\"u\"}}}");
    assertEquals(1, f.media.size());
  }

  @Test
  void aFileThatIsNotJsonIsARejectedMedia() {
    ParseFindings f = post("{\"node\":");
    assertEquals(List.of("media@1[malformed:json]"), deadLetters(f));
    assertEquals(
        Map.of("media read", 1L, "media rejected", 1L, "media rejected_by_reason malformed:json", 1L),
        counts(f));
  }

  @Test
  void aRejectedPostKeepsTheWholeFileAsItsRawText() {
    String text = file("{\"id\":\"1\"}");
    ParseFindings f = post(text);
    assertEquals(List.of("media@1[missing:timestamp, missing:username]"), deadLetters(f));
    assertEquals(text, f.rejected.get(0).getRaw());
  }
}
