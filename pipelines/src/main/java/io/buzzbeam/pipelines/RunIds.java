package io.buzzbeam.pipelines;

import io.buzzbeam.transforms.ingest.LandingPrune;
import io.buzzbeam.transforms.ingest.LandingFiles;
import io.buzzbeam.transforms.keywords.TokenizerKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Derives a run id from what a run reads: the landing files (relative path and size), the window,
 * the time zone, the stopwords, the tokenizer and the user dictionary (these two only when not the
 * defaults, so that default runs keep the ids they had before the options existed). A rerun over the same input is therefore the same run: its dead
 * letters, quality report and run row are rewritten in place instead of piling up (SPEC §5 keys
 * them by run id, and reruns must leave the same rows).
 */
public final class RunIds {
  private RunIds() {}

  /**
   * The landing zone's files of a landing kind (relative path with {@code /}, and size), sorted:
   * listed once per run, for both the run id and the progress lines' file count.
   */
  public static final class Listing {
    private final List<String> paths;
    private final List<Long> sizes;
    private final IOException failure;

    private Listing(List<String> paths, List<Long> sizes, IOException failure) {
      this.paths = paths;
      this.sizes = sizes;
      this.failure = failure;
    }
  }

  /** Lists the landing zone of {@code s}; a failure is kept and surfaces where it matters. */
  public static Listing list(RunSettings s) {
    Path root = Paths.get(s.landing);
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> files =
          walk.filter(Files::isRegularFile)
              .filter(p -> LandingFiles.kindOf(p.getFileName().toString()) != null)
              // "path\t" orders exactly as the "path\tsize" lines the id hashes (paths are unique)
              .sorted(java.util.Comparator.comparing(p -> relative(root, p) + "\t"))
              .collect(Collectors.toList());
      return new Listing(
          files.stream().map(p -> relative(root, p)).collect(Collectors.toList()),
          files.stream().map(RunIds::size).collect(Collectors.toList()),
          null);
    } catch (IOException e) {
      return new Listing(null, null, e);
    } catch (UncheckedIOException e) {
      return new Listing(null, null, e.getCause());
    }
  }

  private static String relative(Path root, Path p) {
    return root.relativize(p).toString().replace('\\', '/');
  }

  public static String derive(RunSettings s) {
    return derive(s, list(s));
  }

  public static String derive(RunSettings s, Listing listing) {
    try {
      if (listing.failure != null) {
        throw listing.failure;
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (int i = 0; i < listing.paths.size(); i++) {
        sha.update((listing.paths.get(i) + "\t" + listing.sizes.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
      }
      sha.update(("from=" + s.from + "\nto=" + s.to + "\ntz=" + s.timezone + "\n").getBytes(StandardCharsets.UTF_8));
      if (s.stopwords != null) {
        sha.update(Files.readAllBytes(Paths.get(s.stopwords)));
      }
      if (s.tokenizer != TokenizerKind.OKT) {
        sha.update(("tokenizer=" + s.tokenizer.optionValue() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      if (s.userDictionary != null) {
        sha.update("userDictionary\n".getBytes(StandardCharsets.UTF_8));
        sha.update(Files.readAllBytes(Paths.get(s.userDictionary)));
      }
      return "run-" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the landing zone " + s.landing, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * How many landing files the run will open: the listed files that {@code --from} does not prune
   * ({@link LandingPrune}); for the progress lines. 0 when the listing failed.
   */
  public static long filesToRead(RunSettings s, Listing listing) {
    if (listing.failure != null) {
      return 0;
    }
    java.time.Instant windowStart = LandingPrune.windowStart(s.from, s.timezone);
    return listing.paths.stream()
        .filter(relative -> windowStart == null || LandingPrune.canHoldFrom(relative, windowStart))
        .count();
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }
}
