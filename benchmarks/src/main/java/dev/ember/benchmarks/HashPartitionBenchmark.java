package dev.ember.benchmarks;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.LongVector;
import dev.ember.shuffle.partition.HashPartitioner;
import java.util.List;
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
 * Issue 8, the partition of each row an exchange's map side computes ({@link HashPartitioner}:
 * {@code pmod(hash(key), partitions)}) for batches of one long key, such as TPC-H Q18's partial
 * sums by order key: 2 partitions (local[2]'s), 5 (not a power of two) and 200 (a cluster's
 * default). Time per row, hashing included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HashPartitionBenchmark {
  private static final int ROWS = 4096;
  private static final int BATCHES = 64;

  @Param({"2", "5", "200"})
  public int partitions;

  private Batch[] batches;
  private HashPartitioner partitioner;
  private int[] assigned;

  @Setup
  public void setUp() {
    Random random = new Random(18);
    batches = new Batch[BATCHES];
    for (int batch = 0; batch < BATCHES; batch++) {
      long[] keys = new long[ROWS];
      for (int row = 0; row < ROWS; row++) {
        keys[row] = random.nextInt(6_000_000);
      }
      batches[batch] = new Batch(new ColumnVector[] {new LongVector(ColumnType.LONG, keys, null, ROWS)}, ROWS);
    }
    partitioner = new HashPartitioner(List.of(new BoundReference(0, ColumnType.LONG, false)), partitions);
    assigned = new int[ROWS];
  }

  @Benchmark
  @OperationsPerInvocation(ROWS * BATCHES)
  public int assignEveryRow() {
    int checksum = 0;
    for (Batch batch : batches) {
      partitioner.assign(batch, assigned);
      checksum += assigned[ROWS - 1];
    }
    return checksum;
  }
}
