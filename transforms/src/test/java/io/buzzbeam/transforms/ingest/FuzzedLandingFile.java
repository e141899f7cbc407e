package io.buzzbeam.transforms.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buzzbeam.model.Media;
import io.buzzbeam.model.ProfileSnapshot;
import io.buzzbeam.model.RejectedItem;
import io.buzzbeam.transforms.quality.QualityCount;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/**
 * One fuzz input read as a landing file the way the pipeline reads one ({@link LandingFileReader}:
 * decompression, {@link CappedInputStream}, {@link LineReader} with limits), each record then
 * parsed ({@link LandingRecordParser}), and the SPEC §2 invariants checked on what came out.
 *
 * <p>Input layout: byte 0 picks the file — bit 0 the format (envelope {@code .jsonl} or
 * Instaloader {@code .json}), bits 1–2 how the payload is stored: 0 and 3 plain, 1 compressed by
 * us (gzip for envelopes, xz for posts: a valid archive of fuzzed content), 2 the payload taken as
 * the archive itself (the decoders meet arbitrary bytes). Byte 1 picks the limits: {@code
 * maxLineBytes} = 16 &lt;&lt; (b1 &amp; 15) (16 B … 512 KiB), and with bit 7 a 4 KiB {@code
 * maxFileBytes}. The rest is the payload.
 *
 * <p>A parse that throws is a finding, not a {@code failed:parse}: that dead letter is the
 * pipeline's safety net for bugs, and the fuzzer is here to find them.
 */
final class FuzzedLandingFile {

  private static final ZoneId ZONE = ZoneId.of("Asia/Seoul");
  /** Enough for what Instaloader writes (9 MiB, see {@link LandingLimits}); less than the default. */
  private static final int XZ_MEMORY_LIMIT_KIB = 16 * 1024;
  private static final long SMALL_MAX_FILE_BYTES = 4 * 1024;
  private static final long MAX_FILE_BYTES = 4 * 1024 * 1024;

  private final LandingFiles.Kind kind;
  private final LandingLimits limits;
  private final byte[] stored;

  private final List<RawRecord> records = new ArrayList<>();
  private final List<RejectedItem> rejected = new ArrayList<>();
  private final List<Media> media = new ArrayList<>();
  private final List<ProfileSnapshot> profiles = new ArrayList<>();
  private final Map<String, Long> counts = new HashMap<>();

  private FuzzedLandingFile(byte[] input) {
    int select = input.length > 0 ? input[0] & 0xFF : 0;
    int limit = input.length > 1 ? input[1] & 0xFF : 15;
    byte[] payload = input.length > 2 ? Arrays.copyOfRange(input, 2, input.length) : new byte[0];
    boolean envelopes = (select & 1) == 0;
    int storage = (select >> 1) & 3;
    boolean compressed = storage == 1 || storage == 2;
    this.kind =
        envelopes
            ? (compressed ? LandingFiles.Kind.JSONL_GZ : LandingFiles.Kind.JSONL)
            : (compressed ? LandingFiles.Kind.JSON_XZ : LandingFiles.Kind.JSON);
    this.limits =
        LandingLimits.defaults()
            .withMaxLineBytes(16 << (limit & 15))
            .withMaxFileBytes((limit & 0x80) != 0 ? SMALL_MAX_FILE_BYTES : MAX_FILE_BYTES)
            .withXzMemoryLimitKiB(XZ_MEMORY_LIMIT_KIB);
    this.stored = storage == 1 ? compress(payload, envelopes) : payload;
  }

  /** Reads, parses and checks {@code input}; throws on the first broken invariant. */
  static void check(byte[] input) {
    FuzzedLandingFile file = new FuzzedLandingFile(input);
    file.read();
    file.parse();
    file.checkCounts();
    file.checkRecordsAndDeadLetters();
    file.checkItems();
  }

  /** A fuzz input of {@code payload}, stored as byte 0 says, with the limits of byte 1. */
  static byte[] input(int select, int limit, byte[] payload) {
    byte[] input = new byte[payload.length + 2];
    input[0] = (byte) select;
    input[1] = (byte) limit;
    System.arraycopy(payload, 0, input, 2, payload.length);
    return input;
  }

  private void read() {
    RecordedRead read = new RecordedRead();
    LandingFileReader.read("fuzz/input" + suffix(), kind, () -> new ByteArrayInputStream(stored), limits, read);
    records.addAll(read.records);
    rejected.addAll(read.rejected);
    addCounts(read.counts);
  }

  private void parse() {
    for (RawRecord record : records) {
      ParseFindings findings = new ParseFindings("fuzz");
      new LandingRecordParser(ZONE, findings).parse(record);
      media.addAll(findings.media);
      profiles.addAll(findings.profiles);
      rejected.addAll(findings.rejected);
      addCounts(findings.counts);
      if (record.format.equals(RawRecord.FORMAT_ENVELOPE)) {
        // Every envelope record is exactly one envelope item.
        assertEquals(1L, sum(findings.counts, QualityCount.MODEL_ENVELOPE, QualityCount.READ), record.toString());
      }
    }
  }

