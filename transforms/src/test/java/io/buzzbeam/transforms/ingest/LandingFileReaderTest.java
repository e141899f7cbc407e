package io.buzzbeam.transforms.ingest;

import static io.buzzbeam.transforms.ingest.ParsedRecords.counts;
import static io.buzzbeam.transforms.ingest.ParsedRecords.deadLetters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The reading path of one landing file, without a pipeline: limits, framing, decompression. */
class LandingFileReaderTest {

  private static RecordedRead read(LandingFiles.Kind kind, byte[] stored, LandingLimits limits) {
    RecordedRead read = new RecordedRead();
    LandingFileReader.read("f", kind, () -> new ByteArrayInputStream(stored), limits, read);
    return read;
  }

  /** Each record as {@code line:text}. */
  private static List<String> records(RecordedRead read) {
    return read.records.stream().map(r -> r.line + ":" + r.text).collect(Collectors.toList());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void linesAreRecordsWithoutBomOrCarriageReturnAndBlankLinesAreSkipped() {
    RecordedRead read = read(LandingFiles.Kind.JSONL, utf8("\uFEFF{\"a\":1}\r\n  \n\n{\"b\":2}"), LandingLimits.defaults());
    assertEquals(List.of("1:{\"a\":1}", "4:{\"b\":2}"), records(read));
    assertEquals(
        Map.of("envelope skipped blank_line", 2L, "file read", 1L, "file valid", 1L), counts(read.counts));
  }

  /**
   * Found by LandingReaderFuzzTest (corpus: crash-7893491b…): NULs in the first KiB of an
   * oversized line made its dead letter up to three times longer than 1 KiB, because each became
   * a three-byte U+FFFD after the cut.
   */
  @Test
  void anOversizedLineOfNulsKeepsAtMostItsFirstKibAsRawText() {
    String line = "{\"a\":\"" + "\0".repeat(1400) + "\"}";
    RecordedRead read =
        read(
            LandingFiles.Kind.JSONL,
            utf8(line + "\n{\"b\":2}\n"),
            LandingLimits.defaults().withMaxLineBytes(1024));
    assertEquals(List.of("envelope@1[oversized:line]"), deadLetters(read.rejected));
    // 6 ASCII bytes, then as many three-byte U+FFFD as fit in the remaining 1018 bytes: 339.
    assertEquals("{\"a\":\"" + "\uFFFD".repeat(339), read.rejected.get(0).getRaw());
    assertEquals(List.of("2:{\"b\":2}"), records(read));
  }

  @Test
  void aDeadLettersRawTextStaysWithin64KibWhateverItsNuls() {
    assertEquals(RawText.MAX_BYTES / 3, RawText.of("\0".repeat(RawText.MAX_BYTES)).length());
  }

  @Test
  void aLineHoldingARealReplacementCharacterIsValidUtf8() {
    // U+FFFD written as its own three bytes is text, unlike the U+FFFD a decoder puts for bad bytes.
    RecordedRead read =
        read(LandingFiles.Kind.JSONL, utf8("{\"a\":\"\uFFFD\"}\n{\"b\":2}\n"), LandingLimits.defaults());
    assertEquals(List.of("1:{\"a\":\"\uFFFD\"}", "2:{\"b\":2}"), records(read));
    assertEquals(List.of(), deadLetters(read.rejected));
  }

  @Test
  void aLineThatIsNotUtf8IsMalformedJsonShowingReplacementCharacters() {
    byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}', '\n'};
    RecordedRead read = read(LandingFiles.Kind.JSONL, bytes, LandingLimits.defaults());
    assertEquals(List.of("envelope@1[malformed:json]"), deadLetters(read.rejected));
    assertEquals("{\"a\":\"\uFFFD\"}", read.rejected.get(0).getRaw());
    assertEquals(1L, counts(read.counts).get("envelope read"));
    assertEquals(1L, counts(read.counts).get("envelope rejected"));
  }

  @Test
  void aTruncatedGzipKeepsTheLinesBeforeTheDamageAndIsUnreadable() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(utf8("{\"a\":1}\n{\"b\":2}\n"));
    }
    byte[] whole = gz.toByteArray();
    assertEquals(
        List.of("1:{\"a\":1}", "2:{\"b\":2}"),
        records(read(LandingFiles.Kind.JSONL_GZ, whole, LandingLimits.defaults())));

    RecordedRead truncated =
        read(LandingFiles.Kind.JSONL_GZ, Arrays.copyOf(whole, whole.length - 6), LandingLimits.defaults());
    assertEquals(List.of("file@0[unreadable:file]"), deadLetters(truncated.rejected));
    assertEquals(1L, counts(truncated.counts).get("file rejected"));
  }

  @Test
  void aFilePastMaxFileBytesKeepsWhatCameBeforeAndRejectsTheRest() {
    RecordedRead read =
        read(
            LandingFiles.Kind.JSONL,
            utf8("{\"a\":1}\n{\"b\":2}\n"),
            LandingLimits.defaults().withMaxFileBytes(10));
    assertEquals(List.of("1:{\"a\":1}"), records(read));
    assertEquals(List.of("file@0[oversized:file]"), deadLetters(read.rejected));
  }

  @Test
  void anInstaloaderFileIsOneRecordAndAnOversizedOneIsARejectedMedia() {
    assertEquals(
        List.of("1:{\n\"node\": {}\n}"),
        records(read(LandingFiles.Kind.JSON, utf8("{\n\"node\": {}\n}"), LandingLimits.defaults())));
    RecordedRead oversized =
        read(LandingFiles.Kind.JSON, utf8("{\"node\":{}}"), LandingLimits.defaults().withMaxLineBytes(4));
    assertEquals(List.of("media@1[oversized:line]"), deadLetters(oversized.rejected));
    // The reader holds maxLineBytes plus 4 bytes of room for a byte order mark and a carriage
    // return; the raw text is what it held (up to 1 KiB): 4 + 4 bytes.
    assertEquals("{\"node\":", oversized.rejected.get(0).getRaw());
  }

  @Test
  void aFileThatCannotBeOpenedIsUnreadable() {
    RecordedRead read = new RecordedRead();
    LandingFileReader.read(
        "f",
        LandingFiles.Kind.JSON_XZ,
        () -> {
          throw new NoSuchFileException("f");
        },
        LandingLimits.defaults(),
        read);
    assertEquals(List.of("file@0[unreadable:file]"), deadLetters(read.rejected));
    assertTrue(read.rejected.get(0).getRaw().startsWith("java.nio.file.NoSuchFileException"));
    assertEquals(Map.of("file read", 1L, "file rejected", 1L, "file rejected_by_reason unreadable:file", 1L), counts(read.counts));
  }
}
