package dev.ember.core.io;

import java.util.Locale;

/** What a write does when its target path already exists, as Spark's {@code mode(String)}. */
public enum SaveMode {
  /** Fail with {@link PathAlreadyExistsException} (Spark's default). */
  ERROR_IF_EXISTS,
  /** Replace the existing data once the new data is complete. */
  OVERWRITE,
  /** Add the new files next to the existing ones. */
  APPEND,
  /** Do nothing when the target exists. */
  IGNORE;

  /**
   * The mode for one of Spark's names: {@code error}, {@code errorifexists}, {@code default},
   * {@code overwrite}, {@code append}, {@code ignore} (case-insensitive).
   */
  public static SaveMode fromSparkName(String name) {
    if (name == null) {
      throw new IllegalArgumentException(
          "save mode is null; accepted modes: error, errorifexists, default, overwrite, append, ignore");
    }
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "error", "errorifexists", "default" -> ERROR_IF_EXISTS;
      case "overwrite" -> OVERWRITE;
      case "append" -> APPEND;
      case "ignore" -> IGNORE;
      default -> throw new IllegalArgumentException("Unknown save mode: '" + name
          + "'. Accepted save modes are 'error', 'errorifexists', 'default', 'overwrite', 'append', 'ignore'.");
    };
  }
}
