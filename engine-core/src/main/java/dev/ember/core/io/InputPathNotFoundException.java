package dev.ember.core.io;

/**
 * PLACEHOLDER written by the dataframe-api helper so that its module compiles; the CSV helper's
 * real class replaces it at merge. An input path that does not exist.
 */
public class InputPathNotFoundException extends RuntimeException {
  public InputPathNotFoundException(String message) {
    super(message);
  }
}
