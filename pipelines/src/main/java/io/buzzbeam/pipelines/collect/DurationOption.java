package io.buzzbeam.pipelines.collect;

import io.buzzbeam.pipelines.command.UsageException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations on the command line: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 7d};
 * a bare number means seconds. Cron-style schedules and retry budgets read naturally this way.
 */
final class DurationOption {
  private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?");

  private DurationOption() {}

  static Duration parse(String option, String value) {
    Matcher m = FORM.matcher(value.trim());
    if (!m.matches()) {
      throw new UsageException(
          "--" + option + " must be a duration like 250ms, 30s, 5m or 1h, got '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    switch (unit) {
      case "ms":
        return Duration.ofMillis(n);
      case "s":
        return Duration.ofSeconds(n);
      case "m":
        return Duration.ofMinutes(n);
      case "h":
        return Duration.ofHours(n);
      default:
        return Duration.ofDays(n);
    }
  }

  /** A short human form for log lines: {@code 1.5s}, {@code 250ms}, {@code 5m}. */
  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 120_000) {
      return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    return String.format(java.util.Locale.ROOT, "%.1fm", ms / 60_000.0);
  }
}
