package dev.ember.benchmarks;

import dev.ember.core.storage.ColumnCompression;
import dev.ember.core.storage.CompressedColumn;
import dev.ember.core.storage.CompressedSelection;
import dev.ember.core.types.ColumnType;
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
 * Issue 8, the first range filter a cached scan runs on a batch: lineitem's ship dates (seven years
 * of days, in random order, stored per 4,096-row batch as 2-byte offsets) against a range that keeps
 * {@code keptPercent} of the rows, every row checked. Before measuring, the same check runs on the
 * same data with a range that keeps {@code trainedPercent}: the compiled loop has then seen another
 * query's share first, as in the TPC-H runner, where Q1 (98% of ship dates kept) runs before Q6
 * (15%). Time per row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RangeFilterBenchmark {
  private static final int ROWS = 4096;
  private static final int BATCHES = 256;
  /** TPC-H's ship dates span about seven years. */
  private static final int DAYS = 2_526;
  private static final int FIRST_DAY = 8_036; // 1992-01-02

  /** Q14's month, Q6's and Q12's year, Q3's ship dates after 1995-03-15, Q1's all but the last months. */
  @Param({"1", "15", "54", "98"})
  public int keptPercent;

  @Param({"98", "15"})
  public int trainedPercent;

  private CompressedColumn[] shipDates;
  private int[] out;

  @Setup
  public void setUp() {
    Random random = new Random(6);
    shipDates = new CompressedColumn[BATCHES];
    for (int batch = 0; batch < BATCHES; batch++) {
      int[] days = new int[ROWS];
      for (int row = 0; row < ROWS; row++) {
        days[row] = FIRST_DAY + random.nextInt(DAYS);
      }
      shipDates[batch] = ColumnCompression.compress(new IntVector(ColumnType.DATE, days, null, ROWS));
    }
    out = new int[ROWS];
    for (int round = 0; round < 200; round++) {
      selectAll(trainedPercent);
    }
  }

  private long selectAll(int percent) {
    long highest = FIRST_DAY + (long) DAYS * percent / 100 - 1;
    long kept = 0;
    for (CompressedColumn dates : shipDates) {
      kept += CompressedSelection.selectInRange(dates, FIRST_DAY, highest, null, ROWS, out);
    }
    return kept;
  }

  @Benchmark
  @OperationsPerInvocation(ROWS * BATCHES)
  public long everyRowOfEachBatch() {
    return selectAll(keptPercent);
  }
}
