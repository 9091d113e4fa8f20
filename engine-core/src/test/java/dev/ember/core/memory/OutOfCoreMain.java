package dev.ember.core.memory;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.operator.Operator;
import dev.ember.core.operator.aggregate.HashAggregateOperator;
import dev.ember.core.operator.join.HashJoinOperator;
import dev.ember.core.operator.sort.SortOperator;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.plan.JoinType;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.LongVector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a sort, an aggregation with many distinct keys and a join, each over generated data more
 * than ten times the execution memory, with a real memory manager, and checks each result against
 * a streaming reference (order checked row by row, sums against closed forms). Meant for a JVM
 * with a small heap ({@link OutOfCoreForkedTest}); prints one {@code OK ...} line per operator and
 * exits 0, or prints what is wrong and exits 1.
 *
 * <p>Arguments: the spill directory, the execution budget in bytes.
 */
public final class OutOfCoreMain {
  private static final Schema TWO_LONGS =
      new Schema(List.of(Field.of("key", ColumnType.LONG), Field.of("value", ColumnType.LONG)));
  private static final BoundReference KEY = new BoundReference(0, ColumnType.LONG, false);
  private static final BoundReference VALUE = new BoundReference(1, ColumnType.LONG, false);
  /** Bytes per generated row: two longs. */
  private static final long ROW_BYTES = 16;

  private OutOfCoreMain() {}

  public static void main(String[] arguments) throws Exception {
    Path spillDirectory = Path.of(arguments[0]);
    long budget = Long.parseLong(arguments[1]);
    UnifiedMemoryManager manager = UnifiedMemoryManager.forExecution(budget, spillDirectory);
    long rows = 11 * budget / ROW_BYTES;
    try {
      sort(manager, rows, 1);
      aggregate(manager, rows, 2);
      join(manager, rows / 2, 3);
      check(manager.executionUsed() == 0, "execution memory left reserved: " + manager.executionUsed());
      check(leftoverFiles(spillDirectory) == 0, "spill files left in " + spillDirectory);
      System.out.println("OK all");
    } catch (Throwable failure) {
      System.out.println("FAILED " + failure);
      failure.printStackTrace(System.out);
      System.exit(1);
    }
  }

  /** Distinct mixed keys: the output must be strictly increasing and hold every row once. */
  private static void sort(UnifiedMemoryManager manager, long rows, long taskId) {
    long referenceKeySum = 0;
    for (long row = 0; row < rows; row++) {
      referenceKeySum += GeneratedOperator.mix(row);
    }
    TaskMetrics metrics = new TaskMetrics();
    long count = 0;
    long keySum = 0;
    long valueSum = 0;
    long previous = Long.MIN_VALUE;
    try (TaskMemoryManager memory = manager.newTaskMemory(taskId);
        Operator sort = new SortOperator(new GeneratedOperator(rows, new GeneratedOperator.RowFunction() {
          @Override
          public long first(long row) {
            return GeneratedOperator.mix(row);
          }

          @Override
          public long second(long row) {
            return row;
          }
        }), TWO_LONGS, List.of(SortOrder.ascending(KEY)), new MemoryContext(memory, metrics))) {
      for (Batch batch = sort.next(); batch != null; batch = sort.next()) {
        long[] keys = ((LongVector) batch.column(0)).values;
        long[] values = ((LongVector) batch.column(1)).values;
        for (int i = 0; i < batch.rowCount(); i++) {
          check(count == 0 || keys[i] > previous, "sort order broken at row " + count);
          check(GeneratedOperator.mix(values[i]) == keys[i], "row " + count + " lost its value");
          previous = keys[i];
          keySum += keys[i];
          valueSum += values[i];
          count++;
        }
      }
      metrics.updatePeakMemory(memory.peak());
    }
    check(count == rows, "sort returned " + count + " rows of " + rows);
    check(keySum == referenceKeySum && valueSum == rows * (rows - 1) / 2, "sort checksums differ");
    report("sort", rows, metrics);
  }

