package dev.ember.shuffle.partition;

import dev.ember.core.vector.Batch;
import java.util.Arrays;

/**
 * Splits a batch into one batch per reduce partition: a counting sort of the row positions by
 * partition, then one gather per non-empty partition (no per-row objects). Reuses its buffers
 * between batches; owned by one map task.
 */
public final class BatchSplitter {
  private final Partitioner partitioner;
  private final int[] counts;
  private int[] partitions = new int[0];
  private int[] positions = new int[0];
  /** One partition's positions at a time, from index 0 as a gather reads them (gathers copy, keep nothing). */
  private int[] piecePositions = new int[0];

  public BatchSplitter(Partitioner partitioner) {
    this.partitioner = partitioner;
    this.counts = new int[partitioner.partitionCount() + 1];
  }

  /** The rows of {@code batch} for each reduce partition, in their input order; null where a partition gets none. */
  public Batch[] split(Batch batch) {
    int rows = batch.rowCount();
    int partitionCount = partitioner.partitionCount();
    Batch[] pieces = new Batch[partitionCount];
    if (rows == 0) {
      return pieces;
    }
    if (partitions.length < rows) {
      partitions = new int[rows];
      positions = new int[rows];
      piecePositions = new int[rows];
    }
    partitioner.assign(batch, partitions);
    Arrays.fill(counts, 0);
    countRows(partitions, rows, counts);
    for (int partition = 0; partition < partitionCount; partition++) {
      if (counts[partition + 1] == rows) {
        // The exchange keeps the piece: without the rows a filter did not select.
        pieces[partition] = batch.dense();
        return pieces;
      }
      counts[partition + 1] += counts[partition];
    }
    // counts[p] is now where partition p's rows start; fill positions stably.
    placeRows(partitions, rows, counts.clone(), positions);
    for (int partition = 0; partition < partitionCount; partition++) {
      int from = counts[partition];
      int to = counts[partition + 1];
      if (to > from) {
        // A selection is composed into the positions: the rows are copied once.
        System.arraycopy(positions, from, piecePositions, 0, to - from);
        pieces[partition] = batch.gather(piecePositions, to - from);
      }
    }
    return pieces;
  }

  /*
   * The row loops in methods of their own: split runs once per batch and its loops once per row, so
   * with the loops inside it the JIT compiled split on stack replacement first, with the gathers it
   * inlines, then again whole; a loop of its own is compiled once and small.
   */

  /** {@code counts[p + 1]} += the rows of partition p. */
  private static void countRows(int[] partitions, int rows, int[] counts) {
    for (int row = 0; row < rows; row++) {
      counts[partitions[row] + 1]++;
    }
  }

  /** Each row's position into {@code positions}, at its partition's next place ({@code next}, advanced): stable. */
  private static void placeRows(int[] partitions, int rows, int[] next, int[] positions) {
    for (int row = 0; row < rows; row++) {
      positions[next[partitions[row]]++] = row;
    }
  }
}
