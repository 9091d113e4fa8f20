package dev.ember.benchmarks.tpch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the form {@code --name value} (repeatable) and {@code --flag}; the
 * flags are named up front so that a flag never swallows the next option as its value.
 */
record Arguments(Map<String, List<String>> values) {
  static Arguments parse(String[] arguments, String... flags) {
    Set<String> flagNames = Set.of(flags);
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int index = 0; index < arguments.length; index++) {
      String argument = arguments[index];
      if (!argument.startsWith("--") || argument.length() == 2) {
        throw new IllegalArgumentException("expected an option such as --sf, got '" + argument + "'");
      }
      String name = argument.substring(2);
      String value;
      if (flagNames.contains(name)) {
        value = "true";
      } else if (index + 1 < arguments.length) {
        value = arguments[++index];
      } else {
        throw new IllegalArgumentException("option --" + name + " needs a value");
      }
      values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return new Arguments(values);
  }

  String required(String name) {
    List<String> given = values.get(name);
    if (given == null) {
      throw new IllegalArgumentException("option --" + name + " is required");
    }
    return given.getLast();
  }

  String text(String name, String defaultValue) {
    List<String> given = values.get(name);
    return given == null ? defaultValue : given.getLast();
  }

  int integer(String name, int defaultValue) {
    String given = text(name, null);
    try {
      return given == null ? defaultValue : Integer.parseInt(given);
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException("option --" + name + " takes a whole number, got '" + given + "'");
    }
  }

  double decimal(String name, double defaultValue) {
    String given = text(name, null);
    try {
      return given == null ? defaultValue : Double.parseDouble(given);
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException("option --" + name + " takes a number, got '" + given + "'");
    }
  }

  boolean flag(String name) {
    return values.containsKey(name);
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }
}
