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
}
