package io.buzzbeam.transforms.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
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
  void theGraphShapesShortcutAgreesWithTheGeneralParser() {
    // Every field over and past its range (months 00–19, days 00–39, hours 00–29, …), leap and
    // non-leap Februaries, the storable ends, and near misses of the shape.
    java.util.Random random = new java.util.Random(12);
    java.util.List<String> texts = new java.util.ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      texts.add(
          String.format(
              "%04d-%02d-%02dT%02d:%02d:%02d" + (random.nextBoolean() ? "+0000" : "Z"),
              List.of(1969, 1970, 2023, 2024, 2100, 9999, 0).get(random.nextInt(7)),
              random.nextInt(20), random.nextInt(40), random.nextInt(30), random.nextInt(70),
              random.nextInt(70)));
    }
    texts.addAll(
        List.of(
            "2024-02-29T00:00:00+0000", "2023-02-29T00:00:00+0000", "2023-09-02t12:00:03+0000",
            "2023-09-02T12:00:03+0001", "2023-09-02T12:00:03-0000", "2023-09-02T12-00:03+0000",
            "2023-09-0٢T12:00:03+0000", "9999-12-31T23:59:59+0000", "1969-12-31T23:59:59+0000",
            "1970-01-01T00:00:00+0000", "0000-01-01T00:00:00+0000", "2023-09-02T12:00:03z",
            "2023-09-02T12:00:03Y", "2023-02-29T00:00:00Z", "9999-12-31T23:59:59Z",
            "1969-12-31T23:59:59Z", "2023-09-02 12:00:03Z"));
    int parsed = 0;
    for (String text : texts) {
      Optional<Instant> expected = GraphTimestamps.general(text);
      assertEquals(expected, GraphTimestamps.parse(text), text);
      parsed += expected.isPresent() ? 1 : 0;
    }
    // Both sides of the comparison are exercised: some parse, most do not.
    assertTrue(parsed > 1_000 && parsed < texts.size() / 2, "parsed: " + parsed);
  }

  @org.junit.jupiter.api.Test
  void nullIsNotAnInstant() {
    assertTrue(GraphTimestamps.parse(null).isEmpty());
  }
}
