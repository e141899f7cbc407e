package io.buzzbeam.transforms.marts;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.transforms.shards.Rebalance;
import java.util.Map;
import io.buzzbeam.transforms.coders.ModelCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Sets {@code followers} and {@code engagement_rate} on every media (SPEC §4).
 *
 * <p>Brand-source media only: followers as of the media's kept {@code collected_at} (see {@link
 * FollowerHistory#asOf}), and {@link #engagementRate}. Hashtag and crawl media get null for both:
 * their posting accounts are not the brand, so the brand's followers say nothing about them.
 */
public class AttachFollowers extends PTransform<PCollection<Media>, PCollection<Media>> {

  private final PCollection<ProfileSnapshot> profiles;
  private final PCollection<KV<String, FollowerHistory>> histories;

  private AttachFollowers(
      PCollection<ProfileSnapshot> profiles, PCollection<KV<String, FollowerHistory>> histories) {
    this.profiles = profiles;
    this.histories = histories;
  }

  public static AttachFollowers withProfiles(PCollection<ProfileSnapshot> profiles) {
    return new AttachFollowers(profiles, null);
  }

  /** Followers from histories built once elsewhere ({@link FollowerHistoriesByBrand}). */
  public static AttachFollowers withHistories(PCollection<KV<String, FollowerHistory>> histories) {
    return new AttachFollowers(null, histories);
  }

  /**
   * SPEC §4 engagement rate in percent: {@code (like_count + comments_count) / followers * 100};
   * null when likes are hidden or followers are unknown or 0.
   */
  public static Double engagementRate(Long likeCount, long commentsCount, Long followers) {
    if (likeCount == null || followers == null || followers == 0L) {
      return null;
    }
    // Summed as doubles: two counts that fit a long may overflow one together (SPEC §2 Limits).
    return ((double) likeCount + commentsCount) / followers * 100.0;
  }

  @Override
  public PCollection<Media> expand(PCollection<Media> media) {
    PCollection<KV<String, FollowerHistory>> historiesByBrand =
        histories != null
            ? histories
            : profiles.apply("FollowerHistories", FollowerHistoriesByBrand.create());
    PCollectionView<Map<String, FollowerHistory>> historyView =
        FollowerHistoriesByBrand.asMap(historiesByBrand);
    return media
        // De-duplication leaves one record per media: gather them into shards, once the
        // histories are complete (see Rebalance).
        .apply("SpreadOverShardsAfterHistories", Rebalance.<Media>acrossShards().after(historiesByBrand))
        .apply(
            "AttachFollowersAndEngagementRate",
            ParDo.of(new AttachFn(historyView)).withSideInputs(historyView))
        .setCoder(ModelCoder.of(Media.class));
  }

  static class AttachFn extends DoFn<Media, Media> {
    private final PCollectionView<Map<String, FollowerHistory>> histories;

    AttachFn(PCollectionView<Map<String, FollowerHistory>> histories) {
      this.histories = histories;
    }

    @ProcessElement
    public void process(@Element Media m, OutputReceiver<Media> out, ProcessContext c) {
      Long followers = null;
      Double rate = null;
      if (BrandActivity.isBrandMedia(m)) {
        String brand = m.getBrand() != null ? m.getBrand() : m.getScope();
        FollowerHistory history = c.sideInput(histories).get(brand);
        followers = history == null ? null : history.asOf(m.getCollectedAt());
        rate = engagementRate(m.getLikeCount(), m.getCommentsCount(), followers);
      }
      out.output(Media.newBuilder(m).setFollowers(followers).setEngagementRate(rate).build());
    }
  }
}
