package io.buzzbeam.transforms.ingest;

import java.util.Locale;

/** Which landing files are read, and how (SPEC §1). Anything else (e.g. {@code *.tmp}) is ignored. */
public final class LandingFiles {

  private LandingFiles() {}

  public enum Kind {
    JSONL(RawRecord.FORMAT_ENVELOPE),
    JSONL_GZ(RawRecord.FORMAT_ENVELOPE),
    JSON(RawRecord.FORMAT_INSTALOADER),
    JSON_XZ(RawRecord.FORMAT_INSTALOADER);

    public final String format;

    Kind(String format) {
      this.format = format;
    }
  }

  /** The kind of a landing file by its name, or null if the file is not landing input. */
  public static Kind kindOf(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (name.endsWith(".jsonl")) {
      return Kind.JSONL;
    }
    if (name.endsWith(".jsonl.gz")) {
      return Kind.JSONL_GZ;
    }
    if (name.endsWith(".json")) {
      return Kind.JSON;
    }
    if (name.endsWith(".json.xz")) {
      return Kind.JSON_XZ;
    }
    return null;
  }
}
