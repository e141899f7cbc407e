package io.buzzbeam.pipelines.collect;

import java.io.PrintStream;

/**
 * The collector's diagnostic lines (stderr): warnings about retries, pauses and failed requests.
 * Every line passes through {@link AccessToken#redact} so that no code path can print the token,
 * even one that one day formats a URL or an exception carrying it.
 */
final class CollectLog {
  private final PrintStream err;
  private final AccessToken token;

  CollectLog(PrintStream err, AccessToken token) {
    this.err = err;
    this.token = token;
  }

  void warn(String message) {
    err.println("collect: " + token.redact(message));
    err.flush();
  }

  String redact(String text) {
    return token.redact(text);
  }
}
