package dev.ember.sql.internal;

import java.util.List;
import java.util.Objects;

/**
 * A CSV option that cannot be used: an unknown name, a Spark option Ember does not implement, or
 * a bad value. Names the option (as the user spelled it, lower-cased) and, for an unknown name,
 * the closest known names. {@code DataFrameReader} turns it into the public
 * {@code InvalidOptionException}.
 */
public final class CsvOptionException extends IllegalArgumentException {
  private final String option;
  private final List<String> suggestions;

  public CsvOptionException(String message, String option, List<String> suggestions) {
    super(message);
    this.option = Objects.requireNonNull(option, "option is null");
    this.suggestions = List.copyOf(suggestions);
  }

  public CsvOptionException(String message, String option, Throwable cause) {
    super(message, cause);
    this.option = Objects.requireNonNull(option, "option is null");
    this.suggestions = List.of();
  }

  public String option() {
    return option;
  }

  public List<String> suggestions() {
    return suggestions;
  }
}
