package io.buzzbeam.pipelines.sinks;

import io.buzzbeam.transforms.tables.Tables.ColumnType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.joda.time.ReadableInstant;

/**
 * Binds a Beam {@code Row} value to a statement parameter by the <em>table's</em> column type, so
 * that producers may use any reasonable Beam type: INT32 or INT64 for counts, {@code
 * SqlTypes.DATE} ({@link LocalDate}) or a {@code YYYY-MM-DD} string for days, {@code
 * java.time.Instant} ({@code SqlTypes.TIMESTAMP}) or Joda instants ({@code DATETIME}) for times.
 */
final class JdbcBinding {
  private JdbcBinding() {}

  static void bind(PreparedStatement ps, int index, ColumnType type, Object v, String column)
      throws SQLException {
    if (v == null) {
      ps.setNull(index, type.jdbcType);
      return;
    }
    try {
      switch (type) {
        case TEXT:
        case JSONB:
          ps.setString(index, v.toString());
          return;
        case INTEGER:
          ps.setInt(index, Math.toIntExact(((Number) v).longValue()));
          return;
        case BIGINT:
          ps.setLong(index, ((Number) v).longValue());
          return;
        case DOUBLE:
          ps.setDouble(index, ((Number) v).doubleValue());
          return;
        case DATE:
          ps.setObject(index, toLocalDate(v));
          return;
        case TIMESTAMPTZ:
          ps.setObject(index, OffsetDateTime.ofInstant(toInstant(v), ZoneOffset.UTC));
          return;
        case BOOLEAN:
          ps.setBoolean(index, (Boolean) v);
          return;
        default:
          throw new IllegalStateException("unhandled column type " + type);
      }
    } catch (ClassCastException | ArithmeticException | java.time.DateTimeException e) {
      throw new IllegalArgumentException(
          "column " + column + " (" + type.sql + ") cannot take " + v.getClass().getName()
              + " value " + v,
          e);
    }
  }

  static LocalDate toLocalDate(Object v) {
    if (v instanceof LocalDate) {
      return (LocalDate) v;
    }
    if (v instanceof CharSequence) {
      return LocalDate.parse((CharSequence) v);
    }
    if (v instanceof java.sql.Date) {
      return ((java.sql.Date) v).toLocalDate();
    }
    throw new ClassCastException(v.getClass().getName());
  }

  static Instant toInstant(Object v) {
    if (v instanceof Instant) {
      return (Instant) v;
    }
    if (v instanceof ReadableInstant) {
      return Instant.ofEpochMilli(((ReadableInstant) v).getMillis());
    }
    if (v instanceof OffsetDateTime) {
      return ((OffsetDateTime) v).toInstant();
    }
    if (v instanceof java.util.Date) {
      return ((java.util.Date) v).toInstant();
    }
    throw new ClassCastException(v.getClass().getName());
  }
}
