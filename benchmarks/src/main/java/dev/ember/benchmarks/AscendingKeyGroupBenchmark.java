package dev.ember.benchmarks;

import dev.ember.core.operator.hash.LongKeyHashTable;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.LongVector;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 8, group ids for a key column that ascends, as TPC-H's lineitem by order key (Q18's sum by
 * {@code l_orderkey}): the table's ascending mode gives each new key the next id. Each key repeats
 * 1 to {@code 2 * meanRepeats - 1} times (lineitem: 1 to 7, mean 4), so where a new key starts is
 * no pattern a branch predictor learns. Time per row; a new table per {@code BATCHES} batches.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AscendingKeyGroupBenchmark {
  private static final int ROWS = 4096;
  private static final int BATCHES = 64;

  @Param({"1", "4"})
  public int meanRepeats;

  private ColumnVector[][] keyBatches;
  private int[] rows;
  private int[] ids;

  @Setup
  public void setUp() {
    Random random = new Random(18);
    keyBatches = new ColumnVector[BATCHES][];
    long key = 1;
    int left = 1;
    for (int batch = 0; batch < BATCHES; batch++) {
      long[] keys = new long[ROWS];
      for (int row = 0; row < ROWS; row++) {
        if (--left == 0) {
          key += 1 + random.nextInt(4);
          left = 1 + random.nextInt(2 * meanRepeats - 1);
        }
        keys[row] = key;
      }
      keyBatches[batch] = new ColumnVector[] {new LongVector(ColumnType.LONG, keys, null, ROWS)};
    }
    rows = new int[ROWS];
    for (int row = 0; row < ROWS; row++) {
      rows[row] = row;
    }
    ids = new int[ROWS];
  }

  @Benchmark
  @OperationsPerInvocation(ROWS * BATCHES)
  public int assignEveryBatch() {
    LongKeyHashTable table = new LongKeyHashTable(ColumnType.LONG, ROWS);
    for (ColumnVector[] keys : keyBatches) {
      table.findOrInsert(keys, null, rows, ROWS, ids);
    }
    return table.size();
  }
}
