package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Runs the parsers on one record, without a pipeline, and summarizes what they found. */
final class ParsedRecords {

  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  private ParsedRecords() {}

  /** Line 7 of {@code graph/a.jsonl}, parsed in Asia/Seoul. */
  static ParseFindings envelope(String line) {
    return envelope(line, SEOUL);
  }

  static ParseFindings envelope(String line, ZoneId zone) {
    ParseFindings findings = new ParseFindings("run");
    new EnvelopeParser(zone, new ParseOutcomes(findings))
        .parse(new RawRecord("graph/a.jsonl", 7, RawRecord.FORMAT_ENVELOPE, line));
    return findings;
  }

  /** The Instaloader file {@code crawl/p.json}, parsed in Asia/Seoul. */
  static ParseFindings post(String text) {
    ParseFindings findings = new ParseFindings("run");
    new InstaloaderPostParser(SEOUL, new ParseOutcomes(findings))
        .parse(new RawRecord("crawl/p.json", 1, RawRecord.FORMAT_INSTALOADER, text));
    return findings;
  }

  /** The summed counts, as {@code "model metric field" → value} ({@code field} left out when empty). */
  static Map<String, Long> counts(ParseFindings findings) {
    return counts(findings.counts);
  }

  static Map<String, Long> counts(List<QualityCount> counts) {
    Map<String, Long> sums = new TreeMap<>();
    for (QualityCount c : counts) {
      String key = c.model + " " + c.metric + (c.field.isEmpty() ? "" : " " + c.field);
      sums.merge(key, c.value, Long::sum);
    }
    return sums;
  }

  /** Each dead letter as {@code model@position[reasons]}. */
  static List<String> deadLetters(ParseFindings findings) {
    return deadLetters(findings.rejected);
  }

  static List<String> deadLetters(List<RejectedItem> rejected) {
    return rejected.stream().map(ParsedRecords::describe).collect(Collectors.toList());
  }

  private static String describe(RejectedItem item) {
    return item.getModel() + "@" + item.getPosition() + item.getReasons();
  }
}
