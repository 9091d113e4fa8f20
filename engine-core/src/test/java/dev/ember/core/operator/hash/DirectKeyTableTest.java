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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link DirectKeyTable} (chosen by {@link KeyTable#forJoinBuild}) against a {@link HashMap} from key to id. */
class DirectKeyTableTest {
  private static final long[] EDGE_LONGS = {
      0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, 1L << 32, -(1L << 32)};
  private static final int[] EDGE_INTS = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 16, -(1 << 16)};

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
        // Null slots hold garbage below the range: the table must not read them as keys.
        values[i] = keys[i] == null ? Integer.MIN_VALUE + 7 : (int) (long) keys[i];
      }
      return new IntVector(type, values, anyNull ? nulls : null, keys.length);
    }
    long[] values = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      values[i] = keys[i] == null ? Long.MIN_VALUE + 7 : keys[i];
    }
    return new LongVector(type, values, anyNull ? nulls : null, keys.length);
  }

  /**
   * Dense build keys get a direct table, sparse ones a hash table. Either way every probe — keys
   * present, absent, just below the lowest and just above the highest, type extremes, nulls —
   * agrees with a map.
   */
  @ParameterizedTest(name = "{0}, {1} keys from {2}, every {3}")
  @MethodSource("directIndexCases")
  void joinBuildsOfDenseKeysUseADirectTableThatAgreesWithAMap(
      ColumnType type, int keyCount, long lowest, long stride, boolean expectDirect) {
    boolean ints = type.equals(ColumnType.INT) || type.equals(ColumnType.DATE);
    Random random = new Random(keyCount * 31L + stride);
    long spread = stride > Long.MAX_VALUE / 8 / Math.max(1, keyCount) ? Long.MAX_VALUE / 8 : stride * keyCount;
    Long[] keys = new Long[keyCount + 1];
    Map<Long, Integer> model = new HashMap<>();
    for (int i = 0; i < keyCount; i++) {
      keys[i] = lowest + stride * i;
    }
    Collections.shuffle(Arrays.asList(keys).subList(0, keyCount), random);
    keys[keyCount] = keys.length > 1 ? keys[0] : null; // a duplicate build key
    int[] rows = new int[keys.length];
    int insertCount = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null) {
        rows[insertCount++] = i;
      }
    }
    ColumnVector[] buildKeys = {vector(type, keys)};
    KeyTable table = KeyTable.forJoinBuild(List.of(type), buildKeys, rows, insertCount);
    int[] ids = new int[keys.length];
    table.findOrInsert(buildKeys, new int[keys.length], rows, insertCount, ids);
    for (int i = 0; i < insertCount; i++) {
      model.putIfAbsent(keys[rows[i]], ids[rows[i]]);
    }
    table.freeze();
    assertThat(table).isInstanceOf(expectDirect ? DirectKeyTable.class : LongKeyHashTable.class);
    assertThat(table.size()).isEqualTo(model.size());
    for (int id = 0; id < table.size(); id++) {
      long key = ((Number) table.keyColumn(0).getObject(id)).longValue();
      assertThat(model.get(key)).isEqualTo(id);
      assertThat(table.hashOf(id)).isEqualTo(ints ? VectorHashing.hashInt((int) key, VectorHashing.SEED)
          : VectorHashing.hashLong(key, VectorHashing.SEED));
    }

    List<Long> probes = new ArrayList<>();
    long highest = lowest + stride * Math.max(0, keyCount - 1);
    for (long edge : new long[] {lowest - 1, lowest, lowest + 1, highest - 1, highest, highest + 1, highest + stride}) {
      probes.add(edge);
    }
    for (long edge : ints ? Arrays.stream(EDGE_INTS).asLongStream().toArray() : EDGE_LONGS) {
      probes.add(edge);
    }
    for (int i = 0; i < 3000; i++) {
      probes.add(random.nextInt(10) == 0 ? null : lowest + random.nextLong(-5, spread + 5));
    }
    Long[] probeKeys = probes.stream().map(key -> key == null ? null : ints ? (Long) (long) (int) (long) key : key)
        .toArray(Long[]::new);
    int[] all = new int[probeKeys.length];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    int[] found = new int[probeKeys.length];
    table.find(new ColumnVector[] {vector(type, probeKeys)}, new int[all.length], all, all.length, found,
        new KeyHashTable.ProbeScratch());
    for (int i = 0; i < probeKeys.length; i++) {
      int expected = probeKeys[i] == null ? -1 : model.getOrDefault(probeKeys[i], -1);
      assertThat(found[i]).as("probe %s", probeKeys[i]).isEqualTo(expected);
    }
    // A frozen direct table hands scans under its join the exact key set.
    if (table instanceof DirectKeyTable) {
      KeyBitmap bitmap = table.keyBitmap();
      assertThat(bitmap).isNotNull();
      for (Long probe : probeKeys) {
        if (probe != null) {
          assertThat(bitmap.contains(probe)).as("key set has %s", probe).isEqualTo(model.containsKey(probe));
        }
      }
    }
  }

  static Stream<Arguments> directIndexCases() {
    return Stream.of(
        Arguments.of(ColumnType.INT, 200_000, 1L, 1L, true), // p_partkey
        Arguments.of(ColumnType.LONG, 30_000, 1L, 5L, false), // every 5th customer: beyond 4 slots a key
        Arguments.of(ColumnType.LONG, 30_000, -1_000L, 4L, true),
        Arguments.of(ColumnType.DATE, 1, 19_000L, 1L, true),
        Arguments.of(ColumnType.INT, 5, (long) Integer.MAX_VALUE - 4, 1L, true), // ends at the type's top
        Arguments.of(ColumnType.INT, 5, (long) Integer.MIN_VALUE, 1L, true),
        Arguments.of(ColumnType.LONG, 5, Long.MAX_VALUE - 4, 1L, true),
        Arguments.of(ColumnType.LONG, 3, Long.MIN_VALUE, Long.MAX_VALUE / 2, false), // a span beyond any array
        Arguments.of(ColumnType.TIMESTAMP, 0, 0L, 1L, false));
  }

  @Test
  void aKeyOutsideTheRangeIsRejectedAndANullKeyIsOneMoreId() {
    ColumnVector built = new LongVector(ColumnType.LONG, new long[] {10, 11, 12}, null, 3);
    DirectKeyTable table = DirectKeyTable.forDenseKeys(built, new int[] {0, 1, 2}, 3);
    assertThat(table).isNotNull();
    int[] ids = new int[3];
    table.findOrInsert(new ColumnVector[] {built}, null, new int[] {2, 0, 1}, 3, ids);
    assertThat(ids).containsExactly(1, 2, 0);
    ColumnVector outside = new LongVector(ColumnType.LONG, new long[] {13}, null, 1);
    assertThatThrownBy(() -> table.findOrInsert(new ColumnVector[] {outside}, null, new int[] {0}, 1, new int[1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key 13 is outside the table's range [10, 12]");
    ColumnVector withNull = new LongVector(ColumnType.LONG, new long[] {0}, new boolean[] {true}, 1);
    int[] nullId = new int[1];
    table.find(new ColumnVector[] {withNull}, null, new int[] {0}, 1, nullId, new KeyHashTable.ProbeScratch());
    assertThat(nullId).containsExactly(-1);
    table.findOrInsert(new ColumnVector[] {withNull}, null, new int[] {0}, 1, nullId);
    assertThat(nullId).containsExactly(3);
    assertThat(table.keyColumn(0).getObject(3)).isNull();
    assertThat(table.hashOf(3)).isEqualTo(VectorHashing.SEED);
  }

  @Test
  void onlyIntegerKeysThatAreNotAllNullQualify() {
    assertThat(DirectKeyTable.forDenseKeys(new LongVector(ColumnType.LONG, new long[] {1}, new boolean[] {true}, 1),
        new int[] {0}, 1)).isNull();
    assertThat(DirectKeyTable.forDenseKeys(new LongVector(ColumnType.decimal(10, 2), new long[] {1}, null, 1),
        new int[] {0}, 1)).isNull();
    // Two integer key columns pack into one (PackedKeyTable); a non-integer one keeps the generic table.
    assertThat(KeyTable.forJoinBuild(List.of(ColumnType.LONG, ColumnType.LONG),
        new ColumnVector[] {new LongVector(ColumnType.LONG, new long[] {1}, null, 1), new LongVector(ColumnType.LONG, new long[] {1}, null, 1)},
        new int[] {0}, 1)).isInstanceOf(PackedKeyTable.class);
    assertThat(KeyTable.forJoinBuild(List.of(ColumnType.LONG, ColumnType.DOUBLE),
        new ColumnVector[] {new LongVector(ColumnType.LONG, new long[] {1}, null, 1),
            new dev.ember.core.vector.DoubleVector(ColumnType.DOUBLE, new double[] {1}, null, 1)},
        new int[] {0}, 1)).isInstanceOf(KeyHashTable.class);
  }
}
