package io.buzzbeam.pipelines.generate;

import io.buzzbeam.transforms.ingest.EnvelopeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one envelope line contributes to the summary. Held until the line is known to be
 * written whole: if it becomes the truncated last line of its file, the pipeline will see
 * only a malformed line and none of this.
 */
final class LineTally {
  final EnvelopeKind kind;
  final String brand;
  int apiErrorCode;
  int profiles;
  int profileNameMissing;
  int media;
  final Map<String, Integer> mediaRejects = new TreeMap<>();
  final Map<String, Integer> mediaDefaults = new TreeMap<>();
  final List<String> validMediaIds = new ArrayList<>(25);

  LineTally(EnvelopeKind kind, String brand) {
    this.kind = kind;
    this.brand = brand;
  }

  void defaulted(String field) {
    mediaDefaults.merge(field, 1, Integer::sum);
  }

  void rejected(String reason) {
    mediaRejects.merge(reason, 1, Integer::sum);
  }
}
