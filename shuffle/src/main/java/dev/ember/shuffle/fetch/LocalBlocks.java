package dev.ember.shuffle.fetch;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the raw bytes of a run of blocks (one map output, consecutive reduce partitions) live on
 * this executor: a segment of a data file (served zero-copy) or an array in memory. The bytes are
 * the columnar frames as the map task wrote them; the reader decodes them.
 */
public sealed interface LocalBlocks {
  /** Number of bytes of the run. */
  long length();

  /** {@code length} bytes of {@code file} from {@code offset}. */
  record FileSegment(Path file, long offset, long length) implements LocalBlocks {
    public FileSegment {
      Objects.requireNonNull(file, "file is null");
      if (offset < 0 || length < 0) {
        throw new IllegalArgumentException("bad segment " + offset + "+" + length + " of " + file);
      }
    }
  }

  /** Bytes held in memory (not copied: the caller must not change them). */
  record InMemory(byte[] bytes) implements LocalBlocks {
    public InMemory {
      Objects.requireNonNull(bytes, "bytes is null");
    }

    @Override
    public long length() {
      return bytes.length;
    }
  }
}
