package io.buzzbeam.transforms.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §2's profile snapshot rules on {@code business_discovery} objects. */
class ProfileRulesTest {

  private static ProfileDraft check(String discovery) {
    return ProfileRules.check(JsonValues.parse(discovery));
  }

  @Test
  void aCompleteProfileIsValidWithNothingDefaulted() {
    ProfileDraft draft =
        check(
            "{\"id\":\"17841400455970028\",\"username\":\"chanelofficial\",\"name\":\"CHANEL\","
                + "\"followers_count\":61000000,\"follows_count\":4,\"media_count\":6000}");
    assertTrue(draft.valid());
    assertEquals("17841400455970028", draft.igId);
    assertEquals("chanelofficial", draft.username);
    assertEquals("CHANEL", draft.name);
    assertEquals(61_000_000L, draft.followersCount);
    assertEquals(4L, draft.followsCount);
    assertEquals(6000L, draft.mediaCount);
    assertEquals(List.of(), draft.defaulted);
  }

  @Test
  void usernameAndFollowersCountAreRequired() {
    ProfileDraft draft = check("{\"id\":\"1\",\"username\":\"  \"}");
    assertEquals(
        List.of(ReasonCodes.MISSING_USERNAME, ReasonCodes.MISSING_FOLLOWERS_COUNT), draft.reasons);
  }

  @Test
  void followersCountMustBeANonNegativeLong() {
    for (String bad : new String[] {"-1", "\"5\"", "5.5", "9223372036854775808"}) {
      ProfileDraft draft = check("{\"username\":\"u\",\"followers_count\":" + bad + "}");
      assertEquals(List.of(ReasonCodes.INVALID_FOLLOWERS_COUNT), draft.reasons, bad);
    }
    ProfileDraft max = check("{\"username\":\"u\",\"followers_count\":9223372036854775807}");
    assertEquals(Long.MAX_VALUE, max.followersCount);
  }

  @Test
  void followsCountMediaCountAndNameAreDefaultedToNullNeverRejected() {
    ProfileDraft draft =
        check("{\"username\":\"u\",\"followers_count\":1,\"follows_count\":-4,\"media_count\":\"9\"}");
    assertTrue(draft.valid());
    assertNull(draft.followsCount);
    assertNull(draft.mediaCount);
    assertNull(draft.name);
    assertEquals(List.of("follows_count", "media_count", "name"), draft.defaulted);
  }

  @Test
  void aNulInTheNameIsRemovedAndCountedAsDefaulted() {
    ProfileDraft draft =
        check(
            "{\"username\":\"u\",\"followers_count\":1,\"follows_count\":0,\"media_count\":0,"
                + "\"name\":\"CHA\\u0000NEL\"}");
    assertTrue(draft.valid());
    assertEquals("CHANEL", draft.name);
    assertEquals(List.of("name"), draft.defaulted);
  }

  /** Found by fuzzing (corpus: crash-profile-name-not-a-scalar): it threw a NullPointerException. */
  @Test
  void aNameThatIsNotAScalarIsDefaultedToNull() {
    for (String name : new String[] {"{\"text\":\"CHANEL\"}", "[\"CHANEL\"]"}) {
      ProfileDraft draft =
          check("{\"username\":\"u\",\"followers_count\":1,\"follows_count\":0,\"media_count\":0,"
              + "\"name\":" + name + "}");
      assertTrue(draft.valid(), name);
      assertNull(draft.name, name);
      assertEquals(List.of("name"), draft.defaulted, name);
    }
  }

  @Test
  void controlCharactersInIdOrUsernameAreInvalidInSpecOrder() {
    ProfileDraft draft =
        check("{\"id\":\"1\\u0001\",\"username\":\"cha\\tnel\",\"followers_count\":-1}");
    assertEquals(
        List.of(
            ReasonCodes.INVALID_ID, ReasonCodes.INVALID_USERNAME, ReasonCodes.INVALID_FOLLOWERS_COUNT),
        draft.reasons);
  }

  @Test
  void aNumericIdIsKeptAsWritten() {
    assertEquals("17841400", check("{\"id\":17841400}").igId);
  }

  @Test
  void mediaAreCreditedToTheUsernameUnlessItIsBlankOrHoldsAControlCharacter() {
    assertEquals("chanel", ProfileRules.mediaAccount(JsonValues.parse("{\"username\":\"chanel\"}")));
    assertNull(ProfileRules.mediaAccount(JsonValues.parse("{\"username\":\"cha\\u0000nel\"}")));
    assertNull(ProfileRules.mediaAccount(JsonValues.parse("{\"username\":\" \"}")));
    assertNull(ProfileRules.mediaAccount(JsonValues.parse("{}")));
  }
}
