package dev.ember.core.io;

/** A write in mode {@link SaveMode#ERROR_IF_EXISTS} found its target path already there. */
public final class PathAlreadyExistsException extends RuntimeException {
  private final String path;

  public PathAlreadyExistsException(String absolutePath) {
    super("Path file:" + absolutePath
        + " already exists. Set mode to \"overwrite\", \"append\" or \"ignore\" to write there anyway.");
    this.path = absolutePath;
  }

  /** The absolute target path that already exists. */
  public String path() {
    return path;
  }
}
