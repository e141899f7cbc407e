package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import java.util.ArrayList;
import java.util.List;

/** What {@link LandingFileReader} handed over for one file, kept in order. */
final class RecordedRead implements LandingFileReader.Output {

  final List<RawRecord> records = new ArrayList<>();
  final List<RejectedItem> rejected = new ArrayList<>();
  final List<QualityCount> counts = new ArrayList<>();

  @Override
  public void record(RawRecord record) {
    records.add(record);
  }

  @Override
  public void rejected(
      String model, String sourceFile, String position, List<String> reasons, String raw) {
    rejected.add(DeadLetters.of("run", model, sourceFile, position, reasons, raw));
  }

  @Override
  public void count(String model, String metric, String field) {
    counts.add(QualityCount.of(model, metric, field, 1));
  }
}
