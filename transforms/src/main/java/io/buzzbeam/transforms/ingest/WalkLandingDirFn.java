package io.buzzbeam.transforms.ingest;

import io.buzzbeam.transforms.quality.QualityCount;
import io.buzzbeam.transforms.quality.QualityCounters;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the landing files under a landing directory, each keyed by the identity of the file it
 * reaches, so that a later step can read every file once (SPEC §2 rev. 2).
 *
 * <p>The walk never follows a symbolic link. Beam's {@code FileIO.match("dir/**")} on the local
 * file system does, without cycle detection: one directory link to an ancestor lists every file
 * some 40 times over (until the OS refuses to resolve the path), two such links never finish. Not
 * following loses nothing: a directory link that stays inside the landing directory leads only to
 * files the walk reaches through their real path anyway, and one that leaves it must not be read.
 * So every directory link is skipped and counted ({@code skipped:link}). A link named like a
 * landing file is resolved: outside the landing directory, dangling or looping, it is skipped and
 * counted; inside, it is one more path to its target. Other links are not landing input, like any
 * file of another name.
 *
 * <p>Output: {@code KV(identity of the file, landing file)}. The identity is the file system's
 * file key (device and inode on Unix, which also catches hard links) or, where there is none, the
 * real path.
 */
class WalkLandingDirFn extends DoFn<String, KV<String, LandingFile>> {

  private static final Logger LOG = LoggerFactory.getLogger(WalkLandingDirFn.class);

  private final TupleTag<KV<String, LandingFile>> pathsTag;
  private final TupleTag<QualityCount> qualityTag;
  private final QualityCounters counters = new QualityCounters();

  WalkLandingDirFn(TupleTag<KV<String, LandingFile>> pathsTag, TupleTag<QualityCount> qualityTag) {
    this.pathsTag = pathsTag;
    this.qualityTag = qualityTag;
  }

  @ProcessElement
  public void processElement(@Element String landingDir, MultiOutputReceiver out) throws IOException {
    // The real landing directory: what "inside" means, also when --landing is itself a link.
    Path root = Paths.get(landingDir).toRealPath();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<Path>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            if (attrs.isSymbolicLink()) {
              link(root, file, relative, out);
            } else if (attrs.isRegularFile() && LandingFiles.kindOf(relative) != null) {
              // Reached through real directories only: its path is its real path.
              out.get(pathsTag)
                  .output(KV.of(identity(attrs, file), new LandingFile(relative, file.toString())));
            }
            // Anything else (a FIFO, a device) is not landing input: opening a FIFO would block.
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            // An unlistable directory must not stop the run (SPEC §2); the rest is still read.
            LOG.warn("Cannot list {} in the landing directory: {}", file, e.toString());
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private void link(Path root, Path link, String relative, MultiOutputReceiver out) {
    Path target;
    BasicFileAttributes targetAttrs;
    try {
      target = link.toRealPath();
      targetAttrs = Files.readAttributes(target, BasicFileAttributes.class);
    } catch (IOException dangling) {
      // Dangling, looping or unreadable: no file of the landing directory behind it.
      if (LandingFiles.kindOf(relative) != null) {
        skipLink(out);
      }
      return;
    }
    if (targetAttrs.isDirectory()) {
      skipLink(out);
    } else if (LandingFiles.kindOf(relative) != null) {
      if (target.startsWith(root) && targetAttrs.isRegularFile()) {
        out.get(pathsTag)
            .output(KV.of(identity(targetAttrs, target), new LandingFile(relative, target.toString())));
      } else {
        skipLink(out);
      }
    }
  }

  private void skipLink(MultiOutputReceiver out) {
    out.get(qualityTag)
        .output(counters.increment(QualityCount.MODEL_FILE, QualityCount.SKIPPED, QualityCount.FIELD_LINK, 1));
  }

  private static String identity(BasicFileAttributes attrs, Path realPath) {
    Object key = attrs.fileKey();
    return key != null ? key.toString() : realPath.toString();
  }
}
