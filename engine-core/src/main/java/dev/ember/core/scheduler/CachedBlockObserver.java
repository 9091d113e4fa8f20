package dev.ember.core.scheduler;

/**
 * Told of each cached block that changed on an executor, as the task result that reports it
 * arrives at the driver, on the scheduler's thread and before the job goes on (so a plan made after
 * the job that cached a table sees its blocks). Planning uses it for the exact row counts of
 * cached tables (Spark's statistics of a materialized {@code InMemoryRelation}).
 */
@FunctionalInterface
public interface CachedBlockObserver {
  /**
   * Partition {@code partition} of cache {@code cacheId} now holds {@code rows} rows, in memory or
   * on disk; {@code rows < 0}: the block is gone (or its executor did not say how many rows it has).
   * Must be quick: the scheduler waits for it.
   */
  void blockChanged(int cacheId, int partition, long rows);
}
