package io.buzzbeam.transforms.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalTimesTest {

  @ParameterizedTest
  @CsvSource({
    // Seoul is UTC+9: 14:59:59 UTC is the last second of the local day, 15:00 the next day.
    "2023-09-02T14:59:59Z, Asia/Seoul, 2023-09-02, 23, 6",
    "2023-09-02T15:00:00Z, Asia/Seoul, 2023-09-03, 0, 7",
    "2023-09-03T14:59:59Z, Asia/Seoul, 2023-09-03, 23, 7",
    "2023-09-03T15:00:00Z, Asia/Seoul, 2023-09-04, 0, 1",
    "2023-09-02T15:00:00Z, UTC, 2023-09-02, 15, 6",
    "2023-09-03T03:00:00Z, America/New_York, 2023-09-02, 23, 6",
  })
  void dayHourAndIsoWeekdayAreLocal(String instant, String zone, String day, int hour, int weekday) {
    LocalTimes local = LocalTimes.of(Instant.parse(instant), ZoneId.of(zone));
    assertEquals(day, local.day());
    assertEquals(hour, local.hour());
    assertEquals(weekday, local.weekday());
  }

  @org.junit.jupiter.api.Test
  void theDayIsIsoLocalDateForEveryStorableInstant() {
    // The storable range's ends (1970 and 9999, where Seoul's last hours are already year 10000)
    // and random instants between them.
    java.util.Random random = new java.util.Random(7);
    java.util.List<Instant> instants = new java.util.ArrayList<>(java.util.List.of(
        Instant.EPOCH, Instant.parse("9999-12-31T23:59:59Z"), Instant.parse("0001-01-01T00:00:00Z")));
    for (int i = 0; i < 20_000; i++) {
      instants.add(Instant.ofEpochSecond((long) (random.nextDouble() * 253_402_300_799L)));
    }
    for (Instant instant : instants) {
      for (String zone : java.util.List.of("Asia/Seoul", "UTC", "America/New_York")) {
        java.time.ZonedDateTime local = instant.atZone(ZoneId.of(zone));
        assertEquals(
            local.toLocalDate().format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE),
            LocalTimes.of(instant, ZoneId.of(zone)).day(),
            instant + " in " + zone);
      }
    }
  }
}
