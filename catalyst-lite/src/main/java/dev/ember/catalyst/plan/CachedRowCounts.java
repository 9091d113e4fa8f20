package dev.ember.catalyst.plan;

import java.util.Arrays;
import java.util.OptionalLong;

/**
 * How many rows each partition of a cached table holds, as its blocks are stored: once every
 * partition's block is known, the table's exact row count, which size estimates use instead of a
 * guess from its source (Spark's statistics of a materialized {@code InMemoryRelation}). A block
 * that is dropped makes the count unknown again until the block is stored anew.
 *
 * <p>Thread-safe: the scheduler's thread records blocks while planning threads read the total.
 */
public final class CachedRowCounts {
  private final long[] rows;
  private int unknown;

  /** Counts for a table of {@code partitions} partitions, none known yet. */
  public CachedRowCounts(int partitions) {
    if (partitions < 0) {
      throw new IllegalArgumentException("partitions must not be negative: " + partitions);
    }
    this.rows = new long[partitions];
    Arrays.fill(rows, -1);
    this.unknown = partitions;
  }

  private CachedRowCounts() {
    this.rows = new long[0];
    this.unknown = 1; // never known: no partition can be recorded
  }

  /** Counts that stay unknown: for a relation whose blocks nobody reports. */
  public static CachedRowCounts notFollowed() {
    return new CachedRowCounts();
  }

  /**
   * Partition {@code partition} holds {@code rowCount} rows; a negative count: not known (its block
   * is gone). Returns whether that changed what was known of the partition.
   */
  public synchronized boolean record(int partition, long rowCount) {
    if (partition < 0 || partition >= rows.length) {
      return false; // not a partition of this table: nothing to learn from it
    }
    long now = rowCount < 0 ? -1 : rowCount;
    long before = rows[partition];
    unknown += (now < 0 ? 1 : 0) - (before < 0 ? 1 : 0);
    rows[partition] = now;
    return now != before;
  }

  /** The table's rows when every partition's count is known, else empty. */
  public synchronized OptionalLong total() {
    if (unknown > 0) {
      return OptionalLong.empty();
    }
    long total = 0;
    for (long partitionRows : rows) {
      total += partitionRows;
    }
    return OptionalLong.of(total);
  }
}
