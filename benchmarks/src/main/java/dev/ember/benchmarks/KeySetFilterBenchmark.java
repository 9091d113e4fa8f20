package dev.ember.benchmarks;

import dev.ember.core.operator.hash.KeyBitmap;
import dev.ember.core.storage.ColumnCompression;
import dev.ember.core.storage.CompressedColumn;
import dev.ember.core.storage.CompressedSelection;
import dev.ember.core.types.ColumnType;
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
 * Issue 8, the semi-join check a cached scan runs before widening anything, per row, against the
 * key bitmap of a join's build side ({@link KeyBitmap#covering}): {@code keys=orders} is lineitem's
 * order keys (sorted, 1-7 rows per order, stored per 4,096-row batch as 2-byte offsets) against the
 * orders a filter kept (one in seven, as Q5's year of orders); {@code keys=suppliers} lineitem's
 * supplier keys (any of 10,000 in every batch, 2-byte offsets) against one in five suppliers (Q5's
 * region), a set narrower than a batch's offsets can reach; {@code keys=customers} orders' customer
 * keys (any of 150,000, 4-byte offsets) against one customer in five (Q3's market segment).
 * {@code wholeBatches} checks every row
 * of each batch (the first filter of a batch); {@code afterAnotherFilter} the rows a first filter
 * left (every third).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeySetFilterBenchmark {
  private static final int ROWS = 4096;
  private static final int BATCHES = 256;
  /** Every third row of a batch. */
  private static final int CANDIDATES = (ROWS + 2) / 3;
  private static final int SUPPLIERS = 10_000;
  private static final int CUSTOMERS = 150_000;

  private CompressedColumn[] orderKeys;
  private long lowest;
  private long bits;
  private long[] words;
  private int[] candidates;
  private int candidateCount;
  private int[] out;

  @Param({"orders", "suppliers", "customers"})
  public String keys;

  @Setup
  public void setUp() {
    Random random = new Random(5);
    orderKeys = new CompressedColumn[BATCHES];
    long key = 1;
    for (int batch = 0; batch < BATCHES; batch++) {
      long[] values = new long[ROWS];
      if (keys.equals("orders")) {
        for (int row = 0; row < ROWS; ) {
          int lines = 1 + random.nextInt(7);
          for (int line = 0; line < lines && row < ROWS; line++, row++) {
            values[row] = key;
          }
          key += 1 + random.nextInt(8); // TPC-H's order keys leave gaps
        }
      } else {
        int distinct = keys.equals("suppliers") ? SUPPLIERS : CUSTOMERS;
        for (int row = 0; row < ROWS; row++) {
          values[row] = 1 + random.nextInt(distinct);
        }
      }
      orderKeys[batch] = ColumnCompression.compress(new LongVector(ColumnType.LONG, values, null, ROWS));
    }
    long highest = keys.equals("orders") ? key : keys.equals("suppliers") ? SUPPLIERS : CUSTOMERS;
    int keptOneIn = keys.equals("orders") ? 7 : 5;
    long[] kept = new long[(int) highest];
    int keptCount = 0;
    for (long candidate = 1; candidate <= highest; candidate++) {
      if (random.nextInt(keptOneIn) == 0) {
        kept[keptCount++] = candidate;
      }
    }
    KeyBitmap bitmap = KeyBitmap.covering(kept, keptCount, -1, Long.MAX_VALUE);
    lowest = bitmap.lowest();
    bits = bitmap.bits();
    words = bitmap.words();
    candidates = new int[ROWS];
    for (int row = 0; row < ROWS; row += 3) {
      candidates[candidateCount++] = row;
    }
    out = new int[ROWS];
  }

  @Benchmark
  @OperationsPerInvocation(ROWS * BATCHES)
  public int wholeBatches() {
    int kept = 0;
    for (CompressedColumn batch : orderKeys) {
      kept += CompressedSelection.selectInKeySet(batch, lowest, bits, words, null, ROWS, out);
    }
    return kept;
  }

  @Benchmark
  @OperationsPerInvocation(BATCHES * CANDIDATES)
  public int afterAnotherFilter() {
    int kept = 0;
    for (CompressedColumn batch : orderKeys) {
      kept += CompressedSelection.selectInKeySet(batch, lowest, bits, words, candidates, candidateCount, out);
    }
    return kept;
  }
}
