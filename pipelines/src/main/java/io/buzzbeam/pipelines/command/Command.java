package io.buzzbeam.pipelines.command;

import org.apache.beam.sdk.options.PipelineOptions;

/**
 * One sub-command of {@code ./buzzbeam}. Its options are declared once, as a Beam {@link
 * PipelineOptions} interface ({@link #options()}: {@code @Description}, {@code @Default}), from
 * which {@link CommandOptions} parses the arguments and writes {@code --help}. Implementations
 * throw {@link UsageException} on bad usage and return the exit status of SPEC.md §7: 0 success,
 * 1 failure, 3 the reject-ratio gate tripped.
 */
public interface Command {
  /** The word after {@code ./buzzbeam}, e.g. {@code generate}. */
  String name();

  /** One line for the usage listing. */
  String summary();

  /** The interface that declares this command's options. */
  Class<? extends PipelineOptions> options();

  /** Paragraphs that {@code --help} adds after the options. */
  default String[] helpNotes() {
    return new String[0];
  }

  int run(String[] args) throws Exception;
}
