package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import java.util.ArrayList;
import java.util.List;

/**
 * What the parse of one record found, held until the parse has ended, so that {@link
 * ParseRecordsFn} can drop all of it should the parse throw.
 */
final class ParseFindings implements ParseSink {

  private final String runId;
  final List<Media> media = new ArrayList<>();
  final List<ProfileSnapshot> profiles = new ArrayList<>();
  final List<RejectedItem> rejected = new ArrayList<>();
  final List<QualityCount> counts = new ArrayList<>();

  ParseFindings(String runId) {
    this.runId = runId;
  }

  @Override
  public void media(Media item) {
    media.add(item);
  }

  @Override
  public void profile(ProfileSnapshot profile) {
    profiles.add(profile);
  }

  @Override
  public void rejected(
      String model, String sourceFile, String position, List<String> reasons, String raw) {
    rejected.add(DeadLetters.of(runId, model, sourceFile, position, reasons, raw));
  }

  @Override
  public void count(String model, String metric, String field) {
    counts.add(QualityCount.of(model, metric, field, 1));
  }
}
