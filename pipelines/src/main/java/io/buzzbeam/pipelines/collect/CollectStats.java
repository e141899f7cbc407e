package io.buzzbeam.pipelines.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What one collection pass did; rendered as the one-line run summary. */
final class CollectStats {
  final String passes;
  int brands;
  int hashtags;
  int requests;
  int envelopes;
  int media;
  int retries;
  int usagePauses;
  int skippedCalls;
  final Map<String, Integer> errorsByCode = new TreeMap<>();
  final List<String> files = new ArrayList<>();
  Duration elapsed = Duration.ZERO;
  /** Why the pass stopped early (token, rate limit, disk), or null. */
  String stopReason;
  boolean tokenExpired;

  CollectStats(String passes) {
    this.passes = passes;
  }

  void error(String code) {
    errorsByCode.merge(code, 1, Integer::sum);
  }

  int errors() {
    return errorsByCode.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** A pass fails if any request ended in an error or the pass stopped early. */
  boolean failed() {
    return errors() > 0 || stopReason != null;
  }

  /** The cause, for the exit-1 message and the alert. */
  String failureCause() {
    if (stopReason != null) {
      return stopReason;
    }
    return errors() + " request(s) failed (" + byCode() + ")";
  }

  private String byCode() {
    return errorsByCode.entrySet().stream()
        .map(e -> e.getKey() + ":" + e.getValue())
        .collect(Collectors.joining(","));
  }

  String summaryLine() {
    StringBuilder b = new StringBuilder("collect")
        .append(" pass=").append(passes)
        .append(" brands=").append(brands)
        .append(" hashtags=").append(hashtags)
        .append(" requests=").append(requests)
        .append(" envelopes=").append(envelopes)
        .append(" media=").append(media)
        .append(" errors=").append(errors());
    if (!errorsByCode.isEmpty()) {
      b.append(" errors_by_code=").append(byCode());
    }
    b.append(" retries=").append(retries)
        .append(" usage_pauses=").append(usagePauses);
    if (skippedCalls > 0) {
      b.append(" skipped=").append(skippedCalls);
    }
    b.append(" files=").append(files.size())
        .append(" elapsed=").append(DurationOption.format(elapsed))
        .append(" status=").append(failed() ? "FAILED" : "OK");
    return b.toString();
  }
}
