package io.buzzbeam.transforms.quality;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.schemas.JavaFieldSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;

/**
 * One row of the quality report: how many items of a {@code model} had a {@code metric}
 * (optionally qualified by a {@code field}, e.g. a reason code or a defaulted field name).
 *
 * <p>The vocabulary is the one of docs/ARCHITECTURE.md; the constants below are the only
 * spellings the pipeline uses, so that the run report, the {@code quality_report} table and the
 * Beam counters agree.
 */
@DefaultSchema(JavaFieldSchema.class)
public final class QualityCount implements Serializable {

  public static final String MODEL_FILE = "file";
  public static final String MODEL_ENVELOPE = "envelope";
  public static final String MODEL_MEDIA = "media";
  public static final String MODEL_PROFILE = "profile";

  public static final String READ = "read";
  public static final String VALID = "valid";
  public static final String REJECTED = "rejected";
  public static final String REJECTED_BY_REASON = "rejected_by_reason";
  public static final String DEFAULTED = "defaulted";
  public static final String SKIPPED = "skipped";
  /**
   * Landing files not opened because their path dates them before the window ({@code --from});
   * model {@code file}, field {@code ""}. Not part of {@code read}: they were not read.
   */
  public static final String PRUNED = "pruned";

  /** The field of {@link #SKIPPED} counts: files skipped because of their Instaloader node type. */
  public static final String FIELD_NODE_TYPE = "node_type";
  /**
   * The field of {@link #SKIPPED} counts: symbolic links that leave the landing directory (or
   * cannot be resolved), and second paths to a file already read (SPEC §2 rev. 2).
   */
  public static final String FIELD_LINK = "link";

  /** The field of {@link #SKIPPED} counts: blank lines of {@code .jsonl} files (model envelope). */
  public static final String FIELD_BLANK_LINE = "blank_line";

  /** Namespace of the Beam counters mirroring the quality counts. */
  public static final String COUNTER_NAMESPACE = "buzzbeam";

  public final String model;
  public final String metric;
  public final String field;
  public final long value;

  @SchemaCreate
  public QualityCount(String model, String metric, String field, long value) {
    this.model = Objects.requireNonNull(model, "model");
    this.metric = Objects.requireNonNull(metric, "metric");
    this.field = field == null ? "" : field;
    this.value = value;
  }

  public static QualityCount of(String model, String metric, String field, long value) {
    return new QualityCount(model, metric, field, value);
  }

  public static QualityCount of(String model, String metric, long value) {
    return new QualityCount(model, metric, "", value);
  }

  public String getModel() {
    return model;
  }

  public String getMetric() {
    return metric;
  }

  public String getField() {
    return field;
  }

  public long getValue() {
    return value;
  }

  /** The Beam counter name of this count: {@code model.metric} or {@code model.metric.field}. */
  public String counterName() {
    return counterName(model, metric, field);
  }

  public static String counterName(String model, String metric, String field) {
    return field == null || field.isEmpty()
        ? model + "." + metric
        : model + "." + metric + "." + field;
  }

  /** A key that identifies (model, metric, field) unambiguously; used to sum counts. */
  String groupingKey() {
    return model + '\u0000' + metric + '\u0000' + field;
  }

  static QualityCount fromGroupingKey(String key, long value) {
    String[] parts = key.split("\u0000", -1);
    return new QualityCount(parts[0], parts[1], parts[2], value);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof QualityCount)) {
      return false;
    }
    QualityCount that = (QualityCount) o;
    return value == that.value
        && model.equals(that.model)
        && metric.equals(that.metric)
        && field.equals(that.field);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, metric, field, value);
  }

  @Override
  public String toString() {
    return model + "/" + metric + (field.isEmpty() ? "" : "/" + field) + "=" + value;
  }
}
