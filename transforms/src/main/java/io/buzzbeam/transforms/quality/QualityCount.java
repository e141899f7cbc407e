package io.buzzbeam.transforms.quality;

import java.util.Objects;
import org.apache.beam.sdk.schemas.JavaFieldSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;

/**
 * One quality-report figure (ARCHITECTURE.md "Quality metrics"): e.g. model {@code media}, metric
 * {@code rejected_by_reason}, field {@code missing:id}, value 3.
 *
 * <p>Minimal copy made by the sinks branch so that {@code QualityReportRows} compiles; the
 * quality/ingest branch owns this class and the integrator keeps theirs (same name, package and
 * fields).
 */
@DefaultSchema(JavaFieldSchema.class)
public final class QualityCount {
  public final String model;
  public final String metric;
  public final String field;
  public final long value;

  @SchemaCreate
  public QualityCount(String model, String metric, String field, long value) {
    this.model = model;
    this.metric = metric;
    this.field = field;
    this.value = value;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof QualityCount)) {
      return false;
    }
    QualityCount q = (QualityCount) o;
    return value == q.value
        && Objects.equals(model, q.model)
        && Objects.equals(metric, q.metric)
        && Objects.equals(field, q.field);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, metric, field, value);
  }

  @Override
  public String toString() {
    return model + "/" + metric + "/" + field + "=" + value;
  }
}
