package dev.ember.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Range selection and selective widening on compressed columns against the widened column read
 * row by row: every stored form (byte, short and int offsets, plain vectors), nulls, bounds inside,
 * outside and at the ends of the values and of the types.
 */
class CompressedSelectionTest {
  private static final ColumnType[] TYPES = {
      ColumnType.INT, ColumnType.DATE, ColumnType.LONG, ColumnType.TIMESTAMP, ColumnType.decimal(15, 2)};

  private static ColumnVector column(Random random, ColumnType type, int size, long base, long spread, double nullRate) {
    boolean ints = type.equals(ColumnType.INT) || type.equals(ColumnType.DATE);
    boolean[] nulls = new boolean[size];
    boolean any = false;
    long[] values = new long[size];
    for (int i = 0; i < size; i++) {
      values[i] = base + (spread <= 0 ? 0 : random.nextLong(spread));
      if (ints) {
        values[i] = (int) values[i];
      }
      nulls[i] = random.nextDouble() < nullRate;
      any |= nulls[i];
    }
    if (ints) {
      int[] narrow = new int[size];
      for (int i = 0; i < size; i++) {
        narrow[i] = (int) values[i];
      }
      return new IntVector(type, narrow, any ? nulls : null, size);
    }
    return new LongVector(type, values, any ? nulls : null, size);
  }

  private static long valueAt(ColumnVector vector, int row) {
    return vector instanceof IntVector ints ? ints.values[row] : ((LongVector) vector).values[row];
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void rangesOnStoredOffsetsKeepTheRowsTheWidenedColumnKeeps(int seedOffset) {
    long seed = TestSeeds.seed(9400 + seedOffset);
    Random random = new Random(seed);
    for (int round = 0; round < 300; round++) {
      ColumnType type = TYPES[random.nextInt(TYPES.length)];
      boolean ints = type.equals(ColumnType.INT) || type.equals(ColumnType.DATE);
      long[] spreads = {1, 200, 60_000, 3_000_000_000L, Long.MAX_VALUE / 2};
      long spread = spreads[random.nextInt(ints ? 4 : spreads.length)];
      long base = ints ? random.nextInt(2_000_001) - 1_000_000 : random.nextLong(-(1L << 40), 1L << 40);
      if (ints && spread > Integer.MAX_VALUE / 2) {
        base = Integer.MIN_VALUE / 2;
      }
      int size = random.nextInt(5) == 0 ? random.nextInt(3) : random.nextInt(600);
      ColumnVector vector = column(random, type, size, base, spread, random.nextInt(3) == 0 ? 0.2 : 0.0);
      CompressedColumn stored = random.nextInt(6) == 0 ? new CompressedColumn.PassThrough(vector) : ColumnCompression.compress(vector);

      long lowest = bound(random, vector, base, spread, ints);
      long highest = bound(random, vector, base, spread, ints);
      int[] rows = new int[size];
      int count = 0;
      boolean everyRow = random.nextInt(3) == 0; // a batch's first range sees every row
      for (int row = 0; row < size; row++) {
        if (everyRow || random.nextInt(4) != 0) {
          rows[count++] = row;
        }
      }
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int row = rows[i];
        if (!vector.isNull(row) && valueAt(vector, row) >= lowest && valueAt(vector, row) <= highest) {
          expected.add(row);
        }
      }
      int[] out = rows.clone();
      // Every row is passed as no candidates array at all, as the cached scan's first range does.
      boolean noCandidates = everyRow && random.nextBoolean();
      int kept = CompressedSelection.selectInRange(stored, lowest, highest, noCandidates ? null : out, count, out);
      List<Integer> actual = new ArrayList<>();
      for (int i = 0; i < kept; i++) {
        actual.add(out[i]);
      }
      String description = TestSeeds.describe(seed) + ", round " + round + ": " + stored.getClass().getSimpleName()
          + " of " + type + " in [" + lowest + ", " + highest + "]";
      assertThat(actual).as(description).isEqualTo(expected);

      // The kept rows widened alone equal the widened column's rows.
      ColumnVector widened = CompressedSelection.widenAt(stored, out, kept);
      ColumnVector reference = vector.select(out, kept);
      assertThat(widened.type()).isEqualTo(type);
      for (int i = 0; i < kept; i++) {
        assertThat(widened.getObject(i)).as(description).isEqualTo(reference.getObject(i));
      }
    }
  }

