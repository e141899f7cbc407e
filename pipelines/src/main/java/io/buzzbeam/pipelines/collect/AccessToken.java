package io.buzzbeam.pipelines.collect;

import io.buzzbeam.pipelines.command.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Instagram Graph API access token. It is a secret: {@link #toString()} never shows it and
 * {@link #redact(String)} is applied to every text the collector writes or prints, as a last line
 * of defence behind "never build a log line from a URL".
 */
public final class AccessToken {
  /** Environment variable that carries the token (preferred over a file on shared hosts). */
  public static final String ENV = "BUZZBEAM_IG_TOKEN";

  static final String REDACTED = "REDACTED";

  /** {@code access_token=VALUE} inside any URL (e.g. a {@code paging.next} link). */
  private static final Pattern ACCESS_TOKEN_PARAM =
      Pattern.compile("(access_token(?:=|%3D|%3d))[^&\"\\\\\\s]+");

  private final String value;

  private AccessToken(String value) {
    this.value = value;
  }

  /** The token from {@code --tokenFile} if given, else from {@value #ENV}. */
  static AccessToken load(String tokenFile, Map<String, String> env) {
    String raw;
    if (tokenFile != null) {
      try {
        raw = Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        throw new UsageException("--tokenFile cannot be read: " + tokenFile);
      }
    } else {
      raw = env.get(ENV);
    }
    if (raw == null || raw.isBlank()) {
      throw new UsageException(
          "an access token is required: set " + ENV + " or --tokenFile=FILE");
    }
    String token = raw.strip();
    if (token.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\\')) {
      throw new UsageException("--tokenFile / " + ENV + " must hold a single token on one line");
    }
    return new AccessToken(token);
  }

  /** For the fake Graph API in tests and for embedding callers. */
  public static AccessToken of(String token) {
    return new AccessToken(token);
  }

  String value() {
    return value;
  }

  /**
   * Replaces every {@code access_token=...} value and every literal occurrence of this token in
   * {@code text} with {@value #REDACTED}.
   */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = ACCESS_TOKEN_PARAM.matcher(text).replaceAll("$1" + REDACTED);
    // Tokens are long; a very short "token" (a misconfiguration) would shred ordinary text.
    if (value.length() >= 8) {
      out = out.replace(value, REDACTED);
    }
    return out;
  }

  @Override
  public String toString() {
    return "AccessToken[" + REDACTED + "]";
  }
}
