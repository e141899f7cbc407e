package io.buzzbeam.transforms.window;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
public class FilterWindowTest {

  final transient TestPipeline p = TestPipeline.create();

  private static final List<String> DAYS =
      List.of("2023-08-31", "2023-09-01", "2023-09-02", "2023-09-03", "2023-09-04");

  private PCollection<String> mediaDays(String from, String to) {
    List<Media> media = new ArrayList<>();
    for (String day : DAYS) {
      media.add(
          Media.newBuilder()
              .setSource("brand").setScope("chanel").setMediaId(day).setCaption("")
              .setMediaType("IMAGE").setMediaProductType("FEED").setCommentsCount(0)
              .setPostedAt(Instant.parse(day + "T00:00:00Z")).setDay(day).setHour(9).setWeekday(1)
              .setSourceFile("f").setPosition("1:0").setDefaulted(List.of())
              .build());
    }
    return p.apply("Media", Create.of(media).withCoder(AvroCoder.specific(Media.class)))
        .apply("Window", FilterWindow.media(from, to))
        .apply("Days", MapElements.into(TypeDescriptors.strings()).via(Media::getDay));
  }

  @Test
  public void boundsAreInclusive() {
    PAssert.that(mediaDays("2023-09-01", "2023-09-03"))
        .containsInAnyOrder("2023-09-01", "2023-09-02", "2023-09-03");
    p.run().waitUntilFinish();
  }

  @Test
  public void aSingleDayWindow() {
    PAssert.that(mediaDays("2023-09-02", "2023-09-02")).containsInAnyOrder("2023-09-02");
    p.run().waitUntilFinish();
  }

  @Test
  public void onlyFrom() {
    PAssert.that(mediaDays("2023-09-03", null)).containsInAnyOrder("2023-09-03", "2023-09-04");
    p.run().waitUntilFinish();
  }

  @Test
  public void onlyTo() {
    PAssert.that(mediaDays(null, "2023-08-31")).containsInAnyOrder("2023-08-31");
    p.run().waitUntilFinish();
  }

  @Test
  public void noBounds() {
    PAssert.that(mediaDays(null, null)).containsInAnyOrder(DAYS);
    p.run().waitUntilFinish();
  }

  @Test
  public void profilesByCollectionDay() {
    List<ProfileSnapshot> profiles = new ArrayList<>();
    for (String day : DAYS) {
      profiles.add(
          ProfileSnapshot.newBuilder()
              .setBrand("chanel").setUsername("chanel").setFollowersCount(1)
              .setCollectedAt(Instant.parse(day + "T00:00:00Z")).setDay(day)
              .setSourceFile("f").setPosition("1").setDefaulted(List.of())
              .build());
    }
    PAssert.that(
            p.apply("Profiles", Create.of(profiles).withCoder(AvroCoder.specific(ProfileSnapshot.class)))
                .apply("Window", FilterWindow.profiles("2023-09-02", "2023-09-03"))
                .apply("Days", MapElements.into(TypeDescriptors.strings()).via(ProfileSnapshot::getDay)))
        .containsInAnyOrder("2023-09-02", "2023-09-03");
    p.run().waitUntilFinish();
  }

  @Test
  public void badBoundsAreRefusedUpFront() {
    assertThrows(IllegalArgumentException.class, () -> FilterWindow.media("2023/09/01", null));
    assertThrows(IllegalArgumentException.class, () -> FilterWindow.media(null, "2023-09-31"));
    assertThrows(
        IllegalArgumentException.class, () -> FilterWindow.profiles("2023-09-03", "2023-09-02"));
    // the pipeline itself stays empty: nothing to run
    p.enableAbandonedNodeEnforcement(false);
  }
}
