package io.buzzbeam.pipelines.cli;

/**
 * One sub-command of {@code ./buzzbeam}. Implementations parse their own {@code --option=value}
 * arguments (see {@link Args}), throw {@link UsageException} on bad usage, and return the exit
 * status of SPEC.md §7: 0 success, 1 failure, 3 the reject-ratio gate tripped.
 */
public interface Command {
  /** The word after {@code ./buzzbeam}, e.g. {@code generate}. */
  String name();

  /** One line for the usage listing. */
  String summary();

  int run(String[] args) throws Exception;
}
