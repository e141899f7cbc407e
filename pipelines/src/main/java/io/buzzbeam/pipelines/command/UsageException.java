package io.buzzbeam.pipelines.command;

/**
 * Bad usage of the command line: {@code Main} prints the message on one line and exits with 2.
 * The message names the offending option, e.g. {@code --days must be a positive integer}.
 */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
