package io.buzzbeam.pipelines.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.buzzbeam.transforms.ingest.EnvelopeKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The envelopes of one collection pass, written as SPEC §1a landing files:
 * {@code <landing>/graph/dt=YYYY-MM-DD/<kind>_<HHMMSS>.jsonl} (date and time of the pass start,
 * UTC), one envelope per line:
 *
 * <pre>{"kind":"...","brand":"chanel",["hashtag":"샤넬",]"collected_at":"...Z","response":BODY}</pre>
 *
 * <p>BODY is the Graph API response text as received, with exactly two changes: every {@code
 * access_token} value (Graph API puts the token into {@code paging.next} URLs) is replaced by
 * {@code REDACTED}, and line breaks between JSON tokens become spaces so the envelope stays on one
 * line (a raw line break can only be whitespace in valid JSON; escapes like {@code \/} and
 * backslash-u escapes are kept as sent).
 *
 * <p>Each file is written to {@code .<name>.tmp} (which no {@code *.jsonl} reader picks up) and
 * then renamed, so a reader never sees half a file. A pass that fails midway still writes what it
 * collected.
 */
final class EnvelopeBatch {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);

  private final Path landing;
  private final Instant passStart;
  private final AccessToken token;
  private final Map<EnvelopeKind, List<String>> lines = new EnumMap<>(EnvelopeKind.class);
  private int count;

  EnvelopeBatch(Path landing, Instant passStart, AccessToken token) {
    this.landing = landing;
    this.passStart = passStart;
    this.token = token;
  }

  /** Adds an envelope whose response is {@code body}, a complete JSON object text. */
  void add(EnvelopeKind kind, String brand, String hashtag, Instant collectedAt, String body) {
    StringBuilder b = new StringBuilder(body.length() + 160);
    b.append("{\"kind\":").append(quote(kind.wireName()));
    b.append(",\"brand\":").append(quote(brand));
    if (hashtag != null) {
      b.append(",\"hashtag\":").append(quote(hashtag));
    }
    b.append(",\"collected_at\":").append(quote(collectedAt.truncatedTo(ChronoUnit.SECONDS).toString()));
    b.append(",\"response\":").append(oneLine(token.redact(body).strip()));
    b.append('}');
    lines.computeIfAbsent(kind, k -> new ArrayList<>()).add(b.toString());
    count++;
  }

  int size() {
    return count;
  }

  /** Writes one file per kind; returns their paths relative to the landing directory. */
  List<String> write() throws IOException {
    List<String> written = new ArrayList<>();
    Path dir = landing.resolve("graph").resolve("dt=" + DAY.format(passStart));
    for (Map.Entry<EnvelopeKind, List<String>> e : lines.entrySet()) {
      Files.createDirectories(dir);
      String stem = e.getKey().wireName() + "_" + TIME.format(passStart);
      String content = String.join("\n", e.getValue()) + "\n";
      Path target = writeAtomically(dir, stem, content);
      written.add(landing.relativize(target).toString().replace('\\', '/'));
    }
    lines.clear();
    return written;
  }

  private static Path writeAtomically(Path dir, String stem, String content) throws IOException {
    for (int n = 1; ; n++) {
      // Two passes of one kind in the same second (rare: overlapping cron runs) get _2, _3, ...
      String name = stem + (n == 1 ? "" : "_" + n) + ".jsonl";
      Path target = dir.resolve(name);
      if (Files.exists(target)) {
        continue;
      }
      Path tmp = dir.resolve("." + name + ".tmp");
      Files.writeString(tmp, content, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
      } catch (FileAlreadyExistsException raced) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String oneLine(String json) {
    return json.indexOf('\n') < 0 && json.indexOf('\r') < 0
        ? json
        : json.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ');
  }
}
