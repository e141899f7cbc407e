package io.buzzbeam.pipelines.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Beam-style {@code --name=value} arguments for the commands that are not pipelines. A bare
 * {@code --flag} means {@code --flag=true}. Unknown options and positional words are usage errors.
 */
public final class Args {
  private final Map<String, String> values;
  private final List<String> positional;

  private Args(Map<String, String> values, List<String> positional) {
    this.values = values;
    this.positional = positional;
  }

  /** Parses {@code args}, accepting only {@code known} option names and no positional words. */
  public static Args parse(String[] args, Set<String> known) {
    return parse(args, known, 0);
  }

  /** Parses {@code args}, accepting only {@code known} options and up to {@code maxPositional} words. */
  public static Args parse(String[] args, Set<String> known, int maxPositional) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> positional = new java.util.ArrayList<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        if (positional.size() >= maxPositional) {
          throw new UsageException("unexpected argument '" + arg + "' (options look like --name=value)");
        }
        positional.add(arg);
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      String value = eq < 0 ? "true" : arg.substring(eq + 1);
      if (!known.contains(name)) {
        throw new UsageException("unknown option --" + name);
      }
      values.put(name, value);
    }
    return new Args(values, positional);
  }

  public List<String> positional() {
    return positional;
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public String get(String name, String defaultValue) {
    return values.getOrDefault(name, defaultValue);
  }

  public String required(String name) {
    String v = values.get(name);
    if (v == null || v.isEmpty()) {
      throw new UsageException("--" + name + " is required");
    }
    return v;
  }

  public int intValue(String name, int defaultValue, int min) {
    String v = values.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < min) {
        throw new UsageException("--" + name + " must be an integer >= " + min + ", got '" + v + "'");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be an integer >= " + min + ", got '" + v + "'");
    }
  }

  public double doubleValue(String name, double defaultValue) {
    String v = values.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number, got '" + v + "'");
    }
  }

  public boolean flag(String name) {
    String v = values.get(name);
    return v != null && !v.equalsIgnoreCase("false");
  }
}
