package io.buzzbeam.transforms.ingest;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Builds landing directories for tests: copies of test resources plus compressed files. */
final class LandingFixtures {

  private LandingFixtures() {}

  /** Copies {@code src/test/resources/landing/<name>} into {@code target}. */
  static void copyResourceLanding(String name, Path target) throws IOException {
    Path source;
    try {
      source = Paths.get(LandingFixtures.class.getResource("/landing/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (Stream<Path> files = Files.walk(source)) {
      files.forEach(
          from -> {
            Path to = target.resolve(source.relativize(from).toString());
            try {
              if (Files.isDirectory(from)) {
                Files.createDirectories(to);
              } else {
                Files.copy(from, to);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }

  static Path write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Gzips {@code text} into {@code file}. With {@code stored}, deflate does not compress, so a
   * byte offset in the file is (almost) the same offset in the text: that makes truncation
   * tests exact.
   */
  static Path writeGzip(Path file, String text, boolean stored) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(file)) {
          {
            if (stored) {
              def.setLevel(Deflater.NO_COMPRESSION);
            }
          }
        }) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  static Path writeBytes(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    return Files.write(file, bytes);
  }

  static Path writeXz(Path file, String text) throws IOException {
    return writeXz(file, text, new LZMA2Options());
  }

  /**
   * Xz with a given dictionary size: the decoder needs about that much memory, whatever the
   * size of the text.
   */
  static Path writeXz(Path file, String text, int dictSize) throws IOException {
    LZMA2Options options = new LZMA2Options();
    options.setDictSize(dictSize);
    return writeXz(file, text, options);
  }

  private static Path writeXz(Path file, String text, LZMA2Options options) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new XZOutputStream(Files.newOutputStream(file), options)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  /** Cuts the last {@code bytes} bytes off {@code file}, as an interrupted copy would. */
  static void truncate(Path file, int bytes) throws IOException {
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length - bytes));
  }

  /** A media as one comparable line (the fields the rules decide). */
  static String describe(Media m) {
    return String.join(
        "|",
        m.getSource(),
        m.getScope(),
        m.getMediaId(),
        String.valueOf(m.getBrand()),
        String.valueOf(m.getHashtag()),
        String.valueOf(m.getAccount()),
        m.getMediaType(),
        m.getMediaProductType(),
        String.valueOf(m.getLikeCount()),
        String.valueOf(m.getCommentsCount()),
        String.valueOf(m.getPostedAt()),
        String.valueOf(m.getCollectedAt()),
        m.getDay(),
        String.valueOf(m.getHour()),
        String.valueOf(m.getWeekday()),
        String.valueOf(m.getFollowers()),
        String.valueOf(m.getEngagementRate()),
        m.getSourceFile(),
        m.getPosition(),
        String.valueOf(m.getDefaulted()));
  }

  static String describe(ProfileSnapshot p) {
    return String.join(
        "|",
        p.getBrand(),
        String.valueOf(p.getIgId()),
        p.getUsername(),
        String.valueOf(p.getName()),
        String.valueOf(p.getFollowersCount()),
        String.valueOf(p.getFollowsCount()),
        String.valueOf(p.getMediaCount()),
        String.valueOf(p.getCollectedAt()),
        p.getDay(),
        p.getSourceFile(),
        p.getPosition(),
        String.valueOf(p.getDefaulted()));
  }

  static String describe(RejectedItem r) {
    return String.join(
        "|", r.getRunId(), r.getModel(), r.getSourceFile(), r.getPosition(), String.valueOf(r.getReasons()));
  }

  /** The dead letters, each as {@link #describe(RejectedItem)}. */
  static PCollection<String> describeRejected(PCollection<RejectedItem> rejected) {
    return rejected.apply(MapElements.into(TypeDescriptors.strings()).via(LandingFixtures::describe));
  }

  /** The records {@link ReadLanding} read, each as {@link RawRecord#toString()}. */
  static PCollection<String> describeRecords(PCollectionTuple read) {
    return read.get(ReadLanding.RECORDS).apply(MapElements.into(TypeDescriptors.strings()).via(RawRecord::toString));
  }

  /** The file of each record {@link ReadLanding} read (once per record). */
  static PCollection<String> recordFiles(PCollectionTuple read) {
    return read.get(ReadLanding.RECORDS)
        .apply(MapElements.into(TypeDescriptors.strings()).via((RawRecord r) -> r.sourceFile));
  }
}