  private static long bound(Random random, ColumnVector vector, long base, long spread, boolean ints) {
    switch (random.nextInt(6)) {
      case 0 -> {
        return ints ? (random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE)
            : (random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE);
      }
      case 1, 2 -> {
        if (vector.size() > 0) {
          long value = valueAt(vector, random.nextInt(vector.size()));
          return value + random.nextInt(3) - 1;
        }
        return base;
      }
      default -> {
        return base + (spread <= 1 ? random.nextInt(3) - 1 : random.nextLong(-10, Math.min(spread, Long.MAX_VALUE / 4) + 10));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {255, 256, 257, 70_000})
  void dictionaryIdsAreWidenedAtTheKeptRowsAndCannotBeRangeCompared(int distinct) {
    Random random = new Random(TestSeeds.seed(9450 + distinct));
    int size = 2 * distinct;
    String[] values = new String[size];
    boolean[] nulls = new boolean[size];
    for (int i = 0; i < size; i++) {
      values[i] = "v" + (i % distinct);
      nulls[i] = random.nextInt(9) == 0;
    }
    StringVector plain = new StringVector(ColumnType.STRING, values, nulls, size);
    StringVector dictionary = dev.ember.core.vector.StringLayouts.dictionaryEncoded(plain);
    CompressedColumn stored = ColumnCompression.compress(dictionary);
    int[] rows = new int[size];
    int count = 0;
    for (int row = 0; row < size; row++) {
      if (random.nextBoolean()) {
        rows[count++] = row;
      }
    }
    assertThat(CompressedSelection.selectInRange(stored, 0, 10, rows.clone(), count, new int[size])).isEqualTo(-1);
    ColumnVector widened = CompressedSelection.widenAt(stored, rows, count);
    for (int i = 0; i < count; i++) {
      assertThat(widened.getObject(i)).isEqualTo(plain.getObject(rows[i]));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 200, 256, 300, 40_000})
  void entryVerdictsOnStoredIdsKeepTheRowsTheWidenedColumnKeeps(int distinct) {
    long seed = TestSeeds.seed(9470 + distinct);
    Random random = new Random(seed);
    for (int round = 0; round < 12; round++) {
      int size = distinct >= 40_000 ? 2 * distinct : 1 + random.nextInt(3 * distinct + 50);
      boolean withNulls = random.nextBoolean();
      String[] values = new String[size];
      boolean[] nulls = new boolean[size];
      for (int i = 0; i < size; i++) {
        values[i] = i < distinct ? "v" + i : "v" + random.nextInt(distinct);
        nulls[i] = withNulls && random.nextInt(5) == 0;
      }
      StringVector plain = new StringVector(ColumnType.STRING, values, withNulls ? nulls : null, size);
      StringVector encoded = dev.ember.core.vector.StringLayouts.dictionaryEncoded(plain);
      CompressedColumn stored = ColumnCompression.compress(encoded);
      StringVector dictionary = CompressedSelection.dictionaryOf(stored);
      assertThat(dictionary).as("stored as ids").isNotNull();
      boolean[] keepEntry = new boolean[dictionary.size()];
      for (int entry = 0; entry < keepEntry.length; entry++) {
        keepEntry[entry] = random.nextInt(3) == 0;
      }
      boolean keepNull = random.nextBoolean();
      boolean everyRow = random.nextBoolean();
      int[] rows = new int[size];
      int count = 0;
      for (int row = 0; row < size; row++) {
        if (everyRow || random.nextBoolean()) {
          rows[count++] = row;
        }
      }
      Map<String, Integer> entries = new HashMap<>();
      for (int entry = 0; entry < dictionary.size(); entry++) {
        entries.put(dictionary.get(entry), entry);
      }
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int row = rows[i];
        if (plain.isNull(row) ? keepNull : keepEntry[entries.get(plain.get(row))]) {
          expected.add(row);
        }
      }
      int[] out = new int[size];
      int kept = CompressedSelection.selectIds(stored, keepEntry, keepNull, everyRow ? null : rows, count, out);
      String description = TestSeeds.describe(seed) + ", round " + round + ", " + size + " rows, nulls " + withNulls
          + ", keep null " + keepNull;
      if (withNulls && keepNull && plain.mayHaveNulls()) {
        assertThat(kept).as("kept nulls are left to the filter: " + description).isEqualTo(-1);
        continue;
      }
      List<Integer> actual = new ArrayList<>();
      for (int i = 0; i < kept; i++) {
        actual.add(out[i]);
      }
      assertThat(actual).as(description).isEqualTo(expected);
    }
    // Offsets are not ids.
    CompressedColumn offsets = ColumnCompression.compress(new IntVector(ColumnType.INT, new int[] {1, 2, 3}, null, 3));
    assertThat(CompressedSelection.dictionaryOf(offsets)).isNull();
    assertThat(CompressedSelection.selectIds(offsets, new boolean[] {true}, false, null, 3, new int[3])).isEqualTo(-1);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void keySetChecksOnStoredValuesKeepTheRowsWhoseKeyIsInTheSet(int seedOffset) {
    long seed = TestSeeds.seed(9490 + seedOffset);
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      ColumnType type = random.nextBoolean() ? ColumnType.INT : ColumnType.LONG;
      long[] spreads = {1, 200, 60_000, 3_000_000_000L};
      long spread = spreads[random.nextInt(type.equals(ColumnType.INT) ? 3 : 4)];
      long base = random.nextInt(2_000_001) - 1_000_000;
      int size = random.nextInt(5) == 0 ? random.nextInt(3) : random.nextInt(700);
      ColumnVector vector = column(random, type, size, base, spread, random.nextInt(3) == 0 ? 0.2 : 0.0);
      CompressedColumn stored = random.nextInt(5) == 0 ? new CompressedColumn.PassThrough(vector) : ColumnCompression.compress(vector);
      // A set over part of the values' range (sometimes beyond it on either side), as a bitmap.
      long lowest = base + (spread <= 1 ? random.nextInt(3) - 1 : random.nextLong(-10, Math.min(spread, 5_000_000)));
      long bits = 1 + random.nextInt(random.nextBoolean() ? 100 : 200_000);
      assertKeySetKeepsTheRowsOfItsKeys(random, vector, stored, lowest, bits, false,
          TestSeeds.describe(seed) + ", round " + round + ": " + stored.getClass().getSimpleName() + " of " + type);
    }
    StringVector strings = new StringVector(ColumnType.STRING, new String[] {"a", "b"}, null, 2);
    assertThat(CompressedSelection.selectInKeySet(ColumnCompression.compress(dev.ember.core.vector.StringLayouts.dictionaryEncoded(strings)),
        0, 1, new long[1], null, 2, new int[2])).as("ids hold no keys").isEqualTo(-1);
  }

  /**
   * A set that covers every value a batch's 1- or 2-byte offsets can hold takes the loop without a
   * range check per row; at the boundary (one bit fewer) the checked loop. Both keep exactly the
   * rows whose key is in the set.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void keySetsCoveringEveryOffsetOfABatchKeepTheSameRows(int seedOffset) {
    long seed = TestSeeds.seed(9495 + seedOffset);
    Random random = new Random(seed);
    for (int round = 0; round < 300; round++) {
      boolean bytes = random.nextBoolean();
      long maximumOffset = bytes ? 0xFF : 0xFFFF;
      int size = random.nextInt(10) == 0 ? random.nextInt(3) : 1 + random.nextInt(700);
      ColumnVector vector = column(random, ColumnType.LONG, size, random.nextInt(2_000_001) - 1_000_000, maximumOffset + 1,
          random.nextInt(3) == 0 ? 0.2 : 0.0);
      CompressedColumn stored = ColumnCompression.compress(vector);
      long minimum = Long.MAX_VALUE;
      for (int row = 0; row < size; row++) {
        minimum = Math.min(minimum, valueAt(vector, row));
      }
      long lowest = size == 0 ? 0 : minimum - random.nextInt(4);
      long shift = size == 0 ? 0 : minimum - lowest;
      // The fewest bits that hold every offset from this shift, one fewer, or a few more.
      long fewest = shift + maximumOffset + 1;
      long bits = switch (random.nextInt(3)) {
        case 0 -> fewest - 1;
        case 1 -> fewest;
        default -> fewest + random.nextInt(200);
      };
      assertKeySetKeepsTheRowsOfItsKeys(random, vector, stored, lowest, bits, true,
          TestSeeds.describe(seed) + ", round " + round + ": " + stored.getClass().getSimpleName());
    }
  }

  /**
   * 4-byte offsets: a set that covers the batch's largest offset takes the loop without a range
   * check per row, one bit fewer the checked loop; both keep exactly the rows whose key is in it.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void keySetsCoveringTheLargestIntOffsetOfABatchKeepTheSameRows(int seedOffset) {
    long seed = TestSeeds.seed(9595 + seedOffset);
    Random random = new Random(seed);
    for (int round = 0; round < 200; round++) {
      int size = random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 1 + random.nextInt(700);
      ColumnVector vector = column(random, ColumnType.LONG, size, random.nextInt(2_000_001) - 1_000_000,
          70_000 + random.nextInt(200_000), random.nextInt(3) == 0 ? 0.2 : 0.0);
      CompressedColumn stored = ColumnCompression.compress(vector);
      long minimum = Long.MAX_VALUE;
      long maximum = Long.MIN_VALUE;
      for (int row = 0; row < size; row++) {
        minimum = Math.min(minimum, valueAt(vector, row));
        maximum = Math.max(maximum, valueAt(vector, row));
      }
      long lowest = minimum - random.nextInt(4);
      long fewest = maximum - lowest + 1;
      long bits = switch (random.nextInt(3)) {
        case 0 -> fewest - 1;
        case 1 -> fewest;
        default -> fewest + random.nextInt(200);
      };
      assertKeySetKeepsTheRowsOfItsKeys(random, vector, stored, lowest, bits, true,
          TestSeeds.describe(seed) + ", round " + round + ": " + stored.getClass().getSimpleName());
    }
  }

  /**
   * A random set of the keys {@code lowest .. lowest + bits - 1} (each in a third of cases; the last
   * always when {@code lastKeyIn}) checked on every row or a random subset of {@code stored}: the
   * rows kept are the non-null rows whose value a HashSet of the keys holds.
   */
  private static void assertKeySetKeepsTheRowsOfItsKeys(Random random, ColumnVector vector, CompressedColumn stored,
      long lowest, long bits, boolean lastKeyIn, String description) {
    int size = vector.size();
    long[] words = new long[(int) ((bits + 63) >>> 6)];
    Set<Long> keys = new HashSet<>();
    for (long offset = 0; offset < bits; offset++) {
      if (random.nextInt(3) == 0 || (lastKeyIn && offset == bits - 1)) {
        words[(int) (offset >>> 6)] |= 1L << offset;
        keys.add(lowest + offset);
      }
    }
    boolean everyRow = random.nextBoolean();
    int[] rows = new int[size];
    int count = 0;
    for (int row = 0; row < size; row++) {
      if (everyRow || random.nextInt(3) != 0) {
        rows[count++] = row;
      }
    }
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (!vector.isNull(rows[i]) && keys.contains(valueAt(vector, rows[i]))) {
        expected.add(rows[i]);
      }
    }
    int[] out = new int[size];
    int kept = CompressedSelection.selectInKeySet(stored, lowest, bits, words, everyRow ? null : rows, count, out);
    List<Integer> actual = new ArrayList<>();
    for (int i = 0; i < kept; i++) {
      actual.add(out[i]);
    }
    assertThat(actual).as(description + ", set from " + lowest + ", " + bits + " bits").isEqualTo(expected);
  }
}
