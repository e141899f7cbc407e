package io.buzzbeam.transforms.dedup;

import io.buzzbeam.model.Media;
import java.io.Serializable;
import java.time.Instant;
import java.util.Comparator;

/**
 * Which of two snapshots of one media to keep (SPEC §3); the greater one wins.
 *
 * <ol>
 *   <li>the later {@code collected_at} (polled snapshots: the newest counts are the truth);
 *   <li>the higher {@code like_count}, then {@code comments_count} (crawl posts have no
 *       collection time; counts only grow, so the higher is the later one);
 *   <li>the later {@code source_file}, then {@code position}, then the whole record — so that
 *       every runner, whatever the order of arrival, keeps the same record.
 * </ol>
 */
final class MediaPreference implements Comparator<Media>, Serializable {

  private static final Comparator<Instant> INSTANTS =
      Comparator.nullsFirst(Comparator.<Instant>naturalOrder());
  private static final Comparator<Long> COUNTS =
      Comparator.nullsFirst(Comparator.<Long>naturalOrder());

  @Override
  public int compare(Media a, Media b) {
    int c = INSTANTS.compare(a.getCollectedAt(), b.getCollectedAt());
    if (c == 0) {
      c = COUNTS.compare(a.getLikeCount(), b.getLikeCount());
    }
    if (c == 0) {
      c = Long.compare(a.getCommentsCount(), b.getCommentsCount());
    }
    if (c == 0) {
      c = a.getSourceFile().compareTo(b.getSourceFile());
    }
    if (c == 0) {
      c = Positions.compare(a.getPosition(), b.getPosition());
    }
    if (c == 0) {
      c = a.compareTo(b); // Avro's total order over all fields
    }
    return c;
  }
}
