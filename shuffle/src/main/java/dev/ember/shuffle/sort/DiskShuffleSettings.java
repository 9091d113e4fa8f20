package dev.ember.shuffle.sort;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The disk shuffle's knobs.
 *
 * @param localDirectory where the executor makes its {@code ember-<uuid>} directory ({@code ember.local.dir})
 * @param compress LZ4-compress blocks ({@code ember.shuffle.compress})
 * @param writeBufferBytes most bytes a sort writer buffers before it spills, whatever its memory grants
 * @param bypassMergeThreshold at most this many reducers: write one file per reducer and concatenate them
 */
public record DiskShuffleSettings(Path localDirectory, boolean compress, long writeBufferBytes, int bypassMergeThreshold) {
  public static final long DEFAULT_WRITE_BUFFER_BYTES = 64L << 20;
  public static final int DEFAULT_BYPASS_MERGE_THRESHOLD = 64;

  public DiskShuffleSettings {
    Objects.requireNonNull(localDirectory, "localDirectory is null");
    if (writeBufferBytes < 1) {
      throw new IllegalArgumentException("the shuffle write buffer must be positive, got " + writeBufferBytes);
    }
    if (bypassMergeThreshold < 0) {
      throw new IllegalArgumentException("the bypass merge threshold must not be negative, got " + bypassMergeThreshold);
    }
  }

  public static DiskShuffleSettings defaults(Path localDirectory) {
    return new DiskShuffleSettings(localDirectory, true, DEFAULT_WRITE_BUFFER_BYTES, DEFAULT_BYPASS_MERGE_THRESHOLD);
  }

  public DiskShuffleSettings withCompress(boolean value) {
    return new DiskShuffleSettings(localDirectory, value, writeBufferBytes, bypassMergeThreshold);
  }

  public DiskShuffleSettings withWriteBufferBytes(long value) {
    return new DiskShuffleSettings(localDirectory, compress, value, bypassMergeThreshold);
  }

  public DiskShuffleSettings withBypassMergeThreshold(int value) {
    return new DiskShuffleSettings(localDirectory, compress, writeBufferBytes, value);
  }
}
