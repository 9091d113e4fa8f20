package dev.ember.core.storage;

/** One cached partition: partition {@code partition} of the data cached under {@code cacheId}. */
public record BlockId(int cacheId, int partition) {
  public BlockId {
    if (cacheId < 0) {
      throw new IllegalArgumentException("cache id must not be negative: " + cacheId);
    }
    if (partition < 0) {
      throw new IllegalArgumentException("partition must not be negative: " + partition);
    }
  }

  @Override
  public String toString() {
    return "cache_" + cacheId + "_" + partition;
  }
}
