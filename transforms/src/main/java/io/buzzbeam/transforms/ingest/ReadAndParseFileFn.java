package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.coders.EncodedOutputs;
import io.buzzbeam.transforms.dedup.PreferredMediaBuffer;
import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.QualityTally;
import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;

/**
 * Reads one landing file ({@link LandingFileReader#read(LandingFile, LandingLimits,
 * LandingFileReader.Output)}) and parses each record as it is read ({@link ParseFindings#of}): valid
 * media, profiles, dead letters (of the reader and of the parser) and quality counts, on the four
 * {@link Outputs}, which travel together encoded ({@link EncodedOutputs} says why).
 *
 * <p>One step rather than a read step and a parse step: a runner does not chain a step with several
 * outputs into the next (Flink never does), so every raw record crossed a channel, encoded and
 * decoded, between the two; issue #12's profile put that at about 8 % of a run's CPU.
 *
 * <p>Quality counts are summed within the bundle ({@link QualityTally}) and, with {@link
 * ParseLanding#preferringWithinBundles}, only the preferred snapshot of each media of the bundle
 * goes on ({@link PreferredMediaBuffer}); both are emitted when the buffer fills and at the end of
 * the bundle.
 */
class ReadAndParseFileFn extends DoFn<LandingFile, KV<Integer, byte[]>> {

  /** The step's outputs, as {@link LandingResult} names them. */
  static final class Outputs implements Serializable {
    private static final long serialVersionUID = 1L;

    final EncodedOutputs.Output<Media> media;
    final EncodedOutputs.Output<ProfileSnapshot> profiles;
    final EncodedOutputs.Output<RejectedItem> rejected;
    final EncodedOutputs.Output<QualityCount> quality;

    Outputs(
        Coder<Media> media,
        Coder<ProfileSnapshot> profiles,
        Coder<RejectedItem> rejected,
        Coder<QualityCount> quality) {
      EncodedOutputs outputs = new EncodedOutputs();
      this.media = outputs.add("Media", media);
      this.profiles = outputs.add("Profiles", profiles);
      this.rejected = outputs.add("Rejected", rejected);
      this.quality = outputs.add("QualityCounts", quality);
    }
  }

  private final String zoneId;
  private final String runId;
  private final LandingLimits limits;
  private final Outputs outputs;
  private final QualityTally quality = new QualityTally();
  /** Null unless the media are de-duplicated within bundles ({@link ParseLanding#preferringWithinBundles}). */
  private final PreferredMediaBuffer preferred;

  private transient ZoneId zone;

  ReadAndParseFileFn(
      String zoneId, String runId, LandingLimits limits, boolean preferWithinBundles, Outputs outputs) {
    this.zoneId = zoneId;
    this.runId = runId;
    this.limits = limits;
    this.outputs = outputs;
    this.preferred = preferWithinBundles ? new PreferredMediaBuffer(PreferredMediaBuffer.DEFAULT_CAPACITY) : null;
  }

  @Setup
  public void setup() {
    zone = ZoneId.of(zoneId);
  }

  @ProcessElement
  public void processElement(@Element LandingFile file, OutputReceiver<KV<Integer, byte[]>> out) {
    LandingFileReader.read(
        file,
        limits,
        new LandingFileReader.Output() {
          @Override
          public void record(RawRecord record) {
            emit(ParseFindings.of(zone, runId, record), out);
          }

          @Override
          public void rejected(
              String model, String sourceFile, String position, List<String> reasons, String raw) {
            out.output(
                outputs.rejected.encode(DeadLetters.of(runId, model, sourceFile, position, reasons, raw)));
          }

          @Override
          public void count(String model, String metric, String field) {
            quality.add(model, metric, field, 1);
          }
        });
  }

  private void emit(ParseFindings findings, OutputReceiver<KV<Integer, byte[]>> out) {
    for (Media media : findings.media) {
      if (preferred == null) {
        out.output(outputs.media.encode(media));
      } else if (preferred.offer(media)) {
        preferred.drain().forEach(kept -> out.output(outputs.media.encode(kept)));
      }
    }
    for (ProfileSnapshot profile : findings.profiles) {
      out.output(outputs.profiles.encode(profile));
    }
    for (RejectedItem rejected : findings.rejected) {
      out.output(outputs.rejected.encode(rejected));
    }
    for (QualityCount count : findings.counts) {
      quality.add(count.model, count.metric, count.field, count.value);
    }
  }

  /**
   * The media kept and the quality counts summed since the last drain: the polled copies of a media
   * travel on as one, a bundle's counts as one element per (model, metric, field).
   */
  @FinishBundle
  public void finishBundle(FinishBundleContext c) {
    for (Media media : preferred == null ? List.<Media>of() : preferred.drain()) {
      c.output(outputs.media.encode(media), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
    }
    for (QualityCount count : quality.drain()) {
      c.output(outputs.quality.encode(count), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
    }
  }
}
