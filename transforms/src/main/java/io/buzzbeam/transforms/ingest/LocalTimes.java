package io.buzzbeam.transforms.ingest;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The local day / hour / ISO weekday of an instant in the run's {@code --timezone}. */
public final class LocalTimes {

  private final ZonedDateTime local;

  private LocalTimes(ZonedDateTime local) {
    this.local = local;
  }

  public static LocalTimes of(Instant instant, ZoneId zone) {
    return new LocalTimes(instant.atZone(zone));
  }

  /**
   * {@code YYYY-MM-DD}: {@link java.time.LocalDate#toString} is ISO_LOCAL_DATE's text for every
   * year (LocalTimesTest), without a formatter's per-call parsing context (a share of parsing in
   * issue #12's profile).
   */
  public String day() {
    return local.toLocalDate().toString();
  }

  /** 0–23. */
  public int hour() {
    return local.getHour();
  }

  /** ISO: 1 = Monday … 7 = Sunday. */
  public int weekday() {
    return local.getDayOfWeek().getValue();
  }
}
