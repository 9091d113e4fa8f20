package dev.ember.core.storage;

import java.util.Objects;

/**
 * What an executor holds of one cached block after a change: its bytes on the heap and in files
 * (both 0: the block is gone: evicted without a disk copy, unpersisted, lost), in {@code mode}, and
 * its rows (0 when gone).
 * {@code version} grows with each change of the executor's blocks, so a reader that gets updates
 * out of order keeps the newest.
 */
public record BlockStatus(BlockId id, StorageMode mode, long memoryBytes, long diskBytes, long rows, long version) {
  public BlockStatus {
    Objects.requireNonNull(id, "id is null");
    Objects.requireNonNull(mode, "mode is null");
  }
}
