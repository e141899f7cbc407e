package io.buzzbeam.transforms.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openkoreantext.processor.OpenKoreanTextProcessorJava;

/**
 * The yardstick of issue #12: open-korean-text alone (normalize, tokenize, stem) over a zone's
 * distinct captions on every core, nothing else. scripts/bench.sh times this whole process (JVM
 * start, dictionary load and JIT warm-up included) and divides buzzbeam's run time by it.
 *
 * <p>Input: one caption a line, base64 (as {@code seed_stack.py captions} writes them, so both
 * stacks are measured on the same captions). Output: one line, documents and tokens, so a pass
 * that tokenized nothing cannot pass for fast.
 */
public final class BareOktPass {

  public static void main(String[] args) throws Exception {
    List<String> captions = read(Path.of(args[0]));
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    AtomicInteger next = new AtomicInteger();
    AtomicLong tokens = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    long t0 = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                long mine = 0;
                for (int i = next.getAndIncrement(); i < captions.size(); i = next.getAndIncrement()) {
                  CharSequence normalized = OpenKoreanTextProcessorJava.normalize(captions.get(i));
                  mine += OpenKoreanTextProcessorJava.tokenize(normalized).size();
                }
                tokens.addAndGet(mine);
              });
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.printf(
        "bare Okt: %,d captions, %,d tokens on %d threads in %.1f s after JVM start%n",
        captions.size(), tokens.get(), threads, (System.nanoTime() - t0) / 1e9);
  }

  private static List<String> read(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
      if (!line.isBlank()) {
        out.add(new String(Base64.getDecoder().decode(line.trim()), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
