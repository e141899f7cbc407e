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

  public static String derive(RunSettings s) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      Path root = Paths.get(s.landing);
      List<String> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files =
            walk.filter(Files::isRegularFile)
                .filter(p -> LandingFiles.kindOf(p.getFileName().toString()) != null)
                .map(p -> root.relativize(p).toString().replace('\\', '/') + "\t" + size(p))
                .sorted()
                .collect(Collectors.toList());
      }
      for (String f : files) {
        sha.update((f + "\n").getBytes(StandardCharsets.UTF_8));
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
   * How many landing files the run will open: the files of a landing kind that {@code --from}
   * does not prune ({@link LandingPrune}); for the progress lines. 0 when the listing fails.
   */
  public static long filesToRead(RunSettings s) {
    Path root = Paths.get(s.landing);
    java.time.Instant windowStart = LandingPrune.windowStart(s.from, s.timezone);
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> LandingFiles.kindOf(p.getFileName().toString()) != null)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(relative -> windowStart == null || LandingPrune.canHoldFrom(relative, windowStart))
          .count();
    } catch (IOException | UncheckedIOException e) {
      return 0;
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }
}
