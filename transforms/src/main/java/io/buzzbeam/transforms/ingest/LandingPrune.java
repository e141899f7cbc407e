package io.buzzbeam.transforms.ingest;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which landing files cannot hold an item of the window, judged by their path alone, so that a
 * run with {@code --from} does not open them (SPEC §3 "Window").
 *
 * <p>Only a lower bound prunes: a media posted in the window may be polled again after
 * {@code --to}, and the latest poll wins, so nothing is pruned for {@code --to}. Every path this
 * class does not recognise is read.
 */
public final class LandingPrune {

  /**
   * How long after its UTC day a collector folder may still receive envelopes. The collector names
   * the folder after the UTC day its pass <em>started</em> (pipelines {@code collect.EnvelopeBatch})
   * while each envelope's {@code collected_at} is when its response arrived, so a pass that starts
   * before midnight UTC writes envelopes of the next day into the previous day's folder. Passes last
   * minutes; 12 h is a generous bound that still prunes the day before a Seoul window's first UTC
   * day (that one ends 15 h before the window starts).
   */
  static final Duration COLLECTION_PASS_GRACE = Duration.ofHours(12);

  /** {@code graph/dt=YYYY-MM-DD/<file>}: the collector's folder of one UTC day (SPEC §1a). */
  private static final Pattern COLLECTOR_FOLDER =
      Pattern.compile("graph/dt=(\\d{4}-\\d{2}-\\d{2})/[^/]+");

  /**
   * Instaloader's default file name: the post's UTC date and time, an optional {@code _N} for a
   * second file of the same second, and {@code .json} or {@code .json.xz} (SPEC §1b).
   */
  private static final Pattern INSTALOADER_NAME =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})_(\\d{2})-(\\d{2})-(\\d{2})_UTC(?:_\\d+)?\\.(?i:json|json\\.xz)");

  private LandingPrune() {}

  /** The first instant of local day {@code fromDay} (YYYY-MM-DD) in {@code zoneId}; null if no day. */
  public static Instant windowStart(String fromDay, String zoneId) {
    if (fromDay == null) {
      return null;
    }
    // atStartOfDay, not LocalTime.MIDNIGHT: a day that begins in a DST gap starts at 01:00.
    return LocalDate.parse(fromDay).atStartOfDay(ZoneId.of(zoneId)).toInstant();
  }

  /**
   * False when the landing file at {@code relativePath} (relative to the landing directory, with
   * {@code /}) can hold no item posted or collected at or after {@code windowStart}:
   *
   * <ul>
   *   <li>an envelope file directly in a collector folder {@code graph/dt=D/} whose UTC day D, plus
   *       {@link #COLLECTION_PASS_GRACE}, ends at or before {@code windowStart};
   *   <li>an Instaloader file whose default name dates the post (UTC) before {@code windowStart}.
   * </ul>
   *
   * True for every other path (other names, unpartitioned files, impossible dates).
   */
  public static boolean canHoldFrom(String relativePath, Instant windowStart) {
    LandingFiles.Kind kind = LandingFiles.kindOf(relativePath);
    if (kind == null) {
      return true;
    }
    try {
      if (kind.format.equals(RawRecord.FORMAT_ENVELOPE)) {
        Matcher folder = COLLECTOR_FOLDER.matcher(relativePath);
        if (folder.matches()) {
          Instant lastCollection =
              LocalDate.parse(folder.group(1))
                  .plusDays(1)
                  .atStartOfDay(ZoneOffset.UTC)
                  .toInstant()
                  .plus(COLLECTION_PASS_GRACE);
          return lastCollection.isAfter(windowStart);
        }
        return true;
      }
      Matcher name = INSTALOADER_NAME.matcher(relativePath.substring(relativePath.lastIndexOf('/') + 1));
      if (name.matches()) {
        Instant posted =
            LocalDateTime.of(
                    Integer.parseInt(name.group(1)),
                    Integer.parseInt(name.group(2)),
                    Integer.parseInt(name.group(3)),
                    Integer.parseInt(name.group(4)),
                    Integer.parseInt(name.group(5)),
                    Integer.parseInt(name.group(6)))
                .toInstant(ZoneOffset.UTC);
        return !posted.isBefore(windowStart);
      }
      return true;
    } catch (DateTimeException e) {
      // dt=2023-02-30, 25-00-00: not a date the collector or Instaloader writes; read the file.
      return true;
    }
  }
}
