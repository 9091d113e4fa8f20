package dev.ember.cluster.launch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} options and positional arguments of the daemons' main methods, checked
 * against the options each knows so that a typo stops the process with its usage.
 */
public final class CommandLineArguments {
  private final Map<String, String> options;
  private final List<String> positional;

  private CommandLineArguments(Map<String, String> options, List<String> positional) {
    this.options = options;
    this.positional = positional;
  }

  /** @throws IllegalArgumentException naming an unknown option, or one without its value, followed by {@code usage} */
  public static CommandLineArguments parse(String[] arguments, Set<String> known, String usage) {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> positional = new java.util.ArrayList<>();
    for (int index = 0; index < arguments.length; index++) {
      String argument = arguments[index];
      if (argument.startsWith("--")) {
        String name = argument.substring(2);
        if (!known.contains(name)) {
          throw new IllegalArgumentException("unknown option " + argument + "\n" + usage);
        }
        if (index + 1 >= arguments.length) {
          throw new IllegalArgumentException("option " + argument + " needs a value\n" + usage);
        }
        options.put(name, arguments[++index]);
      } else {
        positional.add(argument);
      }
    }
    return new CommandLineArguments(options, List.copyOf(positional));
  }

  public String option(String name, String otherwise) {
    return options.getOrDefault(name, otherwise);
  }

  public String required(String name, String usage) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException("option --" + name + " is required\n" + usage);
    }
    return value;
  }

  public int intOption(String name, int otherwise, String usage) {
    String value = options.get(name);
    if (value == null) {
      return otherwise;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException notNumber) {
      throw new IllegalArgumentException("option --" + name + " needs a whole number, got '" + value + "'\n" + usage,
          notNumber);
    }
  }

  public List<String> positional() {
    return positional;
  }
}
