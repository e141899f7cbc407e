package io.buzzbeam.pipelines.generate;

import java.util.List;

/**
 * One luxury house as the collector sees it: the brand key used in envelopes, the Instagram
 * username polled through business discovery, the hashtags searched (English first, then
 * Korean), and the numbers that make its synthetic account behave like the real one.
 *
 * @param key brand key of the envelopes ({@code chanel})
 * @param username Instagram username ({@code chanelofficial})
 * @param name profile display name
 * @param hashtags searched hashtags without {@code #}: English, Korean
 * @param koreanName how Korean captions name the house
 * @param followers followers on the first collected day (mid-2023 order of magnitude)
 * @param follows accounts it follows
 * @param mediaCount posts on its grid before the simulated history starts
 * @param postsPerDay mean own posts a day
 * @param engagement mean (likes + comments) / followers of a settled post, e.g. 0.0012
 * @param communityPerHour mean posts an hour by other users carrying one of its hashtags
 */
record Brand(
    String key,
    String username,
    String name,
    List<String> hashtags,
    String koreanName,
    long followers,
    int follows,
    int mediaCount,
    double postsPerDay,
    double engagement,
    double communityPerHour) {

  /** The eleven houses of the seed project, biggest following first (mid-2023 magnitudes). */
  static final List<Brand> CATALOG =
      List.of(
          new Brand("chanel", "chanelofficial", "CHANEL", List.of("chanel", "샤넬"), "샤넬",
              58_700_000L, 0, 3_950, 3.2, 0.0011, 60),
          new Brand("louisvuitton", "louisvuitton", "Louis Vuitton", List.of("louisvuitton", "루이비통"),
              "루이비통", 55_200_000L, 7, 8_620, 4.5, 0.0008, 55),
          new Brand("gucci", "gucci", "Gucci", List.of("gucci", "구찌"), "구찌",
              51_300_000L, 1_201, 9_880, 4.0, 0.0006, 45),
          new Brand("dior", "dior", "Dior Official", List.of("dior", "디올"), "디올",
              45_600_000L, 0, 7_410, 4.2, 0.0009, 50),
          new Brand("prada", "prada", "Prada", List.of("prada", "프라다"), "프라다",
              33_400_000L, 0, 6_530, 3.0, 0.0008, 30),
          new Brand("ysl", "ysl", "SAINT LAURENT", List.of("ysl", "생로랑"), "생로랑",
              27_100_000L, 1, 2_840, 1.8, 0.0012, 25),
          new Brand("fendi", "fendi", "Fendi", List.of("fendi", "펜디"), "펜디",
              21_300_000L, 52, 9_020, 3.6, 0.0005, 18),
          new Brand("burberry", "burberry", "Burberry", List.of("burberry", "버버리"), "버버리",
              21_000_000L, 402, 11_200, 3.4, 0.0004, 18),
          new Brand("hermes", "hermes", "Hermès", List.of("hermes", "에르메스"), "에르메스",
              14_200_000L, 0, 5_670, 2.2, 0.0015, 30),
          new Brand("celine", "celine", "CELINE", List.of("celine", "셀린느"), "셀린느",
              13_300_000L, 0, 3_100, 2.0, 0.0018, 20),
          new Brand("bottegaveneta", "bottegaveneta", "Bottega Veneta",
              List.of("bottegaveneta", "보테가베네타"), "보테가베네타",
              3_900_000L, 0, 1_150, 1.5, 0.0030, 12));

  String englishTag() {
    return hashtags.get(0);
  }

  String koreanTag() {
    return hashtags.get(1);
  }
}
