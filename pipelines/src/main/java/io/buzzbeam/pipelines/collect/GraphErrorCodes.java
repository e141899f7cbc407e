package io.buzzbeam.pipelines.collect;

import java.util.Set;

/** The Graph API error codes the collector treats specially. */
final class GraphErrorCodes {
  /** The access token is invalid or expired: nothing will work until it is renewed. */
  static final int TOKEN_EXPIRED = 190;

  /**
   * Rate limiting: 4 application, 17 user, 32 page, 613 custom, 80002 Instagram business use case.
   * These clear with time, so they are retried after a backoff.
   */
  static final Set<Integer> THROTTLING = Set.of(4, 17, 32, 613, 80002);

  /** Codes 1 and 2 are "unknown/temporary service" errors that usually succeed on retry. */
  static final Set<Integer> TRANSIENT = Set.of(1, 2);

  private GraphErrorCodes() {}
}
