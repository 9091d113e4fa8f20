package dev.ember.shuffle.sort;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The disk shuffle's knobs.
 *
 * @param localDirectory where the executor makes its {@code ember-<owner>-<uuid>} directory ({@code ember.local.dir})
 * @param compress LZ4-compress blocks ({@code ember.shuffle.compress})
 * @param writeBufferBytes most bytes a sort writer buffers before it spills, whatever its memory grants
 * @param bypassMergeThreshold at most this many reducers: write one file per reducer and concatenate them
 * @param inMemoryOutputBytes a map output that never spilled and encodes to at most this many bytes
 *     stays in memory (no files: each file-system call costs tens of microseconds); 0 disables. Worst
 *     case held: this many bytes times the map outputs kept until their shuffle is removed
 */
public record DiskShuffleSettings(
    Path localDirectory, boolean compress, long writeBufferBytes, int bypassMergeThreshold, long inMemoryOutputBytes) {
  public static final long DEFAULT_WRITE_BUFFER_BYTES = 64L << 20;
  public static final int DEFAULT_BYPASS_MERGE_THRESHOLD = 64;
  public static final long DEFAULT_IN_MEMORY_OUTPUT_BYTES = 1L << 20;

  public DiskShuffleSettings {
    Objects.requireNonNull(localDirectory, "localDirectory is null");
    if (writeBufferBytes < 1) {
      throw new IllegalArgumentException("the shuffle write buffer must be positive, got " + writeBufferBytes);
    }
    if (bypassMergeThreshold < 0) {
      throw new IllegalArgumentException("the bypass merge threshold must not be negative, got " + bypassMergeThreshold);
    }
    if (inMemoryOutputBytes < 0 || inMemoryOutputBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "the in-memory map output threshold must be in [0, " + Integer.MAX_VALUE + "], got " + inMemoryOutputBytes);
    }
  }

  /** Settings with the default in-memory output threshold. */
  public DiskShuffleSettings(Path localDirectory, boolean compress, long writeBufferBytes, int bypassMergeThreshold) {
    this(localDirectory, compress, writeBufferBytes, bypassMergeThreshold, DEFAULT_IN_MEMORY_OUTPUT_BYTES);
  }

  public static DiskShuffleSettings defaults(Path localDirectory) {
    return new DiskShuffleSettings(localDirectory, true, DEFAULT_WRITE_BUFFER_BYTES, DEFAULT_BYPASS_MERGE_THRESHOLD);
  }

  public DiskShuffleSettings withCompress(boolean value) {
    return new DiskShuffleSettings(localDirectory, value, writeBufferBytes, bypassMergeThreshold, inMemoryOutputBytes);
  }

  public DiskShuffleSettings withWriteBufferBytes(long value) {
    return new DiskShuffleSettings(localDirectory, compress, value, bypassMergeThreshold, inMemoryOutputBytes);
  }

  public DiskShuffleSettings withBypassMergeThreshold(int value) {
    return new DiskShuffleSettings(localDirectory, compress, writeBufferBytes, value, inMemoryOutputBytes);
  }

  /** The same settings with this in-memory map output threshold (0 writes every map output to files). */
  public DiskShuffleSettings withInMemoryOutputBytes(long value) {
    return new DiskShuffleSettings(localDirectory, compress, writeBufferBytes, bypassMergeThreshold, value);
  }
}
