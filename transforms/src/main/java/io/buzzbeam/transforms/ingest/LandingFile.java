package io.buzzbeam.transforms.ingest;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.schemas.JavaFieldSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;

/** A landing file to read: its name in the run's output, and where its bytes are. */
@DefaultSchema(JavaFieldSchema.class)
public final class LandingFile implements Serializable {

  /** Relative to the landing directory, with {@code /}: the {@code source_file} of its records. */
  public final String path;
  /**
   * The file's real path (no symbolic link left in it), checked to be inside the landing
   * directory: the reader opens this, so that it never follows a link itself.
   */
  public final String realPath;

  @SchemaCreate
  public LandingFile(String path, String realPath) {
    this.path = path;
    this.realPath = realPath;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LandingFile)) {
      return false;
    }
    LandingFile that = (LandingFile) o;
    return Objects.equals(path, that.path) && Objects.equals(realPath, that.realPath);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, realPath);
  }

  @Override
  public String toString() {
    return path + " -> " + realPath;
  }
}
