package io.buzzbeam.transforms.dedup;

import io.buzzbeam.model.Media;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * De-duplication before the shuffle, inside the step that parses the media: a bounded map of the
 * preferred snapshot per {@link DeduplicateMedia#keyOf} key seen so far, drained at the end of a
 * bundle or when it is full. {@link DeduplicateMedia} still runs after it; since the preference is
 * a total order, keeping the greatest early changes no result, only how much travels.
 *
 * <p>Why here and not only in {@code Combine.perKey}: on Flink, a step with several outputs is never
 * chained to its consumers, so every parsed media was encoded onto a channel, decoded, encoded
 * again into the combiner's sort buffer and sorted; polling repeats each media about ten times
 * (276,153 polled items are 26,646 media), so nine in ten of those copies bought nothing (issue
 * #12). On Flink's batch runner a bundle is a whole partition; elsewhere bundles are smaller and
 * the map simply drains more often.
 */
public final class PreferredMediaBuffer implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Keys held before the map is drained: bounds a worker's memory whatever the bundle size. */
  public static final int DEFAULT_CAPACITY = 50_000;

  private static final MediaPreference PREFERENCE = new MediaPreference();

  private final int capacity;
  private transient Map<String, Media> kept;

  public PreferredMediaBuffer(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** Keeps {@code media} if it is preferred to what its key holds; true when the buffer is full. */
  public boolean offer(Media media) {
    if (kept == null) {
      kept = new HashMap<>();
    }
    kept.merge(DeduplicateMedia.keyOf(media), media, (a, b) -> PREFERENCE.compare(a, b) >= 0 ? a : b);
    return kept.size() >= capacity;
  }

  /** The kept media, emptying the buffer. */
  public List<Media> drain() {
    if (kept == null || kept.isEmpty()) {
      return List.of();
    }
    List<Media> out = new ArrayList<>(kept.values());
    kept.clear();
    return out;
  }
}
