package io.buzzbeam.pipelines.generate;

import io.buzzbeam.transforms.quality.QualityCount;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a generated landing zone contains, counted while writing, in the vocabulary of the
 * quality report (docs/ARCHITECTURE.md): what the pipeline should read, reject (by model and
 * reason code) and default (by model and field) when it ingests the zone.
 *
 * @param files every landing file (Graph API + Instaloader, Profile files included)
 * @param graphFiles {@code .jsonl} and {@code .jsonl.gz} files
 * @param gzipFiles of those, gzipped
 * @param instaloaderFiles {@code .json} and {@code .json.xz} files
 * @param xzFiles of those, xz-compressed
 * @param skippedFiles Instaloader files whose node_type is not Post ({@code skipped:node_type})
 * @param lines envelope lines, truncated ones included (model {@code envelope}, read)
 * @param linesByKind envelope lines by kind, as written (a truncated line still counts for its kind)
 * @param profiles business_discovery objects in readable, non-error envelopes (model {@code profile}, read)
 * @param graphMedia media items in readable, non-error envelopes
 * @param graphMediaByKind those by envelope kind
 * @param crawlPosts Instaloader Post files
 * @param mediaItems graphMedia + crawlPosts (model {@code media}, read)
 * @param distinctBrandMedia distinct (brand, media id) among valid business-discovery media
 * @param distinctHashtagMedia distinct (brand, media id) among valid hashtag media
 * @param rejects model → reason code → count the pipeline should reject
 * @param defaults model → field → count of absent optional fields among valid Graph media and
 *     profiles (Instaloader posts are not counted here: which of their fields default depends
 *     on the shape mapping of the reader)
 * @param bytes bytes on disk
 * @param elapsedMillis wall time of the generation (not part of the zone; varies run to run)
 */
public record GenerationSummary(
    long files,
    long graphFiles,
    long gzipFiles,
    long instaloaderFiles,
    long xzFiles,
    long skippedFiles,
    long lines,
    Map<String, Long> linesByKind,
    long profiles,
    long graphMedia,
    Map<String, Long> graphMediaByKind,
    long crawlPosts,
    long mediaItems,
    long distinctBrandMedia,
    long distinctHashtagMedia,
    Map<String, Map<String, Long>> rejects,
    Map<String, Map<String, Long>> defaults,
    long bytes,
    long elapsedMillis) {

  /** Rejections of one model by reason (empty when none). */
  public Map<String, Long> rejects(String model) {
    return rejects.getOrDefault(model, Map.of());
  }

  public long rejected(String model) {
    return rejects(model).values().stream().mapToLong(Long::longValue).sum();
  }

  /** All expected rejections, whatever the model. */
  public long totalRejected() {
    return rejects.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
  }

  /** Read count per model as the quality report should show it: file, envelope, profile, media. */
  public Map<String, Long> readByModel() {
    Map<String, Long> m = new TreeMap<>();
    m.put(QualityCount.MODEL_FILE, files);
    m.put(QualityCount.MODEL_ENVELOPE, lines);
    m.put(QualityCount.MODEL_PROFILE, profiles);
    m.put(QualityCount.MODEL_MEDIA, mediaItems);
    return m;
  }

  /** A few lines for people. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("files %,d (graph %,d of which gzip %,d; instaloader %,d of which xz %,d; skipped %,d)%n",
        files, graphFiles, gzipFiles, instaloaderFiles, xzFiles, skippedFiles));
    sb.append(String.format("envelope lines %,d %s%n", lines, linesByKind));
    sb.append(String.format("profiles %,d; media items %,d (graph %,d %s, crawl posts %,d)%n",
        profiles, mediaItems, graphMedia, graphMediaByKind, crawlPosts));
    sb.append(String.format("distinct brand media %,d, distinct hashtag media %,d%n",
        distinctBrandMedia, distinctHashtagMedia));
    sb.append("expected rejects ").append(rejects).append('\n');
    sb.append("expected defaults ").append(defaults).append('\n');
    double secs = Math.max(elapsedMillis, 1) / 1000.0;
    sb.append(String.format("%,.1f MB in %.1f s (%,.0f media items/s)",
        bytes / 1e6, secs, mediaItems / secs));
    return sb.toString();
  }
}
