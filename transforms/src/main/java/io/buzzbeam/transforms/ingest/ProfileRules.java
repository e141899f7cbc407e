package io.buzzbeam.transforms.ingest;

import static io.buzzbeam.transforms.ingest.JsonValues.absent;
import static io.buzzbeam.transforms.ingest.JsonValues.holdsControlCharacter;
import static io.buzzbeam.transforms.ingest.JsonValues.identifier;
import static io.buzzbeam.transforms.ingest.JsonValues.nonBlank;
import static io.buzzbeam.transforms.ingest.JsonValues.nonNegativeInteger;
import static io.buzzbeam.transforms.ingest.JsonValues.string;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The profile snapshot rules of SPEC §2, applied to a {@code business_discovery} object:
 * {@code username} required, {@code followers_count} an integer ≥ 0 required, {@code
 * follows_count}, {@code media_count} and {@code name} defaulted to null; an {@code id} or {@code
 * username} holding a control character is invalid (SPEC §2 Limits).
 */
final class ProfileRules {

  private ProfileRules() {}

  static ProfileDraft check(JsonNode discovery) {
    ProfileDraft draft = new ProfileDraft();
    JsonNode igId = discovery.get("id");
    if (holdsControlCharacter(string(igId))) {
      draft.reasons.add(ReasonCodes.INVALID_ID);
    }
    draft.igId = identifier(igId);
    draft.username = username(discovery);
    if (draft.username == null) {
      draft.reasons.add(ReasonCodes.MISSING_USERNAME);
    } else if (holdsControlCharacter(draft.username)) {
      draft.reasons.add(ReasonCodes.INVALID_USERNAME);
    }
    JsonNode followers = discovery.get("followers_count");
    draft.followersCount = nonNegativeInteger(followers);
    if (absent(followers)) {
      draft.reasons.add(ReasonCodes.MISSING_FOLLOWERS_COUNT);
    } else if (draft.followersCount == null) {
      draft.reasons.add(ReasonCodes.INVALID_FOLLOWERS_COUNT);
    }
    draft.followsCount = optionalCount(discovery, "follows_count", draft);
    draft.mediaCount = optionalCount(discovery, "media_count", draft);
    // A name that is not a scalar (an object, an array) is defaulted like an absent one: it used
    // to throw, losing the whole envelope and its media to failed:parse (found by fuzzing).
    draft.name = draft.optionalText(discovery.get("name"), "name");
    return draft;
  }

  /**
   * The account to credit the profile's media with when they name none: its username, unless that
   * is blank or holds a control character (the profile is rejected for it; its media stay, but
   * without that account).
   */
  static String mediaAccount(JsonNode discovery) {
    String username = username(discovery);
    return holdsControlCharacter(username) ? null : username;
  }

  private static String username(JsonNode discovery) {
    return nonBlank(string(discovery.get("username")));
  }

  /**
   * follows_count / media_count: SPEC §2 names no reason code for them, only "defaulted to null",
   * so a value that is absent or not an integer ≥ 0 becomes null and is counted as defaulted; it
   * never rejects the snapshot (followers_count is what the marts need).
   */
  private static Long optionalCount(JsonNode discovery, String field, ProfileDraft draft) {
    Long value = nonNegativeInteger(discovery.get(field));
    if (value == null) {
      draft.defaulted.add(field);
    }
    return value;
  }
}
