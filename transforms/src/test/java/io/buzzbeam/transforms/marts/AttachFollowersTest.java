package io.buzzbeam.transforms.marts;

import static io.buzzbeam.transforms.marts.Fixtures.brandMedia;
import static io.buzzbeam.transforms.marts.Fixtures.snapshot;

import io.buzzbeam.model.Media;
import io.buzzbeam.transforms.testing.TestPipelineExtension;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
public class AttachFollowersTest {

  final transient TestPipeline p = TestPipeline.create();

  @Test
  public void followersAndEngagementRateOfBrandMediaOnly() {
    List<Media> media = new ArrayList<>(BrandScenario.media());
    // celine reports 0 followers: the rate would divide by zero, so it is null.
    media.add(brandMedia("celine", "z1", "2023-09-01T12:00:00", 10L, 0, "2023-09-02T00:00:00Z"));
    List<io.buzzbeam.model.ProfileSnapshot> profiles = new ArrayList<>(BrandScenario.profiles());
    profiles.add(snapshot("celine", "2023-09-01T00:00:00Z", 0));

    PCollection<String> attached =
        Fixtures.create(p, "Media", media)
            .apply(AttachFollowers.withProfiles(Fixtures.createProfiles(p, profiles)))
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(m -> m.getSource() + ":" + m.getMediaId() + " " + m.getFollowers() + " " + m.getEngagementRate()));

    // See BrandScenario for the arithmetic.
    PAssert.that(attached)
        .containsInAnyOrder(
            "brand:c1 1000 25.0", // latest snapshot ≤ 09-02 00:00Z is 09-01's
            "brand:c2 1000 null", // hidden likes
            "brand:c3 2000 25.0", // the 09-02 15:30Z snapshot precedes its 16:00Z collection
            "brand:c4 2000 12.5", // collected at exactly the snapshot's instant: ≤ includes it
            "brand:d1 4000 25.0", // dior's only snapshot is later: earliest fallback
            "brand:d2 4000 12.5",
            "brand:g1 null null", // gucci has no snapshot at all
            "brand:z1 0 null", // 0 followers: no rate
            "hashtag:h1 null null", // not the brand's own media
            "hashtag:h2 null null",
            "hashtag:h3 null null",
            "hashtag:h4 null null",
            "hashtag:h5 null null",
            "crawl:x1 null null"); // crawl, even with a scope equal to a brand key
    p.run().waitUntilFinish();
  }

  @Test
  public void keepsEveryOtherField() {
    Media c3 = BrandScenario.media().get(2);
    PCollection<Media> attached =
        Fixtures.create(p, "Media", List.of(c3))
            .apply(AttachFollowers.withProfiles(Fixtures.createProfiles(p, BrandScenario.profiles())));
    PAssert.thatSingleton(attached)
        .isEqualTo(Media.newBuilder(c3).setFollowers(2000L).setEngagementRate(25.0).build());
    p.run().waitUntilFinish();
  }
}
