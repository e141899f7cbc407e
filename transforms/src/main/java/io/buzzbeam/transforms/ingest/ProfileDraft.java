package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.ProfileSnapshot;
import java.time.Instant;
import java.time.ZoneId;

/** A profile snapshot being validated by {@link ProfileRules}: its values so far. */
final class ProfileDraft extends ItemDraft {
  String igId;
  String username;
  String name;
  Long followersCount;
  Long followsCount;
  Long mediaCount;

  /** The snapshot of a {@link #valid} draft, collected for {@code brand} at {@code collectedAt}. */
  ProfileSnapshot toSnapshot(
      String brand, Instant collectedAt, String sourceFile, String position, ZoneId zone) {
    return ProfileSnapshot.newBuilder()
        .setBrand(brand)
        .setIgId(igId)
        .setUsername(username)
        .setName(name)
        .setFollowersCount(followersCount)
        .setFollowsCount(followsCount)
        .setMediaCount(mediaCount)
        .setCollectedAt(collectedAt)
        .setDay(LocalTimes.of(collectedAt, zone).day())
        .setSourceFile(sourceFile)
        .setPosition(position)
        .setDefaulted(defaulted)
        .build();
  }
}
