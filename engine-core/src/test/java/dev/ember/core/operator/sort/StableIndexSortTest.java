package dev.ember.core.operator.sort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The merge sort with its comparators against the JDK's stable sort of the same rows by a
 * comparator written from the plain values: every key type, both directions, nulls first and last,
 * several keys, and sizes on both sides of the insertion runs and the merge widths.
 */
class StableIndexSortTest {
  private static final int[] SIZES = {0, 1, 2, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 1000, 2048, 3001};

  @Test
  void everyKeyTypeAndDirectionSortsAsAStableSortOfThePlainValues() {
    Random random = new Random(20261207);
    for (int size : SIZES) {
      for (int kind = 0; kind < 6; kind++) {
        for (boolean ascending : new boolean[] {true, false}) {
          for (boolean nullsFirst : new boolean[] {true, false}) {
            // Few distinct values: ties are common, so stability is what decides most of the order.
            Key key = key(kind, size, random, 1 + random.nextInt(12), random.nextBoolean());
            assertSortedAsExpected(List.of(key), new boolean[] {ascending}, new boolean[] {nullsFirst}, size,
                "kind " + kind + " size " + size + " ascending " + ascending + " nullsFirst " + nullsFirst);
          }
        }
      }
    }
  }

  @Test
  void severalKeysChainInOrder() {
    Random random = new Random(7);
    for (int size : SIZES) {
      for (int trial = 0; trial < 4; trial++) {
        int keyCount = 2 + random.nextInt(2);
        List<Key> keys = new ArrayList<>();
        boolean[] ascending = new boolean[keyCount];
        boolean[] nullsFirst = new boolean[keyCount];
        for (int k = 0; k < keyCount; k++) {
          keys.add(key(random.nextInt(6), size, random, 1 + random.nextInt(5), random.nextBoolean()));
          ascending[k] = random.nextBoolean();
          nullsFirst[k] = random.nextBoolean();
        }
        assertSortedAsExpected(keys, ascending, nullsFirst, size, "size " + size + " trial " + trial);
      }
    }
  }

  @Test
  void sortedAndReversedInputs() {
    for (int size : SIZES) {
      int[] ascendingValues = new int[size];
      int[] descendingValues = new int[size];
      for (int i = 0; i < size; i++) {
        ascendingValues[i] = i / 3;
        descendingValues[i] = (size - i) / 3;
      }
      for (int[] values : List.of(ascendingValues, descendingValues)) {
        Key key = new Key(new IntVector(ColumnType.INT, values, null, size), row -> values[row]);
        assertSortedAsExpected(List.of(key), new boolean[] {true}, new boolean[] {true}, size, "size " + size);
      }
    }
  }

  /** A key column and the plain value of each row (null for a null row) that the expected order compares. */
  private record Key(ColumnVector vector, java.util.function.IntFunction<Comparable<?>> value) {}