  /** Per model: read = valid + rejected, one dead letter per rejected item, a reason for each. */
  private void checkCounts() {
    assertEquals(1L, count(QualityCount.MODEL_FILE, QualityCount.READ, ""));
    for (String model :
        List.of(QualityCount.MODEL_FILE, QualityCount.MODEL_ENVELOPE, QualityCount.MODEL_MEDIA, QualityCount.MODEL_PROFILE)) {
      long read = count(model, QualityCount.READ, "");
      long valid = count(model, QualityCount.VALID, "");
      long rejectedItems = count(model, QualityCount.REJECTED, "");
      assertEquals(read, valid + rejectedItems, model + ": read = valid + rejected; " + counts);
      long deadLetters = rejected.stream().filter(r -> r.getModel().equals(model)).count();
      assertEquals(rejectedItems, deadLetters, model + ": one dead letter per rejected item");
      long reasons =
          rejected.stream()
              .filter(r -> r.getModel().equals(model))
              .mapToLong(r -> r.getReasons().size())
              .sum();
      long byReason =
          counts.entrySet().stream()
              .filter(e -> e.getKey().startsWith(model + "|" + QualityCount.REJECTED_BY_REASON + "|"))
              .mapToLong(Map.Entry::getValue)
              .sum();
      assertEquals(reasons, byReason, model + ": each reason counted");
    }
    assertEquals(media.size(), count(QualityCount.MODEL_MEDIA, QualityCount.VALID, ""));
    assertEquals(profiles.size(), count(QualityCount.MODEL_PROFILE, QualityCount.VALID, ""));
  }

  /** Nothing held or kept passes the limits; every dead letter is writable. */
  private void checkRecordsAndDeadLetters() {
    for (RawRecord record : records) {
      assertTrue(
          utf8Length(record.text) <= limits.maxLineBytes,
          "a record of " + utf8Length(record.text) + " bytes passed maxLineBytes=" + limits.maxLineBytes);
    }
    for (RejectedItem item : rejected) {
      assertFalse(item.getReasons().isEmpty(), "a dead letter without a reason");
      String raw = item.getRaw();
      assertTrue(raw.indexOf('\0') < 0, "NUL in a dead letter");
      assertTrue(utf8Length(raw) <= RawText.MAX_BYTES, "dead letter raw past RawText.MAX_BYTES");
      if (item.getReasons().contains(ReasonCodes.OVERSIZED_LINE)) {
        assertTrue(utf8Length(raw) <= RawText.OVERSIZED_PREFIX_BYTES, "oversized:line raw past its prefix");
      }
    }
  }

  /** What reaches the sinks: keys without control characters, text without NUL, storable times. */
  private void checkItems() {
    for (Media m : media) {
      assertKey(m.getMediaId(), "media_id");
      assertKey(m.getScope(), "scope");
      assertKey(m.getSource(), "source");
      assertNoControl(m.getAccount(), "account");
      assertNoControl(m.getBrand(), "brand");
      assertNoControl(m.getHashtag(), "hashtag");
      assertNoNul(m.getCaption(), "caption");
      assertNoNul(m.getMediaUrl(), "media_url");
      assertNoNul(m.getPermalink(), "permalink");
      assertNotNull(m.getMediaType());
      assertNotNull(m.getMediaProductType());
      assertTrue(GraphTimestamps.storable(m.getPostedAt()), "posted_at " + m.getPostedAt());
      assertTrue(m.getDay().compareTo("9999-12-31") <= 0 && m.getDay().length() == 10, "day " + m.getDay());
      assertTrue(m.getLikeCount() == null || m.getLikeCount() >= 0);
      assertTrue(m.getCommentsCount() >= 0);
      assertTrue(utf8Length(m.getCaption()) <= limits.maxLineBytes);
    }
    for (ProfileSnapshot p : profiles) {
      assertKey(p.getUsername(), "username");
      assertKey(p.getBrand(), "brand");
      assertNoControl(p.getIgId(), "ig_id");
      assertNoNul(p.getName(), "name");
      assertTrue(p.getFollowersCount() >= 0);
      assertTrue(GraphTimestamps.storable(p.getCollectedAt()), "collected_at " + p.getCollectedAt());
    }
  }

  private static void assertKey(String value, String field) {
    assertNotNull(value, field);
    assertFalse(value.isBlank(), field + " blank");
    assertNoControl(value, field);
  }

  private static void assertNoControl(String value, String field) {
    assertFalse(JsonValues.holdsControlCharacter(value), field + " holds a control character: " + value);
  }

  private static void assertNoNul(String value, String field) {
    assertTrue(value == null || value.indexOf('\0') < 0, field + " holds a NUL");
  }

  private String suffix() {
    switch (kind) {
      case JSONL_GZ:
        return ".jsonl.gz";
      case JSON_XZ:
        return ".json.xz";
      case JSON:
        return ".json";
      default:
        return ".jsonl";
    }
  }

  private void addCounts(List<QualityCount> found) {
    for (QualityCount c : found) {
      counts.merge(key(c.model, c.metric, c.field), c.value, Long::sum);
    }
  }

  private long count(String model, String metric, String field) {
    return counts.getOrDefault(key(model, metric, field), 0L);
  }

  private static long sum(List<QualityCount> counts, String model, String metric) {
    return counts.stream()
        .filter(c -> c.model.equals(model) && c.metric.equals(metric))
        .mapToLong(c -> c.value)
        .sum();
  }

  private static String key(String model, String metric, String field) {
    return model + "|" + metric + "|" + field;
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** gzip (envelopes) or xz with a small dictionary (posts): fast enough to do on every input. */
  private static byte[] compress(byte[] payload, boolean gzip) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      OutputStream out;
      if (gzip) {
        out = new GZIPOutputStream(bytes);
      } else {
        LZMA2Options options = new LZMA2Options(1);
        options.setDictSize(LZMA2Options.DICT_SIZE_MIN);
        out = new XZOutputStream(bytes, options);
      }
      try (out) {
        out.write(payload);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
