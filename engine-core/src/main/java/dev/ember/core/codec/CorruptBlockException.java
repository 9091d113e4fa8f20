package dev.ember.core.codec;

/**
 * Encoded or framed bytes that are not what a writer wrote: a checksum mismatch, an unknown codec,
 * version or type code, lengths or offsets that do not fit, or a truncated block. The message says
 * what is wrong and where; callers add which file or shuffle block it was (the shuffle reader turns
 * it into a fetch failure naming the shuffle, map and reduce ids).
 */
public final class CorruptBlockException extends RuntimeException {
  public CorruptBlockException(String message) {
    super(message);
  }

  public CorruptBlockException(String message, Throwable cause) {
    super(message, cause);
  }
}
