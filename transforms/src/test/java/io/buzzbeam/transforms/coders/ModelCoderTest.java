package io.buzzbeam.transforms.coders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.model.Keyword;
import io.buzzbeam.model.Media;
import io.buzzbeam.model.MediaMorphs;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.model.Token;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;

class ModelCoderTest {

  private static Media.Builder media() {
    return Media.newBuilder()
        .setSource("brand")
        .setScope("gucci")
        .setMediaId("17895695668004550")
        .setCaption("오늘의 #육아일기 🍼 — 맘스타그램")
        .setMediaType("IMAGE")
        .setMediaProductType("FEED")
        .setCommentsCount(0L)
        .setPostedAt(Instant.parse("2026-11-30T23:59:59.123Z"))
        .setDay("2026-12-01")
        .setHour(8)
        .setWeekday(2)
        .setSourceFile("graph/dt=2026-12-01/gucci.jsonl.gz")
        .setPosition("3:1")
        .setDefaulted(List.of());
  }

  @Test
  void roundTripsEveryFieldShapeWithValuesAndWithNulls() throws Exception {
    Media full =
        media()
            .setBrand("gucci")
            .setHashtag("육아일기")
            .setAccount("gucci")
            .setLikeCount(-1L)
            .setCommentsCount(Long.MAX_VALUE)
            .setMediaUrl("https://example.invalid/a.jpg")
            .setPermalink("https://www.instagram.com/p/x/")
            .setCollectedAt(Instant.ofEpochMilli(-1))
            .setFollowers(52_400_000L)
            .setEngagementRate(-0.0)
            .setDefaulted(List.of("like_count", "media_url"))
            .build();
    Media sparse = media().build();
    ModelCoder<Media> coder = ModelCoder.of(Media.class);
    CoderProperties.coderDecodeEncodeEqual(coder, full);
    CoderProperties.coderDecodeEncodeEqual(coder, sparse);
    CoderProperties.coderSerializable(coder);
    Media copy = CoderUtils.clone(coder, full);
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(copy.getEngagementRate()));
    assertEquals(full, SerializableUtils.ensureSerializableByCoder(coder, full, "media"));
  }

  @Test
  void roundTripsNestedRecordArrays() throws Exception {
    MediaMorphs morphs =
        MediaMorphs.newBuilder()
            .setSource("hashtag")
            .setScope("육아일기")
            .setMediaId("1")
            .setDay("2026-12-01")
            .setHour(0)
            .setWeekday(7)
            .setTokens(
                List.of(
                    Token.newBuilder().setText("육퇴").setPos("Noun").setStem(null).build(),
                    Token.newBuilder().setText("했다").setPos("Verb").setStem("하다").build()))
            .setKeywords(List.of(Keyword.newBuilder().setToken("육퇴").setPos("Noun").build()))
            .setHashtags(List.of())
            .build();
    CoderProperties.coderDecodeEncodeEqual(ModelCoder.of(MediaMorphs.class), morphs);
  }

  @Test
  void coversEveryModelAndIsLeanerThanAvroCoder() throws Exception {
    // Each model's schema is accepted when the coder is made (an unsupported field would throw).
    for (Class<? extends org.apache.avro.specific.SpecificRecordBase> model :
        List.of(Media.class, MediaMorphs.class, ProfileSnapshot.class, RejectedItem.class)) {
      assertEquals(ModelCoder.of(model), ModelCoder.of(model));
    }
    Media full = media().setBrand("gucci").setFollowers(1L).setEngagementRate(1.5).build();
    Coder<Media> avro = AvroCoder.specific(Media.class);
    int lean = CoderUtils.encodeToByteArray(ModelCoder.of(Media.class), full).length;
    int avroSize = CoderUtils.encodeToByteArray(avro, full).length;
    // Same information: one byte per nullable field either way; fixed 8-byte doubles both.
    assertTrue(lean <= avroSize, lean + " > " + avroSize);
  }

  @Test
  void refusesANullRequiredFieldAndTruncatedInput() throws Exception {
    Media m = media().build();
    m.setDay(null);
    assertThrows(CoderException.class, () -> CoderUtils.encodeToByteArray(ModelCoder.of(Media.class), m));
    byte[] bytes = CoderUtils.encodeToByteArray(ModelCoder.of(Media.class), media().build());
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
    assertThrows(CoderException.class, () -> CoderUtils.decodeFromByteArray(ModelCoder.of(Media.class), cut));
  }
}
