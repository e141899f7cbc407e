package io.buzzbeam.transforms.quality;

import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;

/** The schema coder of {@link QualityCount}, for transforms that must set coders explicitly. */
public final class QualityCountCoder {

  private QualityCountCoder() {}

  public static Coder<QualityCount> of(Pipeline pipeline) {
    try {
      return pipeline.getSchemaRegistry().getSchemaCoder(QualityCount.class);
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException("QualityCount has no Beam schema", e);
    }
  }
}
