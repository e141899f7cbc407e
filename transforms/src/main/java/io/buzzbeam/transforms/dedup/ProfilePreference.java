package io.buzzbeam.transforms.dedup;

import io.buzzbeam.model.ProfileSnapshot;
import java.io.Serializable;
import java.util.Comparator;

/**
 * Which of two snapshots of one brand at one {@code collected_at} to keep; the greater wins.
 * They are copies of one observation (e.g. a landing file copied twice), so the choice only has
 * to be deterministic: the fuller one (fewer defaulted fields), then the later source file and
 * position, then the whole record.
 */
final class ProfilePreference implements Comparator<ProfileSnapshot>, Serializable {

  @Override
  public int compare(ProfileSnapshot a, ProfileSnapshot b) {
    int c = Integer.compare(b.getDefaulted().size(), a.getDefaulted().size());
    if (c == 0) {
      c = a.getSourceFile().compareTo(b.getSourceFile());
    }
    if (c == 0) {
      c = Positions.compare(a.getPosition(), b.getPosition());
    }
    if (c == 0) {
      c = a.compareTo(b);
    }
    return c;
  }
}
