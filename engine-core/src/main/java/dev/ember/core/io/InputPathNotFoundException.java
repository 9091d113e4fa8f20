package dev.ember.core.io;

/** An input path given to a reader does not exist. The message names the absolute path. */
public final class InputPathNotFoundException extends RuntimeException {
  private final String path;

  public InputPathNotFoundException(String absolutePath) {
    super("Path does not exist: file:" + absolutePath);
    this.path = absolutePath;
  }

  /** The absolute path that was not found. */
  public String path() {
    return path;
  }
}
