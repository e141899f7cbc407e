package io.buzzbeam.transforms.ingest;

import static io.buzzbeam.transforms.quality.QualityCount.DEFAULTED;
import static io.buzzbeam.transforms.quality.QualityCount.MODEL_MEDIA;
import static io.buzzbeam.transforms.quality.QualityCount.MODEL_PROFILE;
import static io.buzzbeam.transforms.quality.QualityCount.READ;
import static io.buzzbeam.transforms.quality.QualityCount.REJECTED;
import static io.buzzbeam.transforms.quality.QualityCount.REJECTED_BY_REASON;
import static io.buzzbeam.transforms.quality.QualityCount.SKIPPED;
import static io.buzzbeam.transforms.quality.QualityCount.VALID;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import java.util.List;

/**
 * What the parsers report for each item, with the quality counts that go with it, so that per
 * model {@code read = valid + rejected} holds by construction: an item is counted read once, then
 * either valid (with its defaulted fields) or rejected (with each of its reasons). Defaulted
 * fields of a rejected item are not counted: its defaults never reach a mart.
 */
final class ParseOutcomes {

  private final ParseSink sink;

  ParseOutcomes(ParseSink sink) {
    this.sink = sink;
  }

  void read(String model) {
    sink.count(model, READ, "");
  }

  void skipped(String model, String field) {
    sink.count(model, SKIPPED, field);
  }

  /** A valid envelope: a container, with no defaults of its own. */
  void valid(String model) {
    sink.count(model, VALID, "");
  }

  void media(Media media) {
    sink.media(media);
    validWithDefaults(MODEL_MEDIA, media.getDefaulted());
  }

  void profile(ProfileSnapshot profile) {
    sink.profile(profile);
    validWithDefaults(MODEL_PROFILE, profile.getDefaulted());
  }

  void rejected(String model, String sourceFile, String position, List<String> reasons, String raw) {
    sink.rejected(model, sourceFile, position, reasons, raw);
    sink.count(model, REJECTED, "");
    for (String reason : reasons) {
      sink.count(model, REJECTED_BY_REASON, reason);
    }
  }

  private void validWithDefaults(String model, List<String> defaulted) {
    valid(model);
    for (String field : defaulted) {
      sink.count(model, DEFAULTED, field);
    }
  }
}
