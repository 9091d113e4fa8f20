package dev.ember.core.operator.aggregate;

import dev.ember.core.memory.MemoryContext;
import dev.ember.core.memory.SpillFile;
import dev.ember.core.memory.SpillWriter;
import dev.ember.core.operator.sort.Sorting;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import java.util.Arrays;

/**
 * Writes a hash aggregate's groups to disk as one sorted run: rows in the run layout
 * ({@link AggregateLayout#runTypes}) sorted by (key hash, keys), so that {@link AggregateRunMerger}
 * finds the rows of one group next to each other across runs. Counts the run's bytes as spilled.
 */
final class AggregateRunSpiller {
  private final AggregateLayout layout;
  private final MemoryContext memory;

  AggregateRunSpiller(AggregateLayout layout, MemoryContext memory) {
    this.layout = layout;
    this.memory = memory;
  }

  /** Sorts {@code groups} (in the run layout, in any order) and writes them as a new run. */
  SpillFile spill(Batch groups) {
    int rows = groups.rowCount();
    int[] sortColumns = layout.runSortColumns();
    ColumnVector[] sortKeys = new ColumnVector[sortColumns.length];
    for (int i = 0; i < sortKeys.length; i++) {
      sortKeys[i] = groups.column(sortColumns[i]);
    }
    boolean[] ascending = new boolean[sortKeys.length];
    Arrays.fill(ascending, true);
    int[] order = Sorting.sortedOrder(sortKeys, ascending, ascending, rows);
    try (SpillWriter writer = memory.newSpillWriter(layout.runTypes())) {
      int[] positions = new int[Batch.DEFAULT_ROWS];
      for (int start = 0; start < rows; start += Batch.DEFAULT_ROWS) {
        int count = Math.min(Batch.DEFAULT_ROWS, rows - start);
        System.arraycopy(order, start, positions, 0, count);
        writer.write(groups.gather(positions, count));
      }
      SpillFile run = writer.finish();
      memory.metrics().addSpill(run.bytes());
      return run;
    }
  }
}
