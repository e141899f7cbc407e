package io.buzzbeam.pipelines.command;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The one way the commands read their {@code --name=value} options: each declares them as a Beam
 * {@link PipelineOptions} interface, parsed by Beam's {@link PipelineOptionsFactory} (a bare {@code
 * --flag} means {@code --flag=true}); {@link #help} is written from the same declarations. Bad
 * usage becomes a one-line {@link UsageException} naming the option.
 */
public final class CommandOptions {
  private CommandOptions() {}

  private static final Pattern MISSING_PROPERTY = Pattern.compile("missing a property named '([^']+)'");

  /**
   * {@code args} as {@code iface}, accepting only the options {@code iface} declares (its own
   * getters and those of the interfaces it extends, Beam's {@link PipelineOptions} excepted).
   */
  public static <T extends PipelineOptions> T parse(String[] args, Class<T> iface) {
    Set<String> declared = declared(iface).keySet();
    Map<String, String> last = new LinkedHashMap<>(); // an option given twice: the last one wins
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "' (options look like --name=value)");
      }
      String name = arg.substring(2).split("=", 2)[0];
      if (!declared.contains(name)) {
        throw new UsageException("unknown option --" + name);
      }
      last.remove(name);
      last.put(name, arg);
    }
    return parseWithRegistered(last.values().toArray(String[]::new), iface);
  }

  /**
   * {@code args} as {@code iface}, accepting also the options of every interface registered with
   * Beam (the runners' own: {@code --flinkMaster}, {@code --parallelism}, ...): for the pipeline.
   */
  public static <T extends PipelineOptions> T parseWithRegistered(String[] args, Class<T> iface) {
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "' (options look like --name=value)");
      }
    }
    try {
      return PipelineOptionsFactory.fromArgs(args).withValidation().as(iface);
    } catch (IllegalArgumentException e) {
      String badValue = badValueOf(e, args, iface);
      throw new UsageException(badValue != null ? badValue : oneLine(e.getMessage()));
    }
  }

  /** Whether {@code args} name {@code option}, as {@code --option} or {@code --option=...}. */
  public static boolean mentions(String[] args, String option) {
    for (String a : args) {
      if (a.equals("--" + option) || a.startsWith("--" + option + "=")) {
        return true;
      }
    }
    return false;
  }

  /** {@code value} of {@code --name}, which must not be absent or empty. */
  public static String required(String name, String value) {
    if (value == null || value.isEmpty()) {
      throw new UsageException("--" + name + " is required");
    }
    return value;
  }

  /** {@code value} of {@code --name}, which must be at least {@code min}. */
  public static int atLeast(String name, int value, int min) {
    if (value < min) {
      throw new UsageException("--" + name + " must be an integer >= " + min + ", got '" + value + "'");
    }
    return value;
  }

  /**
   * {@code --help} of a command: its usage line, its summary, then every option its interface
   * declares with its description and default, then its {@link Command#helpNotes}.
   */
  public static void help(PrintStream out, Command command) {
    out.println("usage: ./buzzbeam " + command.name() + " [--option=value ...]");
    out.println(command.summary());
    out.println();
    out.println("options:");
    for (Map.Entry<String, Method> option : declared(command.options()).entrySet()) {
      Method getter = option.getValue();
      Description description = getter.getAnnotation(Description.class);
      String type = getter.getReturnType().getSimpleName().toUpperCase(Locale.ROOT);
      out.println("  --" + option.getKey() + "=" + type);
      String text = description == null ? "" : description.value();
      String dflt = defaultOf(getter);
      for (String line : wrap(text + (dflt == null ? "" : " Default: " + dflt + "."), 90)) {
        out.println("      " + line);
      }
    }
    for (String note : command.helpNotes()) {
      out.println();
      for (String line : wrap(note, 96)) {
        out.println(line);
      }
    }
  }

  /** The options {@code iface} declares, by name, in name order. */
  static Map<String, Method> declared(Class<? extends PipelineOptions> iface) {
    Map<String, Method> options = new TreeMap<>();
    for (Method m : iface.getMethods()) {
      Class<?> owner = m.getDeclaringClass();
      boolean declaredHere = owner != PipelineOptions.class && PipelineOptions.class.isAssignableFrom(owner);
      if (declaredHere && m.getParameterCount() == 0 && m.getName().startsWith("get")) {
        String name = m.getName().substring(3);
        options.put(Character.toLowerCase(name.charAt(0)) + name.substring(1), m);
      }
    }
    return options;
  }

  private static String defaultOf(Method getter) {
    for (Annotation a : getter.getAnnotations()) {
      if (a.annotationType().getEnclosingClass() == Default.class) {
        try {
          return String.valueOf(a.annotationType().getMethod("value").invoke(a));
        } catch (ReflectiveOperationException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * The option a Beam error is about, which its message does not name: an empty value, an option
   * given twice, or a value that is not of its option's type (e.g. {@code --lockWaitSeconds=abc}),
   * which Beam reports by Jackson's message, naming the type and the value but not the option.
   */
  private static String badValueOf(IllegalArgumentException e, String[] args, Class<?> iface) {
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Empty argument value")) {
      return onlyOne(args, a -> a.endsWith("="), " must have a value");
    }
    if (message.startsWith("expected one element")) {
      Map<String, Integer> seen = new TreeMap<>();
      return onlyOne(args, a -> seen.merge(a.split("=", 2)[0], 1, Integer::sum) == 2, " is given more than once");
    }
    if (!(e.getCause() instanceof InvalidFormatException)) {
      return null;
    }
    InvalidFormatException invalid = (InvalidFormatException) e.getCause();
    String value = String.valueOf(invalid.getValue());
    String option = null; // the option given this value, preferably one of the failing type
    for (String a : args) {
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 2 && a.substring(eq + 1).equals(value)) {
        boolean ofType = getterType(iface, a.substring(2, eq)) == invalid.getTargetType();
        if (option == null || ofType) {
          option = a.substring(0, eq);
        }
        if (ofType) {
          break;
        }
      }
    }
    if (option == null) {
      return null;
    }
    return option + " must be " + article(invalid.getTargetType().getSimpleName()) + ", got '" + value + "'";
  }

  private static Class<?> getterType(Class<?> iface, String option) {
    try {
      return iface.getMethod("get" + Character.toUpperCase(option.charAt(0)) + option.substring(1)).getReturnType();
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** {@code --name} + {@code problem} for the one argument that {@code matches}; null if not exactly one. */
  private static String onlyOne(String[] args, java.util.function.Predicate<String> matches, String problem) {
    String found = null;
    for (String a : args) {
      if (matches.test(a)) {
        if (found != null) {
          return null;
        }
        found = a.split("=", 2)[0];
      }
    }
    return found == null ? null : found + problem;
  }

  private static String article(String typeName) {
    switch (typeName) {
      case "Integer":
      case "Long":
        return "an integer";
      case "Double":
        return "a number";
      case "Boolean":
        return "true or false";
      default:
        return "a " + typeName.toLowerCase(Locale.ROOT);
    }
  }

  /** Beam's option errors can span lines and name interfaces; the user wants the option. */
  static String oneLine(String message) {
    if (message == null) {
      return "invalid options";
    }
    Matcher m = MISSING_PROPERTY.matcher(message);
    if (m.find()) {
      return "unknown option --" + m.group(1);
    }
    String first = message.strip().split("\\R", 2)[0];
    return first.isEmpty() ? "invalid options" : first;
  }
}
