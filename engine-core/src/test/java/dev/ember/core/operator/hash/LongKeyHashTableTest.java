package dev.ember.core.operator.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.VectorHashing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link LongKeyHashTable} against a {@link HashMap} from key (null included) to id. */
class LongKeyHashTableTest {
  private static final long[] EDGE_LONGS = {
      0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, 1L << 32, -(1L << 32),
      (1L << 32) | 1, 1L << 63 >>> 1};
  private static final int[] EDGE_INTS = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 16, -(1 << 16)};

  enum KeyShape { DENSE, WIDE, SKEWED, COLLIDING, STRIDED, CLUSTERED }

  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    long seed = 1;
    for (ColumnType type : List.of(ColumnType.INT, ColumnType.LONG, ColumnType.DATE, ColumnType.TIMESTAMP)) {
      for (KeyShape shape : KeyShape.values()) {
        // seed, type, shape, batches, max rows per batch, null rate
        cases.add(Arguments.of(seed++, type, shape, 60, 700, 0.05));
        cases.add(Arguments.of(seed++, type, shape, 3, 1, 0.5));
      }
      // Growth through several sizes: the table starts at 16 keys and rehashes many times.
      cases.add(Arguments.of(seed++, type, KeyShape.WIDE, 40, 4096, 0.001));
      cases.add(Arguments.of(seed++, type, KeyShape.DENSE, 0, 0, 0.0));
    }
    return cases.stream();
  }

  /** Keys that all start at the last slot of a 32-slot table, so they chain past one another and wrap around. */
  private static final long[] COLLIDING_KEYS = collidingKeys(40);

  private static long[] collidingKeys(int count) {
    long[] keys = new long[count];
    int found = 0;
    for (long candidate = Integer.MIN_VALUE; found < count; candidate += 7919) {
      if (LongKeyHashTable.firstSlot(candidate, 32) == 31) {
        keys[found++] = candidate;
      }
    }
    return keys;
  }

  private static long randomKey(Random random, ColumnType type, KeyShape shape) {
    boolean ints = type.equals(ColumnType.INT) || type.equals(ColumnType.DATE);
    long key = switch (shape) {
      case DENSE -> random.nextInt(300) - 150;
      case WIDE -> random.nextInt(8) == 0
          ? (ints ? EDGE_INTS[random.nextInt(EDGE_INTS.length)] : EDGE_LONGS[random.nextInt(EDGE_LONGS.length)])
          : (ints ? random.nextInt() : random.nextLong());
      // One key takes most rows.
      case SKEWED -> random.nextInt(10) < 8 ? 42 : random.nextInt(1000);
      case COLLIDING -> COLLIDING_KEYS[random.nextInt(COLLIDING_KEYS.length)];
      // Every key at the same place of its block of 16 slots.
      case STRIDED -> (random.nextInt(20_000) - 10_000) * 256L;
      // Runs of neighbours that share blocks, some absent.
      case CLUSTERED -> 1_000_000 + random.nextInt(20_000);
    };
    return ints ? (int) key : key;
  }

  private static ColumnVector vector(ColumnType type, Long[] keys) {
    boolean[] nulls = new boolean[keys.length];
    boolean anyNull = false;
    for (int i = 0; i < keys.length; i++) {
      nulls[i] = keys[i] == null;
      anyNull |= nulls[i];
    }
    if (type.equals(ColumnType.INT) || type.equals(ColumnType.DATE)) {
      int[] values = new int[keys.length];
      for (int i = 0; i < keys.length; i++) {
        // Null slots hold garbage: the table must not read them as keys.
        values[i] = keys[i] == null ? 42 : (int) (long) keys[i];
      }
      return new IntVector(type, values, anyNull ? nulls : null, keys.length);
    }
    long[] values = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      values[i] = keys[i] == null ? 42 : keys[i];
    }
    return new LongVector(type, values, anyNull ? nulls : null, keys.length);
  }

  @ParameterizedTest(name = "seed {0}: {1} keys, {2}, {3} batches of up to {4} rows, null rate {5}")
  @MethodSource("cases")
  void idsAgreeWithAHashMapAndTheKeyColumnAndHashesWithTheKeys(
      long seed, ColumnType type, KeyShape shape, int batches, int maxRows, double nullRate) {
    Random random = new Random(seed);
    KeyTable table = KeyTable.create(List.of(type), 16);
    assertThat(table).isInstanceOf(LongKeyHashTable.class);
    Map<Long, Integer> model = new HashMap<>();
    for (int batch = 0; batch < batches; batch++) {
      int count = random.nextInt(maxRows + 1);
      Long[] keys = new Long[count];
      for (int i = 0; i < count; i++) {
        keys[i] = random.nextDouble() < nullRate ? null : randomKey(random, type, shape);
      }
      ColumnVector[] columns = {vector(type, keys)};
      // A selection of the rows: unselected ones keep their id.
      int[] rows = new int[count];
      int selected = 0;
      for (int i = 0; i < count; i++) {
        if (random.nextInt(5) != 0) {
          rows[selected++] = i;
        }
      }
      int[] ids = new int[count];
      Arrays.fill(ids, -7);
      boolean insert = batch % 5 != 4;
      if (insert) {
        table.findOrInsert(columns, new int[0], rows, selected, ids);
      } else {
        table.find(columns, new int[0], rows, selected, ids, new KeyHashTable.ProbeScratch());
      }
      boolean[] isSelected = new boolean[count];
      for (int i = 0; i < selected; i++) {
        isSelected[rows[i]] = true;
      }
      for (int i = 0; i < count; i++) {
        if (!isSelected[i]) {
          assertThat(ids[i]).as("unselected row %d", i).isEqualTo(-7);
          continue;
        }
        Integer expected = model.get(keys[i]);
        if (expected == null && insert) {
          // Ids are dense, in order of first sight.
          expected = model.size();
          model.put(keys[i], expected);
        }
        assertThat(ids[i]).as("row %d, key %s", i, keys[i]).isEqualTo(expected == null ? -1 : expected);
      }
      assertThat(table.size()).isEqualTo(model.size());
    }
    ColumnVector keyColumn = table.keyColumn(0);
    assertThat(keyColumn.type()).isEqualTo(type);
    assertThat(keyColumn.size()).isEqualTo(model.size());
    for (Map.Entry<Long, Integer> entry : model.entrySet()) {
      int id = entry.getValue();
      Long key = entry.getKey();
      Object stored = keyColumn.getObject(id);
      assertThat(stored == null ? null : ((Number) stored).longValue()).as("key of id %d", id).isEqualTo(key);
      int expectedHash = key == null ? VectorHashing.SEED
          : keyColumn instanceof IntVector ? VectorHashing.hashInt((int) (long) key, VectorHashing.SEED)
          : VectorHashing.hashLong(key, VectorHashing.SEED);
      assertThat(table.hashOf(id)).as("hash of id %d", id).isEqualTo(expectedHash);
    }
    int[] hashes = new int[keyColumn.size()];
    VectorHashing.hashRows(new ColumnVector[] {keyColumn}, keyColumn.size(), hashes);
    for (int id = 0; id < hashes.length; id++) {
      assertThat(table.hashOf(id)).as("hashOf agrees with the row hash of id %d", id).isEqualTo(hashes[id]);
    }
  }

  @Test
  void aNullKeyIsOneGroupButFindsNothingWhenNeverInserted() {
    LongKeyHashTable table = new LongKeyHashTable(ColumnType.LONG, 4);
    ColumnVector withNulls = new LongVector(
        ColumnType.LONG, new long[] {0, 0, 5, 0}, new boolean[] {true, false, false, true}, 4);
    int[] ids = new int[4];
    table.find(new ColumnVector[] {withNulls}, new int[0], new int[] {0, 1, 2, 3}, 4, ids, new KeyHashTable.ProbeScratch());
    assertThat(ids).containsExactly(-1, -1, -1, -1);

    // Joins insert only rows without null keys: 0 (whose null neighbours hold 0 too) and 5.
    table.findOrInsert(new ColumnVector[] {withNulls}, new int[0], new int[] {1, 2}, 2, ids);
    table.find(new ColumnVector[] {withNulls}, new int[0], new int[] {0, 1, 2, 3}, 4, ids, new KeyHashTable.ProbeScratch());
    assertThat(ids).containsExactly(-1, 0, 1, -1);

    table.findOrInsert(new ColumnVector[] {withNulls}, new int[0], new int[] {0, 1, 2, 3}, 4, ids);
    assertThat(ids).containsExactly(2, 0, 1, 2);
    assertThat(table.keyColumn(0).getObject(2)).isNull();
    assertThat(table.keyColumn(0).getObject(0)).isEqualTo(0L);
  }

  @Test
  void readOnlyProbesFromManyThreadsAgree() throws Exception {
    int keys = 200_000;
    LongKeyHashTable table = new LongKeyHashTable(ColumnType.LONG, keys);
    long[] values = new long[keys];
    Random random = new Random(5);
    Map<Long, Integer> model = new HashMap<>();
    for (int i = 0; i < keys; i++) {
      values[i] = random.nextLong();
      model.putIfAbsent(values[i], model.size());
    }
    int[] all = new int[keys];
    for (int i = 0; i < keys; i++) {
      all[i] = i;
    }
    table.findOrInsert(new ColumnVector[] {new LongVector(ColumnType.LONG, values, null, keys)}, null, all, keys,
        new int[keys]);
    table.freeze();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        long threadSeed = thread;
        results.add(threads.submit(() -> {
          Random probeRandom = new Random(threadSeed);
          long[] probes = new long[4096];
          int[] rows = new int[4096];
          int[] ids = new int[4096];
          for (int round = 0; round < 50; round++) {
            for (int i = 0; i < probes.length; i++) {
              probes[i] = probeRandom.nextBoolean() ? values[probeRandom.nextInt(keys)] : probeRandom.nextLong();
              rows[i] = i;
            }
            table.find(new ColumnVector[] {new LongVector(ColumnType.LONG, probes, null, probes.length)}, null, rows,
                probes.length, ids, new KeyHashTable.ProbeScratch());
            for (int i = 0; i < probes.length; i++) {
              if (ids[i] != model.getOrDefault(probes[i], -1)) {
                return false;
              }
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      threads.shutdown();
    }
  }

  /**
   * A frozen table whose keys span a narrow range probes through its key bitmap; every probe —
   * present, absent inside the range, just outside it, type extremes, nulls with garbage values —
   * agrees with a map, with and without a null key inserted.
   */
  @ParameterizedTest(name = "{0}, every {1}th key, null key inserted: {2}")
  @MethodSource("bitmapCases")
  void frozenTablesOfNarrowKeyRangesProbeThroughAKeyBitmapThatAgreesWithAMap(
      ColumnType type, int stride, boolean insertNull, boolean expectBitmap) {
    boolean ints = type.equals(ColumnType.INT) || type.equals(ColumnType.DATE);
    Random random = new Random(stride * 7L + (insertNull ? 1 : 0));
    long lowest = ints ? -50_000 : (1L << 40);
    int keyCount = 20_000;
    Long[] keys = new Long[keyCount + 1];
    for (int i = 0; i < keyCount; i++) {
      keys[i] = lowest + (long) stride * random.nextInt(keyCount * 2);
    }
    keys[keyCount] = null;
    LongKeyHashTable table = new LongKeyHashTable(type, keyCount);
    int insertCount = insertNull ? keys.length : keyCount;
    int[] rows = new int[insertCount];
    for (int i = 0; i < insertCount; i++) {
      rows[i] = i;
    }
    int[] ids = new int[keys.length];
    table.findOrInsert(new ColumnVector[] {vector(type, keys)}, null, rows, insertCount, ids);
    Map<Long, Integer> model = new HashMap<>();
    for (int i = 0; i < insertCount; i++) {
      model.putIfAbsent(keys[i], ids[i]);
    }
    table.freeze();
    assertThat(table.hasKeyBitmap()).isEqualTo(expectBitmap);

    List<Long> probes = new ArrayList<>();
    long highest = lowest + (long) stride * (keyCount * 2 - 1);
    for (long edge : new long[] {lowest - 1, lowest, lowest + 1, highest, highest + 1}) {
      probes.add(ints ? (long) (int) edge : edge);
    }
    for (long edge : ints ? Arrays.stream(EDGE_INTS).asLongStream().toArray() : EDGE_LONGS) {
      probes.add(edge);
    }
    for (int i = 0; i < 5000; i++) {
      probes.add(random.nextInt(12) == 0 ? null : lowest + random.nextLong(-100, (long) stride * keyCount * 2 + 100));
    }
    Long[] probeKeys = probes.toArray(Long[]::new);
    int[] all = new int[probeKeys.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    int[] found = new int[probeKeys.length];
    table.find(new ColumnVector[] {vector(type, probeKeys)}, null, all, all.length, found, new KeyHashTable.ProbeScratch());
    for (int i = 0; i < probeKeys.length; i++) {
      assertThat(found[i]).as("probe %s", probeKeys[i]).isEqualTo(model.getOrDefault(probeKeys[i], -1));
    }
    // The bitmap handed to scans under a join holds exactly the non-null keys.
    KeyBitmap bitmap = table.keyBitmap();
    assertThat(bitmap != null).isEqualTo(expectBitmap);
    if (bitmap != null) {
      for (Long probe : probeKeys) {
        if (probe != null) {
          assertThat(bitmap.contains(probe)).as("key set has %s", probe).isEqualTo(model.containsKey(probe));
        }
      }
      for (int i = 0; i < keyCount; i++) {
        assertThat(bitmap.contains(keys[i])).isTrue();
      }
    }
  }

  static Stream<Arguments> bitmapCases() {
    return Stream.of(
        Arguments.of(ColumnType.LONG, 4, false, true), // TPC-H order keys: a quarter of a range used
        Arguments.of(ColumnType.LONG, 4, true, true),
        Arguments.of(ColumnType.INT, 1, true, true),
        Arguments.of(ColumnType.DATE, 7, false, true),
        Arguments.of(ColumnType.TIMESTAMP, 1_000, false, false)); // too wide for a bitmap: slots only
  }

  /**
   * Ids' keys are kept in 64 KiB pages: over 30,000 ids (several pages), in ascending order and out
   * of order, with a null key among them, every range of the key column (ranges across page ends
   * included) holds the keys in id order, as the whole column does.
   */
  @ParameterizedTest
  @MethodSource("keyTypesAndOrders")
  void keyColumnRangesAcrossPagesHoldTheIdsKeys(ColumnType type, boolean ascending) {
    int count = 30_000;
    long[] values = new long[count];
    boolean[] nulls = new boolean[count];
    Random random = new Random(count + (ascending ? 1 : 0));
    for (int i = 0; i < count; i++) {
      values[i] = ascending ? 3L * i : random.nextInt(1 << 30);
    }
    nulls[12_345] = true;
    ColumnVector keys = type.equals(ColumnType.INT)
        ? new IntVector(type, Arrays.stream(values).mapToInt(value -> (int) value).toArray(), nulls, count)
        : new LongVector(type, values, nulls, count);
    LongKeyHashTable table = new LongKeyHashTable(type, 16);
    int[] ids = new int[count];
    for (int start = 0; start < count; start += 4096) {
      int from = start;
      int rows = Math.min(4096, count - from);
      int[] positions = new int[rows];
      Arrays.setAll(positions, i -> from + i);
      table.findOrInsert(new ColumnVector[] {keys}, null, positions, rows, ids);
    }
    // The model: each id's key (null for the null id), in id order.
    Map<Integer, Long> keyOfId = new HashMap<>();
    for (int row = 0; row < count; row++) {
      keyOfId.putIfAbsent(ids[row], nulls[row] ? null : values[row]);
    }
    assertThat(table.size()).isEqualTo(keyOfId.size()).isGreaterThan(3 * 8192);
    ColumnVector whole = table.keyColumn(0);
    int[][] ranges = {{0, 8192}, {8000, 8400}, {8191, 16_385}, {12_000, 13_000}, {0, table.size()}, {table.size(), table.size()}};
    for (int[] range : ranges) {
      ColumnVector part = table.keyColumn(0, range[0], range[1]);
      assertThat(part.size()).isEqualTo(range[1] - range[0]);
      for (int i = 0; i < part.size(); i++) {
        int id = range[0] + i;
        Long expected = keyOfId.get(id);
        Object actual = part.getObject(i);
        assertThat(actual == null ? null : ((Number) actual).longValue()).as("id %d of range %s", id, Arrays.toString(range))
            .isEqualTo(expected);
        assertThat(part.isNull(i)).isEqualTo(whole.isNull(id));
      }
    }
  }

  static Stream<Arguments> keyTypesAndOrders() {
    return Stream.of(Arguments.of(ColumnType.LONG, true), Arguments.of(ColumnType.LONG, false),
        Arguments.of(ColumnType.INT, true), Arguments.of(ColumnType.INT, false));
  }

  @Test
  void retainedBytesCoverTheSlotsAndTheKeys() {
    LongKeyHashTable table = new LongKeyHashTable(ColumnType.INT, 16);
    long empty = table.retainedBytes();
    int count = 100_000;
    int[] values = new int[count];
    int[] rows = new int[count];
    for (int i = 0; i < count; i++) {
      // Descending: keys out of order need the slots.
      values[i] = (count - i) * 31;
      rows[i] = i;
    }
    table.findOrInsert(new ColumnVector[] {new IntVector(ColumnType.INT, values, null, count)}, null, rows, count,
        new int[count]);
    // At least a key and an id per slot at load factor one half, and each id's key.
    assertThat(table.retainedBytes()).isGreaterThan(empty).isGreaterThanOrEqualTo(count * (2L * 16 + 8));
  }

  /**
   * Keys arriving in ascending order (runs of repeats, nulls anywhere or none, runs continuing
   * across batches) get ids without slots; a later batch out of order builds the slots and
   * everything goes on agreeing with a map: ids, finds before and after, the key column, and a
   * frozen table's probes and bitmap.
   */
  @ParameterizedTest(name = "seed {0}: {1} keys, out of order after {2} batches, nulls {3}")
  @MethodSource("ascendingCases")
  void keysInAscendingOrderNeedNoSlotsUntilOneArrivesOutOfOrder(long seed, ColumnType type, int ascendingBatches,
      boolean nulls) {
    Random random = new Random(seed);
    boolean ints = type.equals(ColumnType.INT) || type.equals(ColumnType.DATE);
    LongKeyHashTable table = new LongKeyHashTable(type, 16);
    Map<Long, Integer> model = new HashMap<>();
    long next = ints ? Integer.MIN_VALUE : Long.MIN_VALUE;
    for (int batch = 0; batch < ascendingBatches + 4; batch++) {
      boolean inOrder = batch < ascendingBatches;
      int count = random.nextInt(600);
      Long[] keys = new Long[count];
      for (int i = 0; i < count; i++) {
        if (nulls && random.nextInt(20) == 0) {
          keys[i] = null;
        } else if (inOrder) {
          // Repeats of the last key, small and large steps up (the type's extremes included).
          int step = random.nextInt(10);
          next += step < 5 ? 0 : step < 9 ? random.nextInt(1, 40) : (ints ? 1L << 12 : 1L << 40);
          keys[i] = next;
        } else {
          keys[i] = randomKey(random, type, KeyShape.CLUSTERED);
        }
      }
      int[] rows = new int[count];
      for (int i = 0; i < count; i++) {
        rows[i] = i;
      }
      int[] ids = new int[count];
      ColumnVector[] columns = {vector(type, keys)};
      table.findOrInsert(columns, null, rows, count, ids);
      for (int i = 0; i < count; i++) {
        Integer expected = model.computeIfAbsent(keys[i], key -> model.size());
        assertThat(ids[i]).as("batch %d row %d key %s", batch, i, keys[i]).isEqualTo(expected);
      }
      if (inOrder) {
        assertThat(table.hasSlots()).as("no slots while keys ascend").isFalse();
      } else {
        assertThat(table.hasSlots()).isTrue();
      }
      // Finds of present keys, absent keys between them, and nulls, agree with the map.
      Long[] probes = new Long[200];
      for (int i = 0; i < probes.length; i++) {
        if (random.nextInt(10) == 0) {
          probes[i] = null;
        } else if (random.nextBoolean() && count > 0) {
          probes[i] = keys[random.nextInt(count)];
        } else {
          probes[i] = ints ? (long) random.nextInt() : random.nextLong();
        }
      }
      int[] all = new int[probes.length];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      int[] found = new int[probes.length];
      table.find(new ColumnVector[] {vector(type, probes)}, null, all, all.length, found, new KeyHashTable.ProbeScratch());
      for (int i = 0; i < probes.length; i++) {
        assertThat(found[i]).as("find %s after batch %d", probes[i], batch).isEqualTo(model.getOrDefault(probes[i], -1));
      }
    }
    ColumnVector keyColumn = table.keyColumn(0);
    for (Map.Entry<Long, Integer> entry : model.entrySet()) {
      Object stored = keyColumn.getObject(entry.getValue());
      assertThat(stored == null ? null : ((Number) stored).longValue()).isEqualTo(entry.getKey());
    }
  }

  static Stream<Arguments> ascendingCases() {
    return Stream.of(
        Arguments.of(1L, ColumnType.INT, 0, true),
        Arguments.of(2L, ColumnType.INT, 1, true),
        Arguments.of(3L, ColumnType.LONG, 7, true),
        Arguments.of(4L, ColumnType.DATE, 30, true),
        Arguments.of(5L, ColumnType.TIMESTAMP, 12, true),
        Arguments.of(6L, ColumnType.LONG, 100, true),
        Arguments.of(7L, ColumnType.INT, 1, false),
        Arguments.of(8L, ColumnType.LONG, 7, false),
        Arguments.of(9L, ColumnType.DATE, 30, false),
        Arguments.of(10L, ColumnType.LONG, 100, false));
  }

  @Test
  void aFrozenTableOfAscendingKeysFindsIdsByRankInItsBitmapWithoutSlots() {
    int count = 50_000;
    long[] values = new long[count];
    int[] rows = new int[count];
    for (int i = 0; i < count; i++) {
      // TPC-H's order keys: the first 8 of every 32, each repeated up to 7 times in lineitem.
      values[i] = (i / 4) / 8 * 32 + (i / 4) % 8 + 1;
      rows[i] = i;
    }
    LongKeyHashTable ascending = new LongKeyHashTable(ColumnType.LONG, 16);
    int[] ids = new int[count];
    ascending.findOrInsert(new ColumnVector[] {new LongVector(ColumnType.LONG, values, null, count)}, null, rows, count, ids);
    assertThat(ascending.size()).isEqualTo(count / 4);
    long keysOnly = ascending.retainedBytes();
    ascending.freeze();
    assertThat(ascending.hasKeyBitmap()).isTrue();
    assertThat(ascending.findsByRank()).isTrue();
    assertThat(ascending.hasSlots()).isFalse();
    // A bit per key of the range and a rank per 64 of them, not 32 bytes of slots per key.
    assertThat(ascending.retainedBytes()).isLessThan(keysOnly + 4L * (count / 4));
    int[] found = new int[count];
    ascending.find(new ColumnVector[] {new LongVector(ColumnType.LONG, values, null, count)}, null, rows, count, found,
        new KeyHashTable.ProbeScratch());
    assertThat(found).containsExactly(ids);
    assertThat(ascending.keyBitmap().contains(values[count - 1])).isTrue();
    assertThat(ascending.keyBitmap().contains(values[count - 1] + 1)).isFalse();
  }

  /**
   * Frozen tables of ascending keys, with the null key inserted first, in the middle, last or not
   * at all, keys dense or sparse (ranks) or spread too wide for a bitmap (slots): every probe
   * (present, absent between keys, outside the range, null) agrees with a map.
   */
  @ParameterizedTest(name = "{0} keys, stride {1}, null key at {2}")
  @MethodSource("frozenAscendingCases")
  void frozenTablesOfAscendingKeysAgreeWithAMapWhereverTheNullKeyCame(ColumnType type, long stride, int nullAt) {
    boolean ints = type.equals(ColumnType.INT) || type.equals(ColumnType.DATE);
    Random random = new Random(stride * 31 + nullAt);
    int keyCount = 3_000;
    List<Long> inserted = new ArrayList<>();
    long key = ints ? -1_000_000 : (1L << 50);
    for (int i = 0; i < keyCount; i++) {
      if (i == nullAt) {
        inserted.add(null);
      }
      key += stride * (1 + random.nextInt(3));
      int repeats = 1 + random.nextInt(3);
      for (int r = 0; r < repeats; r++) {
        inserted.add(key);
      }
    }
    if (nullAt == keyCount) {
      inserted.add(null);
    }
    Long[] keys = inserted.toArray(Long[]::new);
    LongKeyHashTable table = new LongKeyHashTable(type, 16);
    int[] rows = new int[keys.length];
    for (int i = 0; i < keys.length; i++) {
      rows[i] = i;
    }
    int[] ids = new int[keys.length];
    table.findOrInsert(new ColumnVector[] {vector(type, keys)}, null, rows, keys.length, ids);
    Map<Long, Integer> model = new HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      model.putIfAbsent(keys[i], ids[i]);
      assertThat(ids[i]).isEqualTo(model.get(keys[i]));
    }
    table.freeze();
    assertThat(table.findsByRank()).as("ranks").isEqualTo(stride < 16);
    assertThat(table.hasSlots()).as("slots").isEqualTo(stride >= 16);
    List<Long> probes = new ArrayList<>(inserted);
    for (int i = 0; i < 3_000; i++) {
      long first = ints ? -1_000_000 : (1L << 50);
      probes.add(random.nextInt(10) == 0 ? null : first + random.nextLong(-stride * 10, stride * 4L * keyCount));
    }
    for (long edge : ints ? Arrays.stream(EDGE_INTS).asLongStream().toArray() : EDGE_LONGS) {
      probes.add(edge);
    }
    Long[] probeKeys = probes.toArray(Long[]::new);
    int[] all = new int[probeKeys.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    int[] found = new int[probeKeys.length];
    table.find(new ColumnVector[] {vector(type, probeKeys)}, null, all, all.length, found, new KeyHashTable.ProbeScratch());
    for (int i = 0; i < probeKeys.length; i++) {
      assertThat(found[i]).as("probe %s", probeKeys[i]).isEqualTo(model.getOrDefault(probeKeys[i], -1));
    }
  }

  static Stream<Arguments> frozenAscendingCases() {
    List<Arguments> cases = new ArrayList<>();
    for (ColumnType type : List.of(ColumnType.INT, ColumnType.LONG)) {
      for (long stride : new long[] {1, 4, 1_000}) {
        for (int nullAt : new int[] {0, 1_500, 3_000, Integer.MAX_VALUE}) {
          cases.add(Arguments.of(type, stride, nullAt));
        }
      }
    }
    return cases.stream();
  }

  @Test
  void keysOfAnotherTypeAreRejectedNamingBoth() {
    LongKeyHashTable table = new LongKeyHashTable(ColumnType.LONG, 16);
    ColumnVector ints = new IntVector(ColumnType.INT, new int[] {1}, null, 1);
    assertThatThrownBy(() -> table.findOrInsert(new ColumnVector[] {ints}, null, new int[] {0}, 1, new int[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bigint")
        .hasMessageContaining("int");
    assertThatThrownBy(() -> new LongKeyHashTable(ColumnType.STRING, 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("string");
    assertThat(KeyTable.create(List.of(ColumnType.STRING), 16)).isInstanceOf(KeyHashTable.class);
    assertThat(KeyTable.create(List.of(ColumnType.LONG, ColumnType.LONG), 16)).isInstanceOf(KeyHashTable.class);
    assertThat(KeyTable.create(List.of(ColumnType.DOUBLE), 16)).isInstanceOf(KeyHashTable.class);
  }
}
