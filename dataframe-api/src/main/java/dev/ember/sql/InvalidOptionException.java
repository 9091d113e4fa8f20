package dev.ember.sql;

import java.util.List;
import java.util.Objects;

/**
 * A reader option that cannot be used, found when the reader is used ({@code load}/{@code csv}):
 * an unknown option name (the message lists the closest known names), a Spark option Ember does
 * not implement yet, or a value the option does not take. An {@link IllegalArgumentException},
 * as Spark's bad option values are, so code that catches those keeps working.
 */
public class InvalidOptionException extends IllegalArgumentException {
  private final String option;
  private final List<String> suggestions;

  public InvalidOptionException(String message, String option, List<String> suggestions, Throwable cause) {
    super(message, cause);
    this.option = Objects.requireNonNull(option, "option is null");
    this.suggestions = List.copyOf(suggestions);
  }

  /** The option's name, lower-cased (option names are case-insensitive). */
  public String option() {
    return option;
  }

  /** For an unknown name, the closest known option names, closest first; else empty. */
  public List<String> suggestions() {
    return suggestions;
  }
}
