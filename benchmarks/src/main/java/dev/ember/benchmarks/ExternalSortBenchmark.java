package dev.ember.benchmarks;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.memory.MemoryContext;
import dev.ember.core.memory.TaskMemoryManager;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.operator.Operator;
import dev.ember.core.operator.sort.SortOperator;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.LongVector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 4: an external sort of 20 million generated LONG keys (160 MB of values) with a 64 MB
 * execution budget, driving {@link SortOperator} directly with a real memory manager: sorted runs
 * are spilled to a temporary directory and merged. {@code budgetMegabytes = 0} is the in-memory
 * sort with unlimited memory, for comparison. Each invocation generates, sorts and drains the rows
 * and checks they come out in order.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ExternalSortBenchmark {
  private static final Schema SCHEMA = new Schema(List.of(Field.of("key", ColumnType.LONG)));

  @Param({"20000000"})
  public long rows;

  @Param({"64", "0"})
  public long budgetMegabytes;

  private Path directory;

  @Setup(Level.Trial)
  public void createDirectory() throws IOException {
    directory = Files.createTempDirectory("ember-sort-benchmark");
  }

  @TearDown(Level.Trial)
  public void deleteDirectory() throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  @Benchmark
  public long sort() {
    TaskMetrics metrics = new TaskMetrics();
    UnifiedMemoryManager manager = budgetMegabytes == 0
        ? UnifiedMemoryManager.forExecution(Long.MAX_VALUE / 4, directory.resolve("spill"))
        : UnifiedMemoryManager.forExecution(budgetMegabytes << 20, directory.resolve("spill"));
    long count = 0;
    long previous = Long.MIN_VALUE;
    try (TaskMemoryManager memory = manager.newTaskMemory(1);
        Operator sort = new SortOperator(new RandomLongs(rows), SCHEMA,
            List.of(SortOrder.ascending(new BoundReference(0, ColumnType.LONG, false))),
            new MemoryContext(memory, metrics))) {
      for (Batch batch = sort.next(); batch != null; batch = sort.next()) {
        long[] keys = ((LongVector) batch.column(0)).values;
        for (int i = 0; i < batch.rowCount(); i++) {
          if (keys[i] < previous) {
            throw new IllegalStateException("out of order at row " + count);
          }
          previous = keys[i];
          count++;
        }
      }
    }
    if (count != rows || (budgetMegabytes > 0 && metrics.spillCount() == 0)) {
      throw new IllegalStateException("sorted " + count + " rows with " + metrics.spillCount() + " spills");
    }
    return count + metrics.spillCount();
  }

  /** Well-mixed longs computed on the fly (murmur3's finalizer of the row number). */
  private static final class RandomLongs implements Operator {
    private final long rows;
    private long next;

    RandomLongs(long rows) {
      this.rows = rows;
    }

    @Override
    public Batch next() {
      if (next >= rows) {
        return null;
      }
      int count = (int) Math.min(Batch.DEFAULT_ROWS, rows - next);
      long[] values = new long[count];
      for (int i = 0; i < count; i++) {
        long h = next + i;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        values[i] = h;
      }
      next += count;
      return new Batch(new ColumnVector[] {new LongVector(ColumnType.LONG, values, null, count)}, count);
    }

    @Override
    public void close() {}
  }
}
