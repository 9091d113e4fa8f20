package dev.ember.core.io;

/**
 * PLACEHOLDER written by the dataframe-api helper so that its module compiles; the CSV helper's
 * real class replaces it at merge. A write target that exists while the save mode forbids it.
 */
public class PathAlreadyExistsException extends RuntimeException {
  public PathAlreadyExistsException(String message) {
    super(message);
  }
}
