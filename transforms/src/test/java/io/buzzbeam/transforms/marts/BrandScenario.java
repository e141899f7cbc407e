package io.buzzbeam.transforms.marts;

import static io.buzzbeam.transforms.marts.Fixtures.brandMedia;
import static io.buzzbeam.transforms.marts.Fixtures.hashtagMedia;
import static io.buzzbeam.transforms.marts.Fixtures.snapshot;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import java.util.List;
import org.apache.beam.sdk.Pipeline;

/**
 * The shared brand scenario of the mart tests (window 2023-09-01 Fri … 09-03 Sun, Asia/Seoul).
 *
 * <pre>
 * Snapshots   chanel 09-01 10:00 KST (01:00Z)          1000
 *             chanel 09-03 00:30 KST (09-02 15:30Z)    2000   UTC day 09-02, local day 09-03
 *             dior   09-03 10:00 KST (01:00Z)          4000   after all of dior's media
 *             gucci, hermes: none
 *
 * Brand media  posted (KST)          likes+comments  collected (UTC)  followers      rate %
 *   c1 chanel  09-01 12:00 IMAGE/FEED      240+10    09-02 00:00      1000           250/1000*100 = 25.0
 *   c2 chanel  09-01 13:00 IMAGE/FEED   hidden+5     09-02 00:00      1000           null (hidden likes)
 *   c3 chanel  09-02 23:59:59 VIDEO/REELS  450+50    09-02 16:00      2000           500/2000*100 = 25.0
 *   c4 chanel  09-03 00:00:00 CAROUSEL/FEED 250+0    09-02 15:30 (=)  2000           250/2000*100 = 12.5
 *   d1 dior    09-01 10:00 IMAGE/FEED      900+100   09-01 02:00      4000 earliest  1000/4000*100 = 25.0
 *   d2 dior    09-02 09:00 IMAGE/FEED      500+0     09-02 02:00      4000 earliest  500/4000*100 = 12.5
 *   g1 gucci   09-02 15:00 UNKNOWN/UNKNOWN  10+0     09-02 07:00      null           null
 *
 * Hashtag media  h1, h2 chanel 09-01;  h3 dior 09-01;  h4, h5 hermes 09-02.
 * Crawl media    x1 scope "chanel" (an account that happens to be called chanel) 09-04: no part
 *                in B, D or the brand marts.
 * </pre>
 *
 * B = {chanel, dior, gucci, hermes}; D = {09-01, 09-02, 09-03}.
 */
final class BrandScenario {

  private BrandScenario() {}

  /** The brand marts' inputs of this scenario, followers attached. */
  static BrandInputs inputs(Pipeline p) {
    return Fixtures.brandInputs(p, media(), profiles());
  }

  static List<ProfileSnapshot> profiles() {
    return List.of(
        snapshot("chanel", "2023-09-01T01:00:00Z", 1000),
        snapshot("chanel", "2023-09-02T15:30:00Z", 2000),
        snapshot("dior", "2023-09-03T01:00:00Z", 4000));
  }

  static List<Media> media() {
    return List.of(
        brandMedia("chanel", "c1", "2023-09-01T12:00:00", 240L, 10, "2023-09-02T00:00:00Z"),
        brandMedia("chanel", "c2", "2023-09-01T13:00:00", null, 5, "2023-09-02T00:00:00Z"),
        withTypes(brandMedia("chanel", "c3", "2023-09-02T23:59:59", 450L, 50, "2023-09-02T16:00:00Z"), "VIDEO", "REELS"),
        withTypes(brandMedia("chanel", "c4", "2023-09-03T00:00:00", 250L, 0, "2023-09-02T15:30:00Z"), "CAROUSEL_ALBUM", "FEED"),
        brandMedia("dior", "d1", "2023-09-01T10:00:00", 900L, 100, "2023-09-01T02:00:00Z"),
        brandMedia("dior", "d2", "2023-09-02T09:00:00", 500L, 0, "2023-09-02T02:00:00Z"),
        withTypes(brandMedia("gucci", "g1", "2023-09-02T15:00:00", 10L, 0, "2023-09-02T07:00:00Z"), "UNKNOWN", "UNKNOWN"),
        hashtagMedia("chanel", "h1", "2023-09-01T08:00:00"),
        hashtagMedia("chanel", "h2", "2023-09-01T21:00:00"),
        hashtagMedia("dior", "h3", "2023-09-01T09:00:00"),
        hashtagMedia("hermes", "h4", "2023-09-02T10:00:00"),
        hashtagMedia("hermes", "h5", "2023-09-02T11:00:00"),
        Fixtures.media("crawl", "chanel", "x1", "2023-09-04T12:00:00").setLikeCount(99L).build());
  }

  private static Media withTypes(Media m, String mediaType, String productType) {
    return Media.newBuilder(m).setMediaType(mediaType).setMediaProductType(productType).build();
  }
}
