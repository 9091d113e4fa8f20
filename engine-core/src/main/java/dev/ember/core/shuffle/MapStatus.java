package dev.ember.core.shuffle;

import java.util.Objects;

/**
 * Where one map task's output lives and how large each reduce block is (bytes, 0 for an empty
 * block); reported to the driver's map-output tracker.
 */
public record MapStatus(String executorId, int shuffleId, int mapId, long[] blockSizes, long[] blockRecords) {
  public MapStatus {
    Objects.requireNonNull(executorId, "executorId is null");
    Objects.requireNonNull(blockSizes, "blockSizes is null");
    Objects.requireNonNull(blockRecords, "blockRecords is null");
  }
}
