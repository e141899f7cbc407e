package io.buzzbeam.pipelines.cli;

import io.buzzbeam.pipelines.collect.CollectCommand;
import io.buzzbeam.pipelines.command.Command;
import io.buzzbeam.pipelines.command.CommandOptions;
import io.buzzbeam.pipelines.command.UsageException;
import io.buzzbeam.pipelines.publish.RunLock;
import io.buzzbeam.pipelines.embedded.ServeCommand;
import io.buzzbeam.pipelines.generate.GenerateCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./buzzbeam <command> [--option=value ...]}. Exit status (SPEC §7): 0 success, 1 failure
 * (with the cause), 2 bad usage (one line naming the option), 3 the reject-ratio gate tripped.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static Map<String, Command> commands(PrintStream out, PrintStream err) {
    Map<String, Command> commands = new LinkedHashMap<>();
    for (Command c :
        List.of(
            new RunCommand(out, err),
            new DemoCommand(out),
            new GenerateCommand(),
            new ServeCommand(),
            new CollectCommand())) {
      commands.put(c.name(), c);
    }
    return commands;
  }

  public static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, Command> commands = commands(out, err);
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      usage(commands, args.length == 0 ? err : out);
      return args.length == 0 ? 2 : 0;
    }
    Command command = commands.get(args[0]);
    if (command == null) {
      err.println("buzzbeam: unknown command '" + args[0] + "' (try ./buzzbeam help)");
      return 2;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
      // Written from the command's options interface: what it parses is what it lists.
      CommandOptions.help(out, command);
      return 0;
    }
    try {
      return command.run(rest);
    } catch (UsageException e) {
      err.println("buzzbeam " + command.name() + ": " + e.getMessage());
      return 2;
    } catch (RunLock.Busy e) {
      err.println("buzzbeam " + command.name() + ": " + e.getMessage());
      return 1;
    } catch (Exception | Error e) {
      err.println("buzzbeam " + command.name() + ": failed: " + cause(e));
      if (System.getenv("BUZZBEAM_DEBUG") != null) {
        e.printStackTrace(err);
      }
      return 1;
    }
  }

  /** The innermost cause's message: what went wrong, without Beam's wrapping. */
  static String cause(Throwable e) {
    return rootMessage(e) + " (set BUZZBEAM_DEBUG=1 for the stack trace)";
  }

  /**
   * The innermost cause's first line, e.g. for {@code pipeline_run.reason}. An innermost cause
   * without a message (a bare {@code EOFException} when the server died) is named after the
   * innermost message, which says what was being done.
   */
  public static String rootMessage(Throwable e) {
    Throwable t = e;
    Throwable said = t.getMessage() == null ? null : t;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) {
        said = t;
      }
    }
    String message =
        t.getMessage() != null
            ? t.getClass().getSimpleName() + ": " + t.getMessage()
            : said == null
                ? t.getClass().getSimpleName()
                : said.getClass().getSimpleName() + ": " + said.getMessage() + " (" + t.getClass().getSimpleName() + ")";
    return message.strip().split("\\R", 2)[0];
  }

  private static void usage(Map<String, Command> commands, PrintStream out) {
    out.println("usage: ./buzzbeam <command> [--option=value ...]   (./buzzbeam <command> --help: its options)");
    for (Command c : commands.values()) {
      out.printf("  %-10s %s%n", c.name(), c.summary());
    }
    out.printf("  %-10s %s%n", "dashboards", "up | down | bundle: Apache Superset dashboards over the marts");
  }
}
