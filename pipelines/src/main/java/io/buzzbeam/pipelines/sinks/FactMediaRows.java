package io.buzzbeam.pipelines.sinks;

import io.buzzbeam.transforms.tables.NamedRow;
import io.buzzbeam.transforms.tables.Tables;
import io.buzzbeam.model.Media;
import java.time.LocalDate;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;

/**
 * {@link Media} (the canonical Avro record) to rows of the SPEC §5 table {@code fact_media}. One
 * row per media; the key is (source, scope, media_id), the dedup key of SPEC §3.
 *
 * <p>{@code caption_length} counts Unicode code points, not UTF-16 units, so that an emoji or a
 * supplementary CJK character counts as one, as a reader would count it. The full caption is not
 * copied here: it lives in Mongo's {@code media} collection and the Avro stage.
 */
public final class FactMediaRows extends TableRows<Media> {

  /** The catalogue's schema of {@link Tables#FACT_MEDIA}. */
  public static final Schema SCHEMA = Tables.FACT_MEDIA.schema();

  private FactMediaRows() {
    super("fact_media", SCHEMA, FactMediaRows::toRow);
  }

  public static FactMediaRows create() {
    return new FactMediaRows();
  }

  public static Row toRow(Media m) {
    String caption = m.getCaption() == null ? "" : m.getCaption();
    return NamedRow.of(SCHEMA)
        .set("source", m.getSource())
        .set("scope", m.getScope())
        .set("media_id", m.getMediaId())
        .set("account", m.getAccount())
        .set("media_type", m.getMediaType())
        .set("media_product_type", m.getMediaProductType())
        .set("posted_at", m.getPostedAt())
        .set("day", LocalDate.parse(m.getDay()))
        .set("hour", m.getHour())
        .set("weekday", m.getWeekday())
        .set("like_count", m.getLikeCount())
        .set("comments_count", m.getCommentsCount())
        .set("followers", m.getFollowers())
        .set("engagement_rate", m.getEngagementRate())
        .set("caption_length", caption.codePointCount(0, caption.length()))
        .set("permalink", m.getPermalink())
        .build();
  }
}