  /** {@code groups} keys, each with {@code rows / groups} rows; sum and count per key have closed forms. */
  private static void aggregate(UnifiedMemoryManager manager, long approximateRows, long taskId) {
    int perGroup = 4;
    long groups = approximateRows / perGroup;
    long rows = groups * perGroup;
    TaskMetrics metrics = new TaskMetrics();
    long seen = 0;
    long keySum = 0;
    long keySquareSum = 0;
    List<AggregateFunction> aggregates = List.of(
        AggregateFunction.of(AggregateKind.SUM, List.of(VALUE)), AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()));
    try (TaskMemoryManager memory = manager.newTaskMemory(taskId);
        Operator aggregate = new HashAggregateOperator(new GeneratedOperator(rows, new GeneratedOperator.RowFunction() {
          @Override
          public long first(long row) {
            return row % groups;
          }

          @Override
          public long second(long row) {
            return row;
          }
        }), AggregateMode.COMPLETE, List.of(KEY), aggregates, new MemoryContext(memory, metrics))) {
      for (Batch batch = aggregate.next(); batch != null; batch = aggregate.next()) {
        long[] keys = ((LongVector) batch.column(0)).values;
        long[] sums = ((LongVector) batch.column(1)).values;
        long[] counts = ((LongVector) batch.column(2)).values;
        for (int i = 0; i < batch.rowCount(); i++) {
          long key = keys[i];
          // Rows key, key + groups, key + 2 groups, ...: the sum is perGroup * key + groups * (0 + 1 + ... + perGroup-1).
          long expectedSum = perGroup * key + groups * ((long) perGroup * (perGroup - 1) / 2);
          check(counts[i] == perGroup && sums[i] == expectedSum, "group " + key + " has count " + counts[i]
              + " and sum " + sums[i] + ", expected " + perGroup + " and " + expectedSum);
          keySum += key;
          keySquareSum += key * key;
          seen++;
        }
      }
      metrics.updatePeakMemory(memory.peak());
    }
    long n = groups;
    check(seen == groups, "aggregate returned " + seen + " groups of " + groups);
    check(keySum == n * (n - 1) / 2 && keySquareSum == (n - 1) * n * (2 * n - 1) / 6, "each key must appear once");
    report("aggregate", rows, metrics);
  }

  /**
   * Both sides: rows in a permuted order (row r is number {@code r * 7919 mod rows}), key = number
   * mod {@code rows * 2/3}, so keys below {@code rows / 3} occur twice on each side and the rest once.
   */
  private static void join(UnifiedMemoryManager manager, long sideRows, long taskId) {
    long rows = sideRows - sideRows % 3;
    long distinct = rows * 2 / 3;
    long doubled = rows / 3;
    GeneratedOperator.RowFunction side = new GeneratedOperator.RowFunction() {
      @Override
      public long first(long row) {
        return Math.floorMod(row * 7919, rows) % distinct;
      }

      @Override
      public long second(long row) {
        return Math.floorMod(row * 7919, rows);
      }
    };
    // Each side row pairs with as many rows as its key has on the other side.
    long expectedPairs = doubled * 4 + (distinct - doubled);
    long expectedValueSum = 0;
    for (long number = 0; number < rows; number++) {
      expectedValueSum += number * (number % distinct < doubled ? 2 : 1);
    }
    TaskMetrics metrics = new TaskMetrics();
    long pairs = 0;
    long leftSum = 0;
    long rightSum = 0;
    boolean fellBack;
    try (TaskMemoryManager memory = manager.newTaskMemory(taskId);
        HashJoinOperator join = new HashJoinOperator(new GeneratedOperator(rows, side),
            new GeneratedOperator(rows, side), JoinType.INNER, List.of(KEY), List.of(KEY), null, TWO_LONGS, TWO_LONGS,
            new MemoryContext(memory, metrics))) {
      for (Batch batch = join.next(); batch != null; batch = join.next()) {
        long[] leftKeys = ((LongVector) batch.column(0)).values;
        long[] leftValues = ((LongVector) batch.column(1)).values;
        long[] rightKeys = ((LongVector) batch.column(2)).values;
        long[] rightValues = ((LongVector) batch.column(3)).values;
        for (int i = 0; i < batch.rowCount(); i++) {
          check(leftKeys[i] == rightKeys[i] && leftValues[i] % distinct == leftKeys[i], "pair " + pairs + " is wrong");
          leftSum += leftValues[i];
          rightSum += rightValues[i];
          pairs++;
        }
      }
      fellBack = join.fellBack();
      metrics.updatePeakMemory(memory.peak());
    }
    check(fellBack, "the hash join should have fallen back to a sort-merge join");
    check(pairs == expectedPairs, "join returned " + pairs + " pairs, expected " + expectedPairs);
    check(leftSum == expectedValueSum && rightSum == expectedValueSum, "join checksums differ");
    report("join", 2 * rows, metrics);
  }

  private static void report(String what, long rows, TaskMetrics metrics) {
    check(metrics.spillCount() > 0 && metrics.spillBytes() > 0, what + " did not spill");
    System.out.println("OK " + what + " rows=" + rows + " inputBytes=" + rows * ROW_BYTES + " spills="
        + metrics.spillCount() + " spillBytes=" + metrics.spillBytes() + " peakMemory=" + metrics.peakExecutionMemory());
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }

  private static long leftoverFiles(Path directory) throws java.io.IOException {
    if (!Files.exists(directory)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.count();
    }
  }
}
