package io.buzzbeam.pipelines;

import java.util.regex.Pattern;

/** Keeps passwords out of what buzzbeam prints or stores: run rows, reports, logs. */
public final class Secrets {
  private static final Pattern JDBC_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
  private static final Pattern URI_CREDENTIALS = Pattern.compile("^(mongodb(?:\\+srv)?://)[^@/]*@");

  private Secrets() {}

  /** A JDBC URL with any {@code password=} parameter value replaced by {@code ***}. */
  public static String scrubJdbcUrl(String url) {
    return url == null ? null : JDBC_PASSWORD.matcher(url).replaceAll("$1***");
  }

  /** A Mongo connection string with its {@code user:password@} part replaced by {@code ***@}. */
  public static String scrubMongoUri(String uri) {
    return uri == null ? null : URI_CREDENTIALS.matcher(uri).replaceFirst("$1***@");
  }
}
