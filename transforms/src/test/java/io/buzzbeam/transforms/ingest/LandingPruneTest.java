package io.buzzbeam.transforms.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The prune rules of {@link LandingPrune}, one path at a time. */
class LandingPruneTest {

  /** Local 2023-08-30 in Seoul (UTC+9) starts at 2023-08-29T15:00Z. */
  private static final Instant SEOUL_AUG_30 = Instant.parse("2023-08-29T15:00:00Z");

  @Test
  void theWindowStartsAtTheFirstInstantOfTheLocalDay() {
    assertEquals(SEOUL_AUG_30, LandingPrune.windowStart("2023-08-30", "Asia/Seoul"));
    assertEquals(Instant.parse("2023-08-30T00:00:00Z"), LandingPrune.windowStart("2023-08-30", "UTC"));
    // EDT (UTC-4): local midnight is 04:00Z.
    assertEquals(
        Instant.parse("2023-08-30T04:00:00Z"), LandingPrune.windowStart("2023-08-30", "America/New_York"));
    // Brazil's DST of 2018 began at local midnight: 2018-11-04 started at 01:00 (UTC-2), 03:00Z.
    assertEquals(
        Instant.parse("2018-11-04T03:00:00Z"), LandingPrune.windowStart("2018-11-04", "America/Sao_Paulo"));
    assertNull(LandingPrune.windowStart(null, "Asia/Seoul"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // Collector folders are UTC days. dt=2023-08-29 holds 15:00Z-24:00Z, inside the Seoul window.
    "graph/dt=2023-08-29/business_discovery_000015.jsonl, true",
    "graph/dt=2023-08-29/hashtag_recent_media_000020.jsonl.gz, true",
    "graph/dt=2023-08-30/business_discovery_000015.jsonl, true",
    "graph/dt=2024-01-01/business_discovery_000015.jsonl, true",
    // dt=2023-08-28 ends at 08-29T00:00Z; even a pass overrunning by the 12 h grace ends by 12:00Z.
    "graph/dt=2023-08-28/business_discovery_235959.jsonl, false",
    "graph/dt=2023-08-28/hashtag_top_media_230000_2.jsonl.gz, false",
    "graph/dt=2022-12-31/business_discovery_000015.jsonl, false",
    // Not the collector's layout: read.
    "graph/business_discovery_000015.jsonl, true",
    "business_discovery_000015.jsonl, true",
    "graph/dt=2023-08-28/old/business_discovery_000015.jsonl, true",
    "archive/graph/dt=2023-08-28/business_discovery_000015.jsonl, true",
    "graph/dt=2023-8-28/business_discovery_000015.jsonl, true",
    "graph/dt=2023-02-30/business_discovery_000015.jsonl, true",
    // The folder dates envelopes only; an Instaloader file in it goes by its own name.
    "graph/dt=2023-08-28/mom_diary_55.json, true",
    // Instaloader names date the post in UTC, to the second.
    "instaloader/mom_kim/2023-08-29_14-59-59_UTC.json, false",
    "instaloader/mom_kim/2023-08-29_15-00-00_UTC.json, true",
    "instaloader/mom_kim/2023-08-29_14-59-59_UTC.json.xz, false",
    "instaloader/mom_kim/2023-08-29_14-59-59_UTC_1.json, false",
    "instaloader/mom_kim/2023-08-29_14-59-59_UTC_12.JSON.XZ, false",
    "2023-01-01_00-00-00_UTC.json, false",
    "instaloader/mom_kim/2023-08-30_00-00-00_UTC.json, true",
    // Any other name is read.
    "instaloader/mom_diary/mom_diary_55.json, true",
    "instaloader/mom_kim/2023-08-29_14-59-59.json, true",
    "instaloader/mom_kim/2023-08-29_14-59-59_UTC_a.json, true",
    "instaloader/mom_kim/2023-08-29_24-00-00_UTC.json, true",
    "instaloader/mom_kim/2023-02-30_00-00-00_UTC.json, true",
    // An envelope file named like an Instaloader post is not dated by its name.
    "graph/2023-01-01_00-00-00_UTC.jsonl, true",
  })
  void aSeoulWindowFromAugust30(String path, boolean canHold) {
    assertEquals(canHold, LandingPrune.canHoldFrom(path, SEOUL_AUG_30));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // In UTC the window starts exactly when dt=2023-08-29 ends, but a pass that started before
    // midnight writes envelopes collected after it into that folder: still read.
    "graph/dt=2023-08-29/business_discovery_235950.jsonl, true",
    "graph/dt=2023-08-28/business_discovery_235950.jsonl, false",
    "instaloader/mom_kim/2023-08-29_23-59-59_UTC.json, false",
    "instaloader/mom_kim/2023-08-30_00-00-00_UTC.json, true",
  })
  void aUtcWindowFromAugust30(String path, boolean canHold) {
    assertEquals(canHold, LandingPrune.canHoldFrom(path, LandingPrune.windowStart("2023-08-30", "UTC")));
  }
}
