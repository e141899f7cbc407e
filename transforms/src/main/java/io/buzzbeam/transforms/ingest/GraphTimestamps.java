package io.buzzbeam.transforms.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Graph API timestamps and envelope {@code collected_at} instants.
 *
 * <p>The Graph API writes {@code 2023-09-02T12:00:03+0000}: an offset without a colon, which
 * {@link OffsetDateTime#parse} rejects. We also accept {@code Z}, {@code +00:00}, {@code +00}
 * and optional fractional seconds. A local date-time without an offset is not an instant and is
 * rejected, and so is an instant the sinks cannot store (SPEC §2 Limits: outside the years
 * 1970–9999).
 */
public final class GraphTimestamps {

  private GraphTimestamps() {}

  /** The first instant the sinks store (SPEC §2 Limits: years 1970–9999, as an instant). */
  public static final Instant EARLIEST = Instant.EPOCH;
  /** The last year the sinks store (SPEC §2 Limits), also of a local day. */
  public static final int LAST_YEAR = 9999;
  /** The first instant past the year 9999: not stored. */
  public static final Instant END =
      LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

  /** Whether the sinks can store {@code instant}: in [{@link #EARLIEST}, {@link #END}). */
  public static boolean storable(Instant instant) {
    return !instant.isBefore(EARLIEST) && instant.isBefore(END);
  }

  /**
   * Whether the local day of a storable instant in {@code zone} is still in the year 9999: the
   * last hours of 9999 are already 10000-01-01 east of UTC, a day the sinks cannot store either.
   */
  public static boolean hasStorableDay(Instant instant, ZoneId zone) {
    return instant.atZone(zone).getYear() <= LAST_YEAR;
  }

  /** {@code +HHMM} at the end (no colon), e.g. {@code +0000}, {@code -0530}. */
  private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
  /** {@code +HH} at the end, directly after the seconds (or fraction). */
  private static final Pattern HOURS_OFFSET = Pattern.compile("(:\\d{2}(?:\\.\\d+)?)([+-]\\d{2})$");

  /**
   * The instant, or empty if {@code text} is null, not an ISO-8601 date-time with an offset, or
   * not {@link #storable}.
   */
  public static Optional<Instant> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.trim();
    if (s.isEmpty()) {
      return Optional.empty();
    }
    if (isGraphUtc(s)) {
      return graphUtc(s);
    }
    return general(s);
  }

  /**
   * Whether {@code s} has exactly the Graph API's own shape, {@code yyyy-MM-ddTHH:mm:ss+0000}, or
   * the collector's {@code yyyy-MM-ddTHH:mm:ssZ} (an envelope's {@code collected_at}), with ASCII
   * digits: nearly every timestamp read, so it skips the regular expressions and the formatter (a
   * visible share of parsing in issue #12's profile). Any other shape goes the general way; both
   * give the same answer ({@code GraphTimestampsTest}).
   */
  private static boolean isGraphUtc(String s) {
    boolean graph = s.length() == 24 && s.endsWith("+0000");
    boolean collector = s.length() == 20 && s.charAt(19) == 'Z';
    if (!graph && !collector) {
      return false;
    }
    for (int i = 0; i < 19; i++) {
      char c = s.charAt(i);
      boolean ok =
          switch (i) {
            case 4, 7 -> c == '-';
            case 10 -> c == 'T';
            case 13, 16 -> c == ':';
            default -> c >= '0' && c <= '9';
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static Optional<Instant> graphUtc(String s) {
    try {
      Instant instant =
          LocalDateTime.of(
                  digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10),
                  digits(s, 11, 13), digits(s, 14, 16), digits(s, 17, 19))
              .toInstant(ZoneOffset.UTC);
      return storable(instant) ? Optional.of(instant) : Optional.empty();
    } catch (DateTimeException e) { // e.g. February 30th, hour 24: what the strict formatter refuses
      return Optional.empty();
    }
  }

  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + (s.charAt(i) - '0');
    }
    return value;
  }

  /** Every accepted shape: offsets rewritten to {@code +HH:MM}, then ISO-8601 (strict). */
  static Optional<Instant> general(String s) {
    Matcher compact = COMPACT_OFFSET.matcher(s);
    if (compact.find() && s.indexOf('T') >= 0 && compact.start() > s.indexOf('T')) {
      s = s.substring(0, compact.start()) + compact.group(1) + ":" + compact.group(2);
    } else {
      Matcher hours = HOURS_OFFSET.matcher(s);
      if (hours.find()) {
        s = s.substring(0, hours.start()) + hours.group(1) + hours.group(2) + ":00";
      }
    }
    try {
      Instant instant = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      return storable(instant) ? Optional.of(instant) : Optional.empty();
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