  private static Key key(int kind, int size, Random random, int distinct, boolean withNulls) {
    boolean[] nulls = withNulls ? new boolean[size] : null;
    if (withNulls) {
      for (int i = 0; i < size; i++) {
        nulls[i] = random.nextInt(5) == 0;
      }
    }
    switch (kind) {
      case 0 -> {
        int[] values = new int[size];
        Arrays.setAll(values, i -> random.nextInt(distinct) - distinct / 2);
        return new Key(new IntVector(ColumnType.INT, values, nulls, size), row -> isNull(nulls, row) ? null : values[row]);
      }
      case 1 -> {
        long[] values = new long[size];
        Arrays.setAll(values, i -> (random.nextInt(distinct) - distinct / 2) * 1_000_000_007L);
        return new Key(new LongVector(ColumnType.LONG, values, nulls, size), row -> isNull(nulls, row) ? null : values[row]);
      }
      case 2 -> {
        double[] choices = {Double.NaN, -0.0, 0.0, 1.5, -2.25, Double.NEGATIVE_INFINITY, 3.0, 1e300};
        double[] values = new double[size];
        Arrays.setAll(values, i -> choices[random.nextInt(Math.min(distinct, choices.length))]);
        // Spark's order: NaN above every number, -0.0 equal to 0.0.
        return new Key(new DoubleVector(ColumnType.DOUBLE, values, nulls, size),
            row -> isNull(nulls, row) ? null : (values[row] == 0.0 ? 0.0 : values[row]));
      }
      case 3 -> {
        String[] choices = {"", "a", "ab", "b", "\u00e9", "\u4e2d", "z", "aa", "\ud83d\ude00"};
        String[] values = new String[size];
        Arrays.setAll(values, i -> choices[random.nextInt(Math.min(distinct, choices.length))]);
        StringVector plain = new StringVector(ColumnType.STRING, values, nulls, size);
        return new Key(plain, row -> isNull(nulls, row) ? null : new Utf8(values[row]));
      }
      case 4 -> {
        // A dictionary column: sorted by its entries' ranks.
        String[] entries = {"m", "b", "x", "a", "q"};
        StringVector dictionary = new StringVector(ColumnType.STRING, entries, null, entries.length);
        int[] ids = new int[size];
        Arrays.setAll(ids, i -> random.nextInt(Math.min(distinct, entries.length)));
        StringVector vector = StringVector.dictionaryEncoded(ColumnType.STRING, ids, dictionary, nulls, size);
        return new Key(vector, row -> isNull(nulls, row) ? null : new Utf8(entries[ids[row]]));
      }
      default -> {
        long[] high = new long[size];
        long[] low = new long[size];
        for (int i = 0; i < size; i++) {
          long value = random.nextInt(distinct) - distinct / 2;
          high[i] = value < 0 ? -1 : (random.nextInt(4) == 0 ? 1 : 0);
          low[i] = value;
        }
        return new Key(new DecimalVector(ColumnType.decimal(38, 2), high, low, nulls, size),
            row -> isNull(nulls, row) ? null : new java.math.BigInteger(1, toBytes(high[row], low[row]))
                .subtract(high[row] < 0 ? java.math.BigInteger.ONE.shiftLeft(128) : java.math.BigInteger.ZERO));
      }
    }
  }

  /** Strings in Spark's order: UTF-8 bytes compared unsigned. */
  private record Utf8(String text) implements Comparable<Utf8> {
    @Override
    public int compareTo(Utf8 other) {
      return Arrays.compareUnsigned(text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          other.text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static byte[] toBytes(long high, long low) {
    return java.nio.ByteBuffer.allocate(16).putLong(high).putLong(low).array();
  }

  private static boolean isNull(boolean[] nulls, int row) {
    return nulls != null && nulls[row];
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void assertSortedAsExpected(List<Key> keys, boolean[] ascending, boolean[] nullsFirst, int size, String what) {
    List<Integer> expected = new ArrayList<>();
    for (int row = 0; row < size; row++) {
      expected.add(row);
    }
    Comparator<Integer> order = (left, right) -> 0;
    for (int k = 0; k < keys.size(); k++) {
      Key key = keys.get(k);
      Comparator<Comparable> values = ascending[k] ? Comparator.naturalOrder() : Comparator.reverseOrder();
      Comparator<Comparable> withNulls = nullsFirst[k] ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
      order = order.thenComparing(row -> (Comparable) key.value().apply(row), withNulls);
    }
    expected.sort(order);
    RowComparator[] comparators = new RowComparator[keys.size()];
    for (int k = 0; k < keys.size(); k++) {
      comparators[k] = RowComparator.forKey(keys.get(k).vector(), ascending[k], nullsFirst[k]);
    }
    int[] indexes = new int[size];
    Arrays.setAll(indexes, i -> i);
    StableIndexSort.sort(indexes, size, RowComparator.chain(comparators));
    assertThat(indexes).as(what).containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
  }
}
