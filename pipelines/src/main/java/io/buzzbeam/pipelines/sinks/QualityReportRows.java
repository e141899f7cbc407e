package io.buzzbeam.pipelines.sinks;

import io.buzzbeam.transforms.tables.Tables;
import io.buzzbeam.transforms.quality.QualityCount;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.transforms.Group;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@link QualityCount}s of one run to rows of the SPEC §5 table {@code quality_report} (run_id,
 * model, metric, field, value).
 *
 * <p>Counts with the same (model, metric, field) are summed first: several transforms may report
 * the same figure in parts (e.g. per file), and an upsert of the parts would keep only one of them.
 * A null field (a metric without one, such as {@code read}) is stored as {@code ""}, as the
 * quality-report vocabulary says, because it is part of the key.
 */
public final class QualityReportRows
    extends PTransform<PCollection<QualityCount>, PCollection<Row>> {

  /** The catalogue's schema of {@link Tables#QUALITY_REPORT}. */
  public static final Schema SCHEMA = Tables.QUALITY_REPORT.schema();

  private final String runId;

  private QualityReportRows(String runId) {
    this.runId = runId;
  }

  public static QualityReportRows of(String runId) {
    return new QualityReportRows(runId);
  }

  @Override
  public PCollection<Row> expand(PCollection<QualityCount> counts) {
    String run = runId;
    return counts
        .apply(
            "Sum per metric",
            Group.<QualityCount>byFieldNames("model", "metric", "field")
                .aggregateField("value", Sum.ofLongs(), "value"))
        .apply(
            "To quality_report row",
            MapElements.into(TypeDescriptors.rows())
                .via(
                    (Row r) ->
                        toRow(
                            run,
                            r.getRow("key").getString("model"),
                            r.getRow("key").getString("metric"),
                            r.getRow("key").getString("field"),
                            r.getRow("value").getInt64("value"))))
        .setRowSchema(SCHEMA);
  }

  public static Row toRow(String runId, QualityCount q) {
    return toRow(runId, q.model, q.metric, q.field, q.value);
  }

  static Row toRow(String runId, String model, String metric, String field, long value) {
    return Row.withSchema(SCHEMA)
        .addValues(runId, model, metric, field == null ? "" : field, value)
        .build();
  }
}
