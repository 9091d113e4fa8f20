package dev.ember.core.operator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.plan.AggregateMode;
import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.StringLayouts;
import dev.ember.core.vector.StringVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Group ids of dictionary-encoded string keys through the code cache name each distinct key tuple
 * once and consistently (null a value of its own), over batches that share their dictionaries and
 * batches that bring new ones; keys beyond the cache's code space take the table.
 */
class DictionaryGroupCacheTest {
  private static final List<AggregateFunction> COUNT = List.of(AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()));

  private static AggregateHashTable table(int keyCount) {
    List<ColumnType> keyTypes = new ArrayList<>();
    for (int i = 0; i < keyCount; i++) {
      keyTypes.add(ColumnType.STRING);
    }
    return new AggregateHashTable(new AggregateLayout(AggregateMode.COMPLETE, keyTypes, COUNT));
  }

  private static StringVector plain(List<String> values) {
    boolean[] nulls = new boolean[values.size()];
    String[] strings = new String[values.size()];
    boolean anyNull = false;
    for (int i = 0; i < strings.length; i++) {
      strings[i] = values.get(i);
      nulls[i] = strings[i] == null;
      anyNull |= nulls[i];
    }
    return new StringVector(ColumnType.STRING, strings, anyNull ? nulls : null, strings.length);
  }

  @Test
  void eachKeyTupleHasOneIdOfItsOwn() {
    Random random = new Random(TestSeeds.seed(4242));
    for (int round = 0; round < 40; round++) {
      int keyCount = 1 + random.nextInt(3);
      int domain = 1 + random.nextInt(12);
      AggregateHashTable withCache = table(keyCount);
      Map<List<String>, Integer> reference = new HashMap<>();
      Map<Integer, List<String>> keyOfId = new HashMap<>();
      StringVector[] previous = null;
      for (int batch = 0; batch < 1 + random.nextInt(6); batch++) {
        int rows = random.nextInt(300);
        List<List<String>> columns = new ArrayList<>();
        ColumnVector[] keyColumns = new ColumnVector[keyCount];
        // Half the batches after the first reuse the previous batch's dictionary objects (as the
        // batches of one cached partition do): the cache then carries over.
        boolean reuse = previous != null && random.nextBoolean();
        for (int key = 0; key < keyCount; key++) {
          List<String> column = new ArrayList<>();
          if (reuse) {
            StringVector dictionary = previous[key].dictionary();
            int[] dictionaryIds = new int[rows];
            boolean[] nulls = new boolean[rows];
            for (int row = 0; row < rows; row++) {
              nulls[row] = random.nextInt(8) == 0;
              dictionaryIds[row] = nulls[row] ? 0 : random.nextInt(dictionary.size());
              column.add(nulls[row] ? null : dictionary.get(dictionaryIds[row]));
            }
            keyColumns[key] = StringVector.dictionaryEncoded(ColumnType.STRING, dictionaryIds, dictionary, nulls, rows);
          } else {
            for (int row = 0; row < rows; row++) {
              // Multi-byte and empty strings too; nulls about one row in eight.
              column.add(random.nextInt(8) == 0 ? null : random.nextInt(domain) == 0 ? "" : "é" + random.nextInt(domain));
            }
            keyColumns[key] = StringLayouts.dictionaryEncoded(plain(column));
          }
          columns.add(column);
        }
        boolean usable = true;
        for (ColumnVector column : keyColumns) {
          usable &= ((StringVector) column).isDictionary();
        }
        if (usable) {
          previous = new StringVector[keyCount];
          for (int key = 0; key < keyCount; key++) {
            previous[key] = (StringVector) keyColumns[key];
          }
        }
        int[] ids = withCache.assignGroups(keyColumns, rows);
        for (int row = 0; row < rows; row++) {
          List<String> tuple = new ArrayList<>();
          for (List<String> column : columns) {
            tuple.add(column.get(row));
          }
          Integer known = reference.get(tuple);
          if (known != null) {
            assertThat(ids[row]).as("round %d batch %d row %d key %s", round, batch, row, tuple).isEqualTo(known);
          } else {
            // A new key gets an id no other key has.
            assertThat(keyOfId).as("round %d batch %d row %d key %s", round, batch, row, tuple).doesNotContainKey(ids[row]);
            reference.put(tuple, ids[row]);
            keyOfId.put(ids[row], tuple);
          }
        }
        withCache.update(0, new ColumnVector[0], ids, rows);
      }
      assertThat(withCache.groupCount()).isEqualTo(reference.size());
    }
  }

  @Test
  void batchesSharingADictionaryReuseTheCodesAndNewDictionariesStartAfresh() {
    StringVector dictionary = plain(Arrays.asList("A", "N", "R"));
    StringVector first = StringVector.dictionaryEncoded(ColumnType.STRING, new int[] {2, 0, 0, 1}, dictionary, null, 4);
    StringVector second = StringVector.dictionaryEncoded(ColumnType.STRING, new int[] {1, 0, 2, 0}, dictionary,
        new boolean[] {false, false, false, true}, 4);
    // Another partition's dictionary, the same values in another order.
    StringVector reordered = plain(Arrays.asList("R", "A", "N"));
    StringVector third = StringVector.dictionaryEncoded(ColumnType.STRING, new int[] {0, 1, 2, 0}, reordered,
        new boolean[] {false, false, false, true}, 4);
    AggregateHashTable table = table(1);
    assertThat(Arrays.copyOf(table.assignGroups(new ColumnVector[] {first}, 4), 4)).containsExactly(0, 1, 1, 2);
    assertThat(Arrays.copyOf(table.assignGroups(new ColumnVector[] {second}, 4), 4)).containsExactly(2, 1, 0, 3);
    assertThat(Arrays.copyOf(table.assignGroups(new ColumnVector[] {third}, 4), 4)).containsExactly(0, 1, 2, 3);
    assertThat(table.groupCount()).isEqualTo(4);
  }

  @Test
  void servesOnlyDictionaryKeysOfASmallCodeSpace() {
    StringVector small = StringLayouts.dictionaryEncoded(plain(Arrays.asList("a", "b", null)));
    assertThat(DictionaryGroupCache.serves(new ColumnVector[] {small, small})).isTrue();
    assertThat(DictionaryGroupCache.serves(new ColumnVector[] {plain(Arrays.asList("a", "b"))})).isFalse();
    assertThat(DictionaryGroupCache.serves(new ColumnVector[0])).isFalse();
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      many.add("v" + i);
    }
    StringVector wide = StringLayouts.dictionaryEncoded(plain(many));
    // 101 * 101 codes exceed the cache: such keys go through the hash table.
    assertThat(DictionaryGroupCache.serves(new ColumnVector[] {wide, wide})).isFalse();
    AggregateHashTable table = table(2);
    int[] ids = table.assignGroups(new ColumnVector[] {wide, wide}, 100);
    assertThat(ids[99]).isEqualTo(99);
  }
}
