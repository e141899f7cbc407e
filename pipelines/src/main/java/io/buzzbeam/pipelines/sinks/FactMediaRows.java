package io.buzzbeam.pipelines.sinks;

import io.buzzbeam.transforms.tables.Tables;
import io.buzzbeam.model.Media;
import java.time.LocalDate;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@link Media} (the canonical Avro record) to rows of the SPEC §5 table {@code fact_media}. One
 * row per media; the key is (source, scope, media_id), the dedup key of SPEC §3.
 *
 * <p>{@code caption_length} counts Unicode code points, not UTF-16 units, so that an emoji or a
 * supplementary CJK character counts as one, as a reader would count it. The full caption is not
 * copied here: it lives in Mongo's {@code media} collection and the Avro stage.
 */
public final class FactMediaRows extends PTransform<PCollection<Media>, PCollection<Row>> {

  /** The catalogue's schema of {@link Tables#FACT_MEDIA}. */
  public static final Schema SCHEMA = Tables.FACT_MEDIA.schema();

  public static FactMediaRows create() {
    return new FactMediaRows();
  }

  @Override
  public PCollection<Row> expand(PCollection<Media> media) {
    return media
        .apply("To fact_media row", MapElements.into(TypeDescriptors.rows()).via(FactMediaRows::toRow))
        .setRowSchema(SCHEMA);
  }

  public static Row toRow(Media m) {
    String caption = m.getCaption() == null ? "" : m.getCaption();
    return Row.withSchema(SCHEMA)
        .withFieldValue("source", m.getSource())
        .withFieldValue("scope", m.getScope())
        .withFieldValue("media_id", m.getMediaId())
        .withFieldValue("account", m.getAccount())
        .withFieldValue("media_type", m.getMediaType())
        .withFieldValue("media_product_type", m.getMediaProductType())
        .withFieldValue("posted_at", m.getPostedAt())
        .withFieldValue("day", LocalDate.parse(m.getDay()))
        .withFieldValue("hour", m.getHour())
        .withFieldValue("weekday", m.getWeekday())
        .withFieldValue("like_count", m.getLikeCount())
        .withFieldValue("comments_count", m.getCommentsCount())
        .withFieldValue("followers", m.getFollowers())
        .withFieldValue("engagement_rate", m.getEngagementRate())
        .withFieldValue("caption_length", caption.codePointCount(0, caption.length()))
        .withFieldValue("permalink", m.getPermalink())
        .build();
  }
}
