package io.buzzbeam.pipelines.collect;

import java.util.List;

/**
 * One brand to collect: its key (the {@code brand} of every envelope), the Instagram business
 * username for business discovery, and the hashtags to follow (normalized: lowercase, NFC,
 * without {@code #}).
 */
public record BrandTarget(String key, String username, List<String> hashtags) {
  public BrandTarget {
    hashtags = List.copyOf(hashtags);
  }
}
