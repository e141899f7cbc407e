package io.buzzbeam.transforms.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buzzbeam.transforms.quality.QualityCount;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A record whose parse throws becomes one {@code failed:parse} dead letter; the records beside it
 * are parsed as usual. The reader never makes a record without text: that is what makes this
 * parse throw (Jackson refuses a null input) without a fault injected into our own code.
 */
class ParseFindingsTest {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  private static List<String> describe(ParseFindings findings) {
    List<String> out = new ArrayList<>();
    findings.rejected.forEach(
        r -> out.add(r.getRunId() + "|" + r.getModel() + "|" + r.getSourceFile() + "|" + r.getPosition() + "|" + r.getReasons()));
    for (QualityCount c : findings.counts) {
      out.add(c.model + " " + c.metric + (c.field.isEmpty() ? "" : " " + c.field) + " " + c.value);
    }
    return out;
  }

  @Test
  void aParseThatThrowsIsADeadLetterNotAFailedBundle() {
    assertEquals(
        List.of(
            "r|envelope|graph/a.jsonl|1|[failed:parse]",
            "envelope read 1", "envelope rejected 1", "envelope rejected_by_reason failed:parse 1"),
        describe(ParseFindings.of(SEOUL, "r", new RawRecord("graph/a.jsonl", 1, RawRecord.FORMAT_ENVELOPE, null))));
    assertEquals(
        List.of(
            "r|media|insta/p.json|1|[failed:parse]",
            "media read 1", "media rejected 1", "media rejected_by_reason failed:parse 1"),
        describe(ParseFindings.of(SEOUL, "r", new RawRecord("insta/p.json", 1, RawRecord.FORMAT_INSTALOADER, null))));
  }

  @Test
  void aRecordBesideItParsesAsUsual() {
    String good =
        "{\"kind\":\"hashtag_recent_media\",\"brand\":\"chanel\",\"collected_at\":\"2023-09-03T04:00:00Z\","
            + "\"response\":{\"data\":[]}}";
    ParseFindings findings =
        ParseFindings.of(SEOUL, "r", new RawRecord("graph/a.jsonl", 2, RawRecord.FORMAT_ENVELOPE, good));
    assertEquals(List.of("envelope read 1", "envelope valid 1"), describe(findings));
    assertEquals(List.of(), findings.media);
  }
}
