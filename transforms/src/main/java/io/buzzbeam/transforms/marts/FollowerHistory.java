package io.buzzbeam.transforms.marts;

import io.buzzbeam.model.ProfileSnapshot;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One brand's profile snapshots in collection order: the single home of SPEC §4's "followers"
 * rules.
 *
 * <ul>
 *   <li>{@link #asOf(Instant)} — followers of a media: the latest snapshot collected at or before
 *       the media's kept {@code collected_at}; if none, the earliest snapshot.
 *   <li>{@link #onDay(String)} — followers of (brand, day): the latest snapshot collected on or
 *       before the local day (by collection day); if none, the earliest snapshot.
 *   <li>{@link #latest()} — followers of the window summary: the latest snapshot.
 * </ul>
 *
 * A brand without snapshots has no history; callers turn that into a null follower count.
 */
public final class FollowerHistory implements Serializable {

  private static final long serialVersionUID = 1L;

  /** One snapshot: collection instant (epoch ms), local collection day, followers_count. */
  static final class Point implements Serializable {
    private static final long serialVersionUID = 1L;
    final long collectedAtMillis;
    final String day;
    final long followers;

    Point(long collectedAtMillis, String day, long followers) {
      this.collectedAtMillis = collectedAtMillis;
      this.day = day;
      this.followers = followers;
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Point)) {
        return false;
      }
      Point other = (Point) o;
      return collectedAtMillis == other.collectedAtMillis
          && followers == other.followers
          && day.equals(other.day);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(collectedAtMillis, day, followers);
    }
  }

  // Two snapshots collected at the same instant should not exist after de-duplication; if they
  // do, the larger follower count sorts last so that "latest" is still deterministic.
  private static final Comparator<Point> COLLECTION_ORDER =
      Comparator.<Point>comparingLong(p -> p.collectedAtMillis).thenComparingLong(p -> p.followers);

  private final List<Point> points;

  private FollowerHistory(List<Point> points) {
    List<Point> sorted = new ArrayList<>(points);
    sorted.sort(COLLECTION_ORDER);
    this.points = sorted;
  }

  static FollowerHistory of(List<Point> points) {
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a follower history needs at least one snapshot");
    }
    return new FollowerHistory(points);
  }

  /** A history of the given snapshots (all of one brand). */
  public static FollowerHistory ofSnapshots(Iterable<ProfileSnapshot> snapshots) {
    List<Point> points = new ArrayList<>();
    for (ProfileSnapshot s : snapshots) {
      points.add(point(s));
    }
    return of(points);
  }

  static Point point(ProfileSnapshot s) {
    return new Point(s.getCollectedAt().toEpochMilli(), s.getDay(), s.getFollowersCount());
  }

  /** Followers of a media collected at {@code collectedAt} (null: no snapshot can precede it). */
  public long asOf(Instant collectedAt) {
    Point chosen = null;
    if (collectedAt != null) {
      long t = collectedAt.toEpochMilli();
      for (Point p : points) {
        if (p.collectedAtMillis <= t) {
          chosen = p;
        }
      }
    }
    return (chosen != null ? chosen : earliest()).followers;
  }

  /** Followers of the brand on local day {@code day} (YYYY-MM-DD), by collection day. */
  public long onDay(String day) {
    Point chosen = null;
    for (Point p : points) {
      if (p.day.compareTo(day) <= 0) {
        chosen = p;
      }
    }
    return (chosen != null ? chosen : earliest()).followers;
  }

  /** Followers of the brand's latest snapshot. */
  public long latest() {
    return points.get(points.size() - 1).followers;
  }

  private Point earliest() {
    return points.get(0);
  }

  List<Point> points() {
    return points;
  }

  // Value equality lets Beam's coders compare histories structurally (side inputs, mutation checks).
  @Override
  public boolean equals(Object o) {
    return o instanceof FollowerHistory && ((FollowerHistory) o).points.equals(points);
  }

  @Override
  public int hashCode() {
    return points.hashCode();
  }
}
