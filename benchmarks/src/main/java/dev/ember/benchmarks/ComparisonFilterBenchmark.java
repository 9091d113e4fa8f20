package dev.ember.benchmarks;

import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.evaluation.RowSelector;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.IntVector;
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
 * Issue 8, a filter's {@code column < constant} on an int column of a batch that is not cached (the
 * filter operator's selector, not a cached scan's range): values spread evenly over [0, 100), the
 * constant keeping {@code keptPercent} of the rows. Before measuring, the same selector runs with the
 * constant that keeps {@code trainedPercent}, as an earlier query's filter would have. Time per row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ComparisonFilterBenchmark {
  private static final int ROWS = 4096;
  private static final int BATCHES = 256;

  @Param({"1", "15", "50", "98"})
  public int keptPercent;

  @Param({"98", "15"})
  public int trainedPercent;

  private Batch[] batches;
  private int[] rows;
  private int[] out;

  @Setup
  public void setUp() {
    Random random = new Random(9);
    batches = new Batch[BATCHES];
    for (int batch = 0; batch < BATCHES; batch++) {
      int[] values = new int[ROWS];
      for (int row = 0; row < ROWS; row++) {
        values[row] = random.nextInt(100);
      }
      batches[batch] = new Batch(new ColumnVector[] {new IntVector(ColumnType.INT, values, null, ROWS)}, ROWS);
    }
    rows = new int[ROWS];
    for (int row = 0; row < ROWS; row++) {
      rows[row] = row;
    }
    out = new int[ROWS];
    for (int round = 0; round < 200; round++) {
      selectAll(trainedPercent);
    }
  }

  private long selectAll(int percent) {
    RowSelector lessThan = new RowSelector.IntColumnComparison(ComparisonOperator.LESS_THAN, 0, ColumnType.INT, percent);
    long kept = 0;
    for (Batch batch : batches) {
      kept += lessThan.select(batch, rows, ROWS, out);
    }
    return kept;
  }

  @Benchmark
  @OperationsPerInvocation(ROWS * BATCHES)
  public long everyRowOfEachBatch() {
    return selectAll(keptPercent);
  }
}
