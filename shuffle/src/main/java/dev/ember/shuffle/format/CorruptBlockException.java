package dev.ember.shuffle.format;

/**
 * A shuffle block whose bytes are not what a writer wrote: a checksum mismatch, an unknown codec,
 * lengths that do not fit, or a truncated file. Readers turn it into a fetch failure that names the
 * shuffle, map and reduce ids.
 */
public final class CorruptBlockException extends RuntimeException {
  public CorruptBlockException(String message) {
    super(message);
  }

  public CorruptBlockException(String message, Throwable cause) {
    super(message, cause);
  }
}
