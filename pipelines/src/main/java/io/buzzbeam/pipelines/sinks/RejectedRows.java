package io.buzzbeam.pipelines.sinks;

import io.buzzbeam.transforms.tables.NamedRow;
import io.buzzbeam.transforms.tables.Tables;
import io.buzzbeam.model.RejectedItem;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;

/**
 * {@link RejectedItem} (a dead letter) to rows of the SPEC §5 table {@code rejected}: reasons are
 * joined with {@code ","} in their original order (e.g. {@code missing:id,invalid:like_count}).
 *
 * <p>PostgreSQL {@code text} cannot hold U+0000, which a broken landing line may well contain; such
 * characters become U+FFFD in {@code raw} (Mongo's {@code rejected} keeps the exact text).
 */
public final class RejectedRows extends TableRows<RejectedItem> {

  /** The catalogue's schema of {@link Tables#REJECTED}. */
  public static final Schema SCHEMA = Tables.REJECTED.schema();

  private RejectedRows() {
    super("rejected", SCHEMA, RejectedRows::toRow);
  }

  public static RejectedRows create() {
    return new RejectedRows();
  }

  public static Row toRow(RejectedItem r) {
    return NamedRow.of(SCHEMA)
        .set("run_id", r.getRunId())
        .set("source_file", r.getSourceFile())
        .set("position", r.getPosition())
        .set("model", r.getModel())
        .set("reasons", String.join(",", r.getReasons()))
        .set("raw", withoutNul(r.getRaw()))
        .set("rejected_at", r.getRejectedAt())
        .build();
  }

  static String withoutNul(String s) {
    return s == null ? "" : s.replace('\u0000', '\uFFFD');
  }
}
