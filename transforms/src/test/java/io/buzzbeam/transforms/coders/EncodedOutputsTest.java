package io.buzzbeam.transforms.coders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buzzbeam.model.RejectedItem;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class EncodedOutputsTest {

  private static RejectedItem rejected(String position) {
    return RejectedItem.newBuilder()
        .setRunId("run-1")
        .setModel("media")
        .setSourceFile("graph/chanel/2023-09-03.jsonl")
        .setPosition(position)
        .setReasons(List.of("invalid:like_count"))
        .setRaw("{\"id\":\"17\",\"like_count\":\"many\"}")
        .setRejectedAt(java.time.Instant.parse("2023-09-03T04:00:15Z"))
        .build();
  }

  /** Splits each word: its length to one output, the word (if Korean) to another, a dead letter if empty. */
  private static final class SplitFn extends DoFn<String, KV<Integer, byte[]>> {
    private final EncodedOutputs.Output<KV<String, Long>> lengths;
    private final EncodedOutputs.Output<String> korean;
    private final EncodedOutputs.Output<RejectedItem> rejects;

    SplitFn(
        EncodedOutputs.Output<KV<String, Long>> lengths,
        EncodedOutputs.Output<String> korean,
        EncodedOutputs.Output<RejectedItem> rejects) {
      this.lengths = lengths;
      this.korean = korean;
      this.rejects = rejects;
    }

    @ProcessElement
    public void process(@Element String word, OutputReceiver<KV<Integer, byte[]>> out) {
      if (word.isEmpty()) {
        out.output(rejects.encode(rejected("line 3")));
        return;
      }
      out.outputWithTimestamp(lengths.encode(KV.of(word, (long) word.length())), new Instant(word.length()));
      if (word.codePointAt(0) >= 0xAC00 && word.codePointAt(0) <= 0xD7A3) {
        out.output(korean.encode(word));
      }
    }
  }

  /** Each word with its element's timestamp instead of its length. */
  private static final class TimestampFn extends DoFn<KV<String, Long>, KV<String, Long>> {
    @ProcessElement
    public void process(ProcessContext c) {
      c.output(KV.of(c.element().getKey(), c.timestamp().getMillis()));
    }
  }

  @Test
  void eachOutputGetsExactlyItsOwnElementsDecoded() {
    TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);
    EncodedOutputs outputs = new EncodedOutputs();
    EncodedOutputs.Output<KV<String, Long>> lengths =
        outputs.add("Lengths", KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    EncodedOutputs.Output<String> korean = outputs.add("Korean", StringUtf8Coder.of());
    EncodedOutputs.Output<RejectedItem> rejects = outputs.add("Rejected", ModelCoder.of(RejectedItem.class));

    PCollection<KV<Integer, byte[]>> carried =
        p.apply(Create.of("육아일기", "chanel", "", "육퇴"))
            .apply("Split", ParDo.of(new SplitFn(lengths, korean, rejects)))
            .setCoder(EncodedOutputs.CODER);
    PCollection<KV<String, Long>> lengthOut = carried.apply("Lengths", lengths.decoded());
    PCollection<String> koreanOut = carried.apply("Korean", korean.decoded());
    PCollection<RejectedItem> rejectedOut = carried.apply("Rejected", rejects.decoded());

    PAssert.that(lengthOut).containsInAnyOrder(KV.of("육아일기", 4L), KV.of("chanel", 6L), KV.of("육퇴", 2L));
    PAssert.that(koreanOut).containsInAnyOrder("육아일기", "육퇴");
    PAssert.that(rejectedOut).containsInAnyOrder(rejected("line 3"));
    // The element keeps the timestamp the step gave it.
    PAssert.that(
            lengthOut.apply("Timestamps", ParDo.of(new TimestampFn())))
        .containsInAnyOrder(KV.of("육아일기", 4L), KV.of("chanel", 6L), KV.of("육퇴", 2L));
    assertEquals(lengthOut.getCoder(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    assertEquals(koreanOut.getCoder(), StringUtf8Coder.of());
    // Each output's step is named after it.
    assertEquals("Korean/DecodeKorean/ParMultiDo(Decode).output", koreanOut.getName());
    p.run().waitUntilFinish();
  }

  @Test
  void anElementTravelsAsItsIndexAndItsCodersBytes() throws Exception {
    EncodedOutputs outputs = new EncodedOutputs();
    outputs.add("First", StringUtf8Coder.of());
    EncodedOutputs.Output<String> second = outputs.add("Second", StringUtf8Coder.of());
    KV<Integer, byte[]> encoded = second.encode("육퇴");
    assertEquals(1, encoded.getKey());
    assertArrayEquals("육퇴".getBytes(java.nio.charset.StandardCharsets.UTF_8), encoded.getValue());
  }

  @Test
  void outputNamesAreUniqueWithinAStep() {
    EncodedOutputs outputs = new EncodedOutputs();
    outputs.add("Media", StringUtf8Coder.of());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> outputs.add("Media", VarLongCoder.of()));
    assertEquals("output Media is already declared", e.getMessage());
  }
}
