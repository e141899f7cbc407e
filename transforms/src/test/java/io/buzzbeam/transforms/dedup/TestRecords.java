package io.buzzbeam.transforms.dedup;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Hand-made canonical records for the de-duplication tests. */
final class TestRecords {

  private TestRecords() {}

  /** {@code input} (Avro-coded) through {@code dedup}: the records kept, each as {@code describe} says. */
  static <T extends SpecificRecord> PCollection<String> deduplicated(
      Pipeline p,
      Class<T> type,
      List<T> input,
      PTransform<PCollection<T>, PCollection<T>> dedup,
      SerializableFunction<T, String> describe) {
    return p.apply("Input", Create.of(input).withCoder(AvroCoder.specific(type)))
        .apply("Deduplicate", dedup)
        .apply("Describe", MapElements.into(TypeDescriptors.strings()).via(describe));
  }

  static Media media(
      String source,
      String scope,
      String id,
      String collectedAt,
      Long likes,
      long comments,
      String sourceFile,
      String position) {
    return Media.newBuilder()
        .setSource(source)
        .setScope(scope)
        .setMediaId(id)
        .setBrand(source.equals("crawl") ? null : scope)
        .setHashtag(null)
        .setAccount(null)
        .setCaption("")
        .setMediaType("IMAGE")
        .setMediaProductType("FEED")
        .setLikeCount(likes)
        .setCommentsCount(comments)
        .setMediaUrl(null)
        .setPermalink(null)
        .setPostedAt(Instant.parse("2023-09-02T12:00:03Z"))
        .setCollectedAt(collectedAt == null ? null : Instant.parse(collectedAt))
        .setDay("2023-09-02")
        .setHour(21)
        .setWeekday(6)
        .setFollowers(null)
        .setEngagementRate(null)
        .setSourceFile(sourceFile)
        .setPosition(position)
        .setDefaulted(List.of())
        .build();
  }

  static ProfileSnapshot profile(
      String brand, String collectedAt, long followers, String sourceFile, String position, List<String> defaulted) {
    return ProfileSnapshot.newBuilder()
        .setBrand(brand)
        .setIgId(null)
        .setUsername(brand)
        .setName(null)
        .setFollowersCount(followers)
        .setFollowsCount(null)
        .setMediaCount(null)
        .setCollectedAt(Instant.parse(collectedAt))
        .setDay("2023-09-03")
        .setSourceFile(sourceFile)
        .setPosition(position)
        .setDefaulted(defaulted)
        .build();
  }
}
