package dev.ember.core.source;

import java.util.Objects;

/**
 * Bytes {@code [start, start + length)} of one file. A reader of a split owns the records that
 * begin inside it: it skips a partial first line (unless {@code start == 0}) and reads past its
 * end to finish its last record, so splits can be cut at any byte.
 */
public record FileSplit(String path, long start, long length, long fileLength) {
  public FileSplit {
    Objects.requireNonNull(path, "path is null");
    if (start < 0 || length < 0 || start + length > fileLength) {
      throw new IllegalArgumentException("bad split of " + path + ": start=" + start + " length=" + length + " file=" + fileLength);
    }
  }
}
