package dev.ember.core.operator.aggregate;

import dev.ember.core.vector.ColumnVector;

/**
 * The per-group state of one aggregate function, held in primitive arrays indexed by group id.
 * Each method handles a whole batch: it switches on the vector type once and then loops.
 */
sealed interface Accumulator
    permits CountAccumulator, SumAccumulator, AverageAccumulator, MinMaxAccumulator, FirstAccumulator,
        CountDistinctAccumulator, DecimalSumAccumulator {

  /** Makes room for group ids below {@code groupCount}; new groups start empty. */
  void ensureGroups(int groupCount);

  /** Adds raw input rows: {@code arguments} are the evaluated arguments, row i belongs to {@code groupIds[i]}. */
  void update(ColumnVector[] arguments, int[] groupIds, int rowCount);

  /** Merges partial states (FINAL mode): {@code states} are this function's state columns. */
  void merge(ColumnVector[] states, int[] groupIds, int rowCount);

  /** The partial state columns of groups {@code [from, to)}, in the layout of {@code stateTypes()}. */
  ColumnVector[] states(int from, int to);

  /** The final values of groups {@code [from, to)}. */
  ColumnVector results(int from, int to);

  /** Approximate bytes held, for a later memory-accounting hook. */
  long retainedBytes();
}
