package io.buzzbeam.pipelines.collect;

/** Querying one more hashtag would exceed Instagram's 30 unique hashtags per rolling 7 days. */
final class HashtagLimitException extends Exception {
  HashtagLimitException(String message) {
    super(message);
  }
}
