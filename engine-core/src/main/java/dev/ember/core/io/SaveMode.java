package dev.ember.core.io;

/**
 * PLACEHOLDER written by the dataframe-api helper so that its module compiles; the CSV helper's
 * real enum replaces it at merge. What a write does when its target exists.
 */
public enum SaveMode {
  ERROR_IF_EXISTS,
  OVERWRITE,
  APPEND,
  IGNORE;

  public static SaveMode fromSparkName(String name) {
    throw new UnsupportedOperationException("SaveMode.fromSparkName is a placeholder until the CSV sink lands");
  }
}
