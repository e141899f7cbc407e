package io.buzzbeam.transforms.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * The coder of {@link RawRecord}s between reading and parsing: four fields written directly.
 *
 * <p>Why not the schema coder Beam infers from {@code @DefaultSchema}: every record (a whole
 * envelope line) went through a {@code Row} conversion on each side of the edge, and on Flink that
 * edge is a real channel (a multi-output step is never chained to its consumers), so a profile of
 * a 276,153-item run showed the conversion among its heaviest frames (issue #12).
 */
public final class RawRecordCoder extends CustomCoder<RawRecord> {

  private static final long serialVersionUID = 1L;
  private static final RawRecordCoder INSTANCE = new RawRecordCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final VarLongCoder LONG = VarLongCoder.of();

  public static RawRecordCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(RawRecord r, OutputStream out) throws IOException {
    STRING.encode(r.sourceFile, out);
    LONG.encode(r.line, out);
    STRING.encode(r.format, out);
    STRING.encode(r.text, out);
  }

  @Override
  public RawRecord decode(InputStream in) throws IOException {
    return new RawRecord(STRING.decode(in), LONG.decode(in), STRING.decode(in), STRING.decode(in));
  }

  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean equals(Object other) {
    return other instanceof RawRecordCoder;
  }

  @Override
  public int hashCode() {
    return RawRecordCoder.class.hashCode();
  }
}
