package io.buzzbeam.transforms.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GraphTimestampsTest {

  @ParameterizedTest
  @CsvSource({
    "2023-09-02T12:00:03+0000, 2023-09-02T12:00:03Z",
    "2023-09-02T12:00:03Z, 2023-09-02T12:00:03Z",
    "2023-09-02T12:00:03+00:00, 2023-09-02T12:00:03Z",
    "2023-09-02T21:00:03+0900, 2023-09-02T12:00:03Z",
    "2023-09-02T21:00:03+09:00, 2023-09-02T12:00:03Z",
    "2023-09-02T21:00:03+09, 2023-09-02T12:00:03Z",
    "2023-09-02T06:30:03-0530, 2023-09-02T12:00:03Z",
    "2023-09-02T12:00:03.456+0000, 2023-09-02T12:00:03.456Z",
    "2023-09-02T12:00:03.123456Z, 2023-09-02T12:00:03.123456Z",
    "' 2023-09-02T12:00:03+0000 ', 2023-09-02T12:00:03Z",
    // the ends of what the sinks store (SPEC §2 Limits: years 1970–9999)
    "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999+0000, 9999-12-31T23:59:59.999Z",
  })
  void parsesGraphApiAndIsoInstants(String text, String expected) {
    assertEquals(Optional.of(Instant.parse(expected)), GraphTimestamps.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "yesterday",
        "2023-09-02",
        "2023-09-02T12:00:03", // no offset: not an instant
        "2023-09-02 12:00:03+0000",
        "2023-13-02T12:00:03+0000",
        "2023-09-02T25:00:03Z",
        "2023-09-02T12:00:03+000",
        "1693656003",
        // parseable, but not storable (SPEC §2 Limits)
        "1969-12-31T23:59:59Z",
        "1970-01-01T08:59:59+09:00",
        "+10000-01-01T00:00:00Z",
        "+300000-01-01T00:00:00Z",
        "-0001-01-01T00:00:00Z"
      })
  void rejectsWhatIsNotAnInstant(String text) {
    assertTrue(GraphTimestamps.parse(text).isEmpty(), text);
  }

  @org.junit.jupiter.api.Test
  void nullIsNotAnInstant() {
    assertTrue(GraphTimestamps.parse(null).isEmpty());
  }
}
