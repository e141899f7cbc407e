package io.buzzbeam.transforms.window;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;

/**
 * Keeps the records whose local day is within {@code --from} / {@code --to} (SPEC §3): media by
 * posting day, profile snapshots by collection day. Bounds are inclusive; a null bound is no
 * bound. Records outside are left out of the marts, not rejected.
 */
public class FilterWindow<T> extends PTransform<PCollection<T>, PCollection<T>> {

  private final String from;
  private final String to;
  private final SerializableFunction<T, String> dayOf;

  private FilterWindow(String from, String to, SerializableFunction<T, String> dayOf) {
    this.from = checkDay("--from", from);
    this.to = checkDay("--to", to);
    if (this.from != null && this.to != null && this.from.compareTo(this.to) > 0) {
      throw new IllegalArgumentException("--from " + from + " is after --to " + to);
    }
    this.dayOf = dayOf;
  }

  /** Media by their local posting {@code day}. */
  public static FilterWindow<Media> media(String fromOrNull, String toOrNull) {
    return new FilterWindow<>(fromOrNull, toOrNull, Media::getDay);
  }

  /** Profile snapshots by their local collection {@code day}. */
  public static FilterWindow<ProfileSnapshot> profiles(String fromOrNull, String toOrNull) {
    return new FilterWindow<>(fromOrNull, toOrNull, ProfileSnapshot::getDay);
  }

  /** True when {@code day} (YYYY-MM-DD) is inside the window. */
  public boolean contains(String day) {
    // ISO local dates compare correctly as strings.
    return (from == null || day.compareTo(from) >= 0) && (to == null || day.compareTo(to) <= 0);
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    SerializableFunction<T, String> day = dayOf;
    String lower = from;
    String upper = to;
    return input.apply(
        "KeepDaysInWindow",
        Filter.by(
            (T record) -> {
              String d = day.apply(record);
              return (lower == null || d.compareTo(lower) >= 0)
                  && (upper == null || d.compareTo(upper) <= 0);
            }));
  }

  private static String checkDay(String option, String day) {
    if (day == null || day.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(day.trim()).toString();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " must be a day YYYY-MM-DD, not '" + day + "'", e);
    }
  }
}
