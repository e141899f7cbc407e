package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import java.util.List;

/** Where {@link LandingRecordParser} puts what it finds: valid items, dead letters, counts. */
interface ParseSink {

  void media(Media media);

  void profile(ProfileSnapshot profile);

  void rejected(String model, String sourceFile, String position, List<String> reasons, String raw);

  /** Adds one to the quality count (model, metric, field). */
  void count(String model, String metric, String field);
}
