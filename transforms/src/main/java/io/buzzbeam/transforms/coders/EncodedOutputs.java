package io.buzzbeam.transforms.coders;

import java.io.Serializable;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The outputs of one step carried as a single collection of encoded elements: the step emits
 * {@link Output#encode}d elements, and each output decodes its own ({@link Output#decoded}) and
 * skips the others' bytes.
 *
 * <pre>{@code
 * EncodedOutputs outputs = new EncodedOutputs();
 * EncodedOutputs.Output<Media> media = outputs.add("Media", ModelCoder.of(Media.class));
 * EncodedOutputs.Output<RejectedItem> rejected = outputs.add("Rejected", rejectedCoder);
 * PCollection<KV<Integer, byte[]>> parsed =
 *     files.apply("Parse", ParDo.of(fn)).setCoder(EncodedOutputs.CODER); // fn emits media.encode(m)
 * PCollection<Media> valid = parsed.apply("Media", media.decoded());
 * }</pre>
 *
 * <p>Why not Beam's tagged outputs: Flink's batch translation of a step with several outputs (Beam
 * 2.70) sends every element of every output to an operator per output, which decodes it in full only
 * to drop it unless it is its own, and the step encodes every element once per output. For the
 * landing parse (media, profiles, dead letters, quality counts) issue #12's profile put that at
 * about 5 % of a run's CPU. Carried as bytes, an element is encoded once and decoded once; the other
 * outputs' copies are byte copies. On a runner that does not encode between steps (the direct
 * runner) it costs one encoding and one decoding per element.
 */
public final class EncodedOutputs {

  /** The coder of the carried collection: the output's index, then the element's bytes. */
  public static final Coder<KV<Integer, byte[]>> CODER =
      KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of());

  private final Set<String> names = new HashSet<>();

  /** A new output of the step, with the coder of its elements; names are unique within the step. */
  public <T> Output<T> add(String name, Coder<T> coder) {
    if (!names.add(Objects.requireNonNull(name, "name"))) {
      throw new IllegalArgumentException("output " + name + " is already declared");
    }
    return new Output<>(name, names.size() - 1, Objects.requireNonNull(coder, "coder"));
  }

  /** One output of the step. */
  public static final class Output<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final int index;
    private final Coder<T> coder;

    private Output(String name, int index, Coder<T> coder) {
      this.name = name;
      this.index = index;
      this.coder = coder;
    }

    /** {@code element} as the step emits it for this output. */
    public KV<Integer, byte[]> encode(T element) {
      try {
        return KV.of(index, CoderUtils.encodeToByteArray(coder, element));
      } catch (CoderException e) {
        throw new IllegalStateException("cannot encode an element of output " + name, e);
      }
    }

    /** This output's elements of the carried collection, decoded, with their coder set. */
    public PTransform<PCollection<KV<Integer, byte[]>>, PCollection<T>> decoded() {
      return new PTransform<PCollection<KV<Integer, byte[]>>, PCollection<T>>() {
        @Override
        public PCollection<T> expand(PCollection<KV<Integer, byte[]>> carried) {
          return carried.apply("Decode" + Output.this.name, ParDo.of(new DecodeFn<>(Output.this))).setCoder(coder);
        }
      };
    }
  }

  /** Keeps the elements of one output, decoded; the timestamp and window stay the element's. */
  private static final class DecodeFn<T> extends DoFn<KV<Integer, byte[]>, T> {
    private final Output<T> output;

    DecodeFn(Output<T> output) {
      this.output = output;
    }

    @ProcessElement
    public void process(@Element KV<Integer, byte[]> element, OutputReceiver<T> out) throws CoderException {
      if (element.getKey() == output.index) {
        out.output(CoderUtils.decodeFromByteArray(output.coder, element.getValue()));
      }
    }
  }
}
