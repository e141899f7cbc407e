package io.buzzbeam.pipelines.generate;

import io.buzzbeam.transforms.ingest.EnvelopeKind;
import io.buzzbeam.transforms.ingest.ReasonCodes;
import io.buzzbeam.transforms.quality.QualityCount;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The running counts behind a {@link GenerationSummary}; sorted maps keep it reproducible. */
final class SummaryTally {
  long files;
  long graphFiles;
  long gzipFiles;
  long instaloaderFiles;
  long xzFiles;
  long skippedFiles;
  long lines;
  final Map<String, Long> linesByKind = new TreeMap<>();
  long profiles;
  long graphMedia;
  final Map<String, Long> graphMediaByKind = new TreeMap<>();
  long crawlPosts;
  final Set<String> brandMedia = new HashSet<>();
  final Set<String> hashtagMedia = new HashSet<>();
  final Map<String, Map<String, Long>> rejects = new TreeMap<>();
  final Map<String, Map<String, Long>> defaults = new TreeMap<>();
  long bytes;

  void reject(String model, String reason, long n) {
    if (n != 0) {
      rejects.computeIfAbsent(model, k -> new TreeMap<>()).merge(reason, n, Long::sum);
    }
  }

  void defaulted(String model, String field, long n) {
    if (n != 0) {
      defaults.computeIfAbsent(model, k -> new TreeMap<>()).merge(field, n, Long::sum);
    }
  }

  /** Adds one envelope line: whole, or truncated (then only a malformed line). */
  void commit(LineTally line, boolean truncated) {
    lines++;
    linesByKind.merge(line.kind.wireName(), 1L, Long::sum);
    if (truncated) {
      reject(QualityCount.MODEL_ENVELOPE, ReasonCodes.MALFORMED_JSON, 1);
      return;
    }
    if (line.apiErrorCode != 0) {
      reject(QualityCount.MODEL_ENVELOPE, ReasonCodes.apiError(Integer.toString(line.apiErrorCode)), 1);
      return;
    }
    profiles += line.profiles;
    graphMedia += line.media;
    graphMediaByKind.merge(line.kind.wireName(), (long) line.media, Long::sum);
    for (Map.Entry<String, Integer> e : line.mediaRejects.entrySet()) {
      reject(QualityCount.MODEL_MEDIA, e.getKey(), e.getValue());
    }
    for (Map.Entry<String, Integer> e : line.mediaDefaults.entrySet()) {
      defaulted(QualityCount.MODEL_MEDIA, e.getKey(), e.getValue());
    }
    defaulted(QualityCount.MODEL_PROFILE, "name", line.profileNameMissing);
    Set<String> target = line.kind == EnvelopeKind.BUSINESS_DISCOVERY ? brandMedia : hashtagMedia;
    for (String id : line.validMediaIds) {
      target.add(line.brand + ':' + id);
    }
  }

  GenerationSummary toSummary(long elapsedMillis) {
    return new GenerationSummary(files, graphFiles, gzipFiles, instaloaderFiles, xzFiles,
        skippedFiles, lines, sorted(linesByKind), profiles, graphMedia,
        sorted(graphMediaByKind), crawlPosts, graphMedia + crawlPosts, brandMedia.size(),
        hashtagMedia.size(), deepCopy(rejects), deepCopy(defaults), bytes, elapsedMillis);
  }

  /** Sorted and read-only, so the summary prints the same way every time. */
  private static Map<String, Long> sorted(Map<String, Long> m) {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(m));
  }

  private static Map<String, Map<String, Long>> deepCopy(Map<String, Map<String, Long>> m) {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, java.util.Collections.unmodifiableMap(new TreeMap<>(v))));
    return java.util.Collections.unmodifiableMap(out);
  }
}
