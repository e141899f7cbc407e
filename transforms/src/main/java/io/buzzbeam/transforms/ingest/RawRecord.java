package io.buzzbeam.transforms.ingest;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.schemas.JavaFieldSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;

/**
 * One unit of landing input before parsing: a line of a Graph API envelope file, or the whole
 * text of an Instaloader post file (line 1).
 */
@DefaultSchema(JavaFieldSchema.class)
public final class RawRecord implements Serializable {

  /** Graph API envelope line ({@code *.jsonl}, {@code *.jsonl.gz}). */
  public static final String FORMAT_ENVELOPE = "envelope";
  /** Instaloader post file ({@code *.json}, {@code *.json.xz}). */
  public static final String FORMAT_INSTALOADER = "instaloader";

  /** Landing file, relative to the landing directory, with {@code /}. */
  public final String sourceFile;
  /** 1-based line number (1 for a whole Instaloader file). */
  public final long line;
  public final String format;
  public final String text;

  @SchemaCreate
  public RawRecord(String sourceFile, long line, String format, String text) {
    this.sourceFile = sourceFile;
    this.line = line;
    this.format = format;
    this.text = text;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RawRecord)) {
      return false;
    }
    RawRecord that = (RawRecord) o;
    return line == that.line
        && Objects.equals(sourceFile, that.sourceFile)
        && Objects.equals(format, that.format)
        && Objects.equals(text, that.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sourceFile, line, format, text);
  }

  @Override
  public String toString() {
    return sourceFile + ":" + line + " [" + format + "] " + text;
  }
}
