package io.buzzbeam.pipelines.cli;

/**
 * Bad usage of the command line: {@link Main} prints the message on one line and exits with 2.
 * The message names the offending option, e.g. {@code --days must be a positive integer}.
 */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
