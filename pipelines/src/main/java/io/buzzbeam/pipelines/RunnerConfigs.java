package io.buzzbeam.pipelines;

import io.buzzbeam.pipelines.command.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Named runner option sets: {@code --runnerConfig=NAME} on the command line is replaced by the
 * options of {@code runner-configs/NAME.options}.
 *
 * <p>An options file holds one {@code --option=value} (or a bare {@code --flag}) per line; blank
 * lines and lines starting with {@code #} are ignored. An option given on the command line wins
 * over the same option from the file. In values, {@code ${VAR}} and {@code ${VAR:-default}} are
 * replaced from the environment, and relative paths of the path options ({@link #PATH_OPTIONS},
 * e.g. {@code --filesToStage=pipelines/target/buzzbeam-job.jar}) are resolved against the
 * repository root: {@code $BUZZBEAM_HOME}, else the current directory.
 */
public final class RunnerConfigs {
  /** The option that names a runner config. */
  public static final String OPTION = "runnerConfig";

  /** Environment variable naming the repository root (relative paths in option files). */
  public static final String HOME_ENV = "BUZZBEAM_HOME";

  /**
   * Options whose values are paths (comma-separated lists for {@code filesToStage}); their relative
   * values in an options file are resolved against the repository root.
   */
  public static final Set<String> PATH_OPTIONS =
      Set.of(
          "filesToStage", "flinkConfDir", "landing", "stageDir", "dataDir", "tempLocation",
          "stopwords", "userDictionary");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

  private RunnerConfigs() {}

  /** The repository root: {@code $BUZZBEAM_HOME}, else the current directory. */
  public static Path home() {
    return home(System.getenv());
  }

  static Path home(Map<String, String> env) {
    String h = env.get(HOME_ENV);
    if (h != null && !h.isBlank()) {
      return Paths.get(h).toAbsolutePath().normalize();
    }
    // Without the launcher: the current directory, or its parent when started inside a module
    // (as Maven runs the tests of pipelines/).
    Path cwd = Paths.get("").toAbsolutePath().normalize();
    if (!Files.isDirectory(cwd.resolve("runner-configs"))
        && cwd.getParent() != null
        && Files.isDirectory(cwd.getParent().resolve("runner-configs"))) {
      return cwd.getParent();
    }
    return cwd;
  }

  /** {@code <home>/runner-configs}. */
  public static Path defaultDir() {
    return home().resolve("runner-configs");
  }

  /** Expands {@code --runnerConfig=NAME} using the process environment. */
  public static String[] apply(String[] args, Path runnerConfigsDir) {
    return apply(args, runnerConfigsDir, System.getenv());
  }

  /**
   * Returns {@code args} with {@code --runnerConfig=NAME} replaced, in place, by the options of
   * {@code runnerConfigsDir/NAME.options} that the command line does not give itself. Without
   * {@code --runnerConfig} the arguments are returned unchanged.
   *
   * @throws UsageException naming {@code --runnerConfig} when NAME is missing, malformed or
   *     unknown, or its file is not a valid options file
   */
  public static String[] apply(String[] args, Path runnerConfigsDir, Map<String, String> env) {
    int at = -1;
    String name = null;
    Set<String> given = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        continue;
      }
      String optName = optionName(arg);
      if (optName.equals(OPTION)) {
        if (at >= 0) {
          throw new UsageException("--" + OPTION + " may be given only once");
        }
        int eq = arg.indexOf('=');
        name = eq < 0 ? "" : arg.substring(eq + 1).trim();
        at = i;
      } else {
        given.add(optName);
      }
    }
    if (at < 0) {
      return args.clone();
    }
    if (name.isEmpty()) {
      throw new UsageException(
          "--" + OPTION + " needs a name, e.g. --" + OPTION + "=flink-local (known: "
              + known(runnerConfigsDir) + ")");
    }
    if (!NAME.matcher(name).matches()) {
      throw new UsageException("--" + OPTION + "='" + name + "' is not a valid runner config name");
    }
    Path file = runnerConfigsDir.resolve(name + ".options");
    if (!Files.isRegularFile(file)) {
      throw new UsageException(
          "--" + OPTION + ": unknown runner config '" + name + "' (known: "
              + known(runnerConfigsDir) + ")");
    }
    List<String> fromFile = read(file, name, home(env), env);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (i == at) {
        for (String opt : fromFile) {
          if (!given.contains(optionName(opt))) {
            out.add(opt);
          }
        }
      } else {
        out.add(args[i]);
      }
    }
    return out.toArray(new String[0]);
  }

  /** The names of the runner configs in {@code dir}, comma-separated (for messages). */
  static String known(Path dir) {
    Set<String> names = new TreeSet<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        files
            .map(p -> p.getFileName().toString())
            .filter(f -> f.endsWith(".options"))
            .forEach(f -> names.add(f.substring(0, f.length() - ".options".length())));
      } catch (IOException e) {
        // only for the message
      }
    }
    return names.isEmpty() ? "none in " + dir : String.join(", ", names);
  }

  private static List<String> read(Path file, String name, Path home, Map<String, String> env) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException("--" + OPTION + "=" + name + ": cannot read " + file + ": " + e);
    }
    List<String> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = "--" + OPTION + "=" + name + ": " + file.getFileName() + " line " + (n + 1);
      if (!line.startsWith("--") || line.length() == 2 || line.startsWith("--=")) {
        throw new UsageException(where + " is not --option=value: '" + line + "'");
      }
      String opt = optionName(line);
      if (opt.equals(OPTION)) {
        throw new UsageException(where + ": runner configs cannot include other runner configs");
      }
      if (!seen.add(opt)) {
        throw new UsageException(where + ": --" + opt + " is given twice");
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        out.add(line);
        continue;
      }
      String value = expand(line.substring(eq + 1).strip(), env, where);
      if (PATH_OPTIONS.contains(opt)) {
        value = resolvePaths(value, home);
      }
      out.add("--" + opt + "=" + value);
    }
    return out;
  }

  private static String expand(String value, Map<String, String> env, String where) {
    Matcher m = VAR.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = env.get(m.group(1));
      if (v == null || (v.isEmpty() && m.group(2) != null)) {
        if (m.group(2) == null) {
          throw new UsageException(where + ": environment variable " + m.group(1) + " is not set");
        }
        v = m.group(3);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(v));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String resolvePaths(String value, Path home) {
    List<String> parts = new ArrayList<>();
    for (String p : value.split(",", -1)) {
      String s = p.strip();
      if (s.isEmpty() || s.contains("://")) {
        parts.add(s);
      } else {
        parts.add(home.resolve(s).normalize().toString());
      }
    }
    return String.join(",", parts);
  }

  private static String optionName(String arg) {
    int eq = arg.indexOf('=');
    return eq < 0 ? arg.substring(2) : arg.substring(2, eq);
  }
}
