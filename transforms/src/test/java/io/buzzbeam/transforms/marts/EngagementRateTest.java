package io.buzzbeam.transforms.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class EngagementRateTest {

  @Test
  void percentOfFollowers() {
    // (120 + 30) / 600 * 100 = 25.0
    assertEquals(25.0, AttachFollowers.engagementRate(120L, 30, 600L));
    // (0 + 0) / 600 * 100 = 0.0: no interactions is a rate, not a null.
    assertEquals(0.0, AttachFollowers.engagementRate(0L, 0, 600L));
  }

  @Test
  void countsThatOverflowALongTogetherStillGiveTheirRate() {
    // (2^63 - 1) * 2 / (2^63 - 1) * 100 = 200: summed as longs, the counts would wrap negative.
    assertEquals(200.0, AttachFollowers.engagementRate(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
  }

  @Test
  void nullWhenLikesHiddenOrFollowersUnknownOrZero() {
    assertNull(AttachFollowers.engagementRate(null, 30, 600L));
    assertNull(AttachFollowers.engagementRate(120L, 30, null));
    assertNull(AttachFollowers.engagementRate(120L, 30, 0L));
  }
}
