package io.buzzbeam.transforms.ingest;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The local day / hour / ISO weekday of an instant in the run's {@code --timezone}. */
public final class LocalTimes {

  private final ZonedDateTime local;

  private LocalTimes(ZonedDateTime local) {
    this.local = local;
  }

  public static LocalTimes of(Instant instant, ZoneId zone) {
    return new LocalTimes(instant.atZone(zone));
  }

  /** {@code YYYY-MM-DD}. */
  public String day() {
    return local.toLocalDate().format(DateTimeFormatter.ISO_LOCAL_DATE);
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
