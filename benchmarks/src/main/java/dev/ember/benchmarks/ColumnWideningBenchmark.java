package dev.ember.benchmarks;

import dev.ember.core.storage.ColumnCompression;
import dev.ember.core.storage.CompressedColumn;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 8, the widening of one cached column of a 4,096-row batch back into a vector, per stored
 * form, against the floor of any fresh vector (copying a long[] of the same rows): what a cached
 * scan pays per column per batch on top of the uncompressed cache.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ColumnWideningBenchmark {
  private static final int ROWS = 4096;

  private long[] keys;
  private CompressedColumn keysAsInts;
  private CompressedColumn quantitiesAsShorts;
  private CompressedColumn discountsAsBytes;
  private CompressedColumn datesAsShorts;
  private CompressedColumn flagsAsByteIds;

  @Setup
  public void setUp() {
    Random random = new Random(8);
    keys = new long[ROWS];
    long[] quantities = new long[ROWS];
    long[] discounts = new long[ROWS];
    int[] dates = new int[ROWS];
    int[] flagIds = new int[ROWS];
    for (int i = 0; i < ROWS; i++) {
      keys[i] = random.nextInt(6_000_000);
      quantities[i] = 100 + random.nextInt(4901);
      discounts[i] = random.nextInt(11);
      dates[i] = 8036 + random.nextInt(2526);
      flagIds[i] = random.nextInt(3);
    }
    keysAsInts = ColumnCompression.compress(new LongVector(ColumnType.LONG, keys, null, ROWS));
    quantitiesAsShorts = ColumnCompression.compress(new LongVector(ColumnType.decimal(15, 2), quantities, null, ROWS));
    discountsAsBytes = ColumnCompression.compress(new LongVector(ColumnType.decimal(15, 2), discounts, null, ROWS));
    datesAsShorts = ColumnCompression.compress(new IntVector(ColumnType.DATE, dates, null, ROWS));
    StringVector dictionary = new StringVector(ColumnType.STRING, new String[] {"A", "N", "R"}, null, 3);
    flagsAsByteIds = ColumnCompression.compress(StringVector.dictionaryEncoded(ColumnType.STRING, flagIds, dictionary, null, ROWS));
    check(keysAsInts, CompressedColumn.IntOffsets.class);
    check(quantitiesAsShorts, CompressedColumn.ShortOffsets.class);
    check(discountsAsBytes, CompressedColumn.ByteOffsets.class);
    check(datesAsShorts, CompressedColumn.ShortOffsets.class);
    check(flagsAsByteIds, CompressedColumn.ByteIds.class);
  }

  private static void check(CompressedColumn column, Class<?> form) {
    if (!form.isInstance(column)) {
      throw new IllegalStateException("expected " + form.getSimpleName() + ", got " + column.getClass().getSimpleName());
    }
  }

  /** The floor: a fresh long vector copied from an uncompressed one. */
  @Benchmark
  public ColumnVector copyLongs() {
    return new LongVector(ColumnType.LONG, keys.clone(), null, ROWS);
  }

  @Benchmark
  public ColumnVector longsFromIntOffsets() {
    return ColumnCompression.widen(keysAsInts);
  }

  @Benchmark
  public ColumnVector decimalsFromShortOffsets() {
    return ColumnCompression.widen(quantitiesAsShorts);
  }

  @Benchmark
  public ColumnVector decimalsFromByteOffsets() {
    return ColumnCompression.widen(discountsAsBytes);
  }

  @Benchmark
  public ColumnVector datesFromShortOffsets() {
    return ColumnCompression.widen(datesAsShorts);
  }

  @Benchmark
  public ColumnVector dictionaryIdsFromBytes() {
    return ColumnCompression.widen(flagsAsByteIds);
  }
}
