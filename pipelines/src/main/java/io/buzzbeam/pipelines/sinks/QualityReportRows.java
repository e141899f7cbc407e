package io.buzzbeam.pipelines.sinks;

import io.buzzbeam.transforms.tables.Rows;
import io.buzzbeam.transforms.tables.Tables;
import io.buzzbeam.transforms.quality.QualityCount;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * {@link QualityCount}s of one run to rows of the SPEC §5 table {@code quality_report} (run_id,
 * model, metric, field, value).
 *
 * <p>The counts must be summed already, one per (model, metric, field), as {@code
 * LandingResult.quality()} is ({@code SumQualityCounts}): an upsert of parts would keep only one of
 * them. A null field (a metric without one, such as {@code read}) is stored as {@code ""}, as the
 * quality-report vocabulary says, because it is part of the key.
 */
public final class QualityReportRows extends TableRows<QualityCount> {

  /** The catalogue's schema of {@link Tables#QUALITY_REPORT}. */
  public static final Schema SCHEMA = Tables.QUALITY_REPORT.schema();

  private QualityReportRows(String runId) {
    super("quality_report", SCHEMA, (QualityCount q) -> toRow(runId, q));
  }

  public static QualityReportRows of(String runId) {
    return new QualityReportRows(runId);
  }

  public static Row toRow(String runId, QualityCount q) {
    return Rows.of(SCHEMA, runId, q.model, q.metric, q.field == null ? "" : q.field, q.value);
  }
}
