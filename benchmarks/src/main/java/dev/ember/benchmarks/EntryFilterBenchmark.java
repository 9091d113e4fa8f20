package dev.ember.benchmarks;

import dev.ember.core.storage.ColumnCompression;
import dev.ember.core.storage.CompressedColumn;
import dev.ember.core.storage.CompressedSelection;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.StringVector;
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
 * Issue 8, a cached scan's check of a dictionary column against the entries a condition keeps
 * ({@code l_returnflag = 'R'}): lineitem-like return flags (three entries, stored per 4,096-row
 * batch as 1-byte ids) of which {@code keptPercent} of the rows are kept. Before measuring, the same
 * check runs with the entries that keep {@code trainedPercent}, as an earlier query's condition on
 * the column would have. Time per row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EntryFilterBenchmark {
  private static final int ROWS = 4096;
  private static final int BATCHES = 256;
  /** The flags' shares, as TPC-H's: A and R a quarter each, N half. */
  private static final String[] FLAGS = {"A", "N", "R"};

  /** 25: one quarter entry ('R'); 50: 'N'; 75: 'N' or 'R'; 100: all three. */
  @Param({"25", "50", "75", "100"})
  public int keptPercent;

  @Param({"100", "25"})
  public int trainedPercent;

  private CompressedColumn[] flags;
  private int[] out;

  @Setup
  public void setUp() {
    Random random = new Random(8);
    StringVector dictionary = new StringVector(ColumnType.STRING, FLAGS, null, FLAGS.length);
    flags = new CompressedColumn[BATCHES];
    for (int batch = 0; batch < BATCHES; batch++) {
      int[] ids = new int[ROWS];
      for (int row = 0; row < ROWS; row++) {
        int draw = random.nextInt(4);
        ids[row] = draw == 0 ? 0 : draw == 3 ? 2 : 1;
      }
      flags[batch] = ColumnCompression.compress(StringVector.dictionaryEncoded(ColumnType.STRING, ids, dictionary, null, ROWS));
    }
    out = new int[ROWS];
    for (int round = 0; round < 200; round++) {
      selectAll(trainedPercent);
    }
  }

  private static boolean[] entriesKeeping(int percent) {
    return switch (percent) {
      case 25 -> new boolean[] {false, false, true};
      case 50 -> new boolean[] {false, true, false};
      case 75 -> new boolean[] {false, true, true};
      case 100 -> new boolean[] {true, true, true};
      default -> throw new IllegalArgumentException("no entries keep " + percent + "%");
    };
  }

  private long selectAll(int percent) {
    boolean[] keep = entriesKeeping(percent);
    long kept = 0;
    for (CompressedColumn column : flags) {
      kept += CompressedSelection.selectIds(column, keep, false, null, ROWS, out);
    }
    return kept;
  }

  @Benchmark
  @OperationsPerInvocation(ROWS * BATCHES)
  public long everyRowOfEachBatch() {
    return selectAll(keptPercent);
  }
}
