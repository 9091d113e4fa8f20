package dev.ember.core.shuffle;

import java.util.Objects;

/**
 * Where one map task's output lives and how large each reduce block is (bytes, 0 for an empty
 * block); reported to the driver's map-output tracker. {@code blockHost:blockPort} is the block
 * server of the executor that holds it, or {@code ""} and {@code -1} when it is served by no
 * block server (local mode).
 */
public record MapStatus(String executorId, int shuffleId, int mapId, long[] blockSizes, long[] blockRecords,
    String blockHost, int blockPort) {
  /** No block server: the output is read only by tasks of the same process. */
  public static final int NO_BLOCK_PORT = -1;

  public MapStatus {
    Objects.requireNonNull(executorId, "executorId is null");
    Objects.requireNonNull(blockSizes, "blockSizes is null");
    Objects.requireNonNull(blockRecords, "blockRecords is null");
    Objects.requireNonNull(blockHost, "blockHost is null");
    if (blockPort < NO_BLOCK_PORT || blockPort > 65_535) {
      throw new IllegalArgumentException("block port " + blockPort + " is not a port");
    }
  }

  /** A map output that no block server serves (local mode). */
  public MapStatus(String executorId, int shuffleId, int mapId, long[] blockSizes, long[] blockRecords) {
    this(executorId, shuffleId, mapId, blockSizes, blockRecords, "", NO_BLOCK_PORT);
  }

  /** Whether another process can fetch this output from a block server. */
  public boolean hasBlockServer() {
    return blockPort != NO_BLOCK_PORT;
  }

  /** The same output's location with other block sizes (the scheduler ships tasks only what they read). */
  public MapStatus withSizes(long[] sizes, long[] records) {
    return new MapStatus(executorId, shuffleId, mapId, sizes, records, blockHost, blockPort);
  }
}
