package io.buzzbeam.pipelines.sinks;

import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.transforms.tables.NamedRow;
import io.buzzbeam.transforms.tables.Tables;
import java.time.LocalDate;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * {@link ProfileSnapshot}s of the run's window to rows of {@code profile_snapshot}: the published
 * follower history that later runs read back (see {@code ReadPublished}).
 */
public final class ProfileSnapshotRows extends TableRows<ProfileSnapshot> {

  /** The catalogue's schema of {@link Tables#PROFILE_SNAPSHOT}. */
  public static final Schema SCHEMA = Tables.PROFILE_SNAPSHOT.schema();

  private ProfileSnapshotRows() {
    super("profile_snapshot", SCHEMA, ProfileSnapshotRows::toRow);
  }

  public static ProfileSnapshotRows create() {
    return new ProfileSnapshotRows();
  }

  public static Row toRow(ProfileSnapshot s) {
    return NamedRow.of(SCHEMA)
        .set("brand", s.getBrand())
        .set("collected_at", s.getCollectedAt())
        .set("day", LocalDate.parse(s.getDay()))
        .set("username", s.getUsername())
        .set("followers_count", s.getFollowersCount())
        .build();
  }
}
