package io.buzzbeam.transforms.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The envelope kinds of SPEC §1a, as written on the wire and as Graph API edges. */
class EnvelopeKindTest {

  @Test
  void kindsAreFoundByTheirExactWireName() {
    assertEquals(EnvelopeKind.BUSINESS_DISCOVERY, EnvelopeKind.ofWireName("business_discovery"));
    assertEquals(EnvelopeKind.HASHTAG_RECENT_MEDIA, EnvelopeKind.ofWireName("hashtag_recent_media"));
    assertEquals(EnvelopeKind.HASHTAG_TOP_MEDIA, EnvelopeKind.ofWireName("hashtag_top_media"));
    assertNull(EnvelopeKind.ofWireName("Business_Discovery"));
    assertNull(EnvelopeKind.ofWireName("BUSINESS_DISCOVERY"));
    assertNull(EnvelopeKind.ofWireName(null));
  }

  @Test
  void hashtagKindsNameTheirGraphApiEdge() {
    assertEquals("recent_media", EnvelopeKind.HASHTAG_RECENT_MEDIA.hashtagEdge());
    assertEquals("top_media", EnvelopeKind.HASHTAG_TOP_MEDIA.hashtagEdge());
    assertNull(EnvelopeKind.BUSINESS_DISCOVERY.hashtagEdge());
  }
}
