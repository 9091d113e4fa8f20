package dev.ember.core.operator.hash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.operator.OperatorTesting;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.RandomKeyColumns;
import dev.ember.core.vector.StringLayouts;
import dev.ember.core.vector.StringVector;
import dev.ember.core.vector.VectorHashing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyHashTableTest {
  private static final Schema KEYS = OperatorTesting.schema(ColumnType.STRING, ColumnType.DOUBLE, ColumnType.BOOLEAN);
  private static final String[] COLLIDING = {"AaAa", "AaBB", "BBAa", "BBBB", "Aa", "BB"};

  private static List<Object> randomKey(Random random) {
    return Arrays.asList(
        random.nextInt(10) == 0 ? null : COLLIDING[random.nextInt(COLLIDING.length)] + random.nextInt(30),
        random.nextInt(10) == 0 ? null : OperatorTesting.randomDouble(random, 8),
        random.nextInt(10) == 0 ? null : random.nextBoolean());
  }

  @Test
  void idsAreDenseAndAgreeWithAHashMapOverNormalizedKeys() {
    Random random = new Random(21);
    KeyHashTable table = new KeyHashTable(KEYS.types(), 16);
    // Ids are dense but not necessarily in first-seen order (a row that collides retries in a later round).
    Map<List<Object>, Integer> model = new HashMap<>();
    Map<Integer, List<Object>> keyOfId = new HashMap<>();
    for (int round = 0; round < 40; round++) {
      List<List<Object>> rows = new ArrayList<>();
      int count = random.nextInt(500);
      for (int i = 0; i < count; i++) {
        rows.add(randomKey(random));
      }
      Batch batch = Batch.fromRows(KEYS, rows);
      ColumnVector[] keys = {batch.column(0), batch.column(1), batch.column(2)};
      int[] hashes = new int[count];
      VectorHashing.hashRows(keys, count, hashes);
      // Every other row only: the selection must be honoured.
      int[] selected = new int[count];
      int selectedCount = 0;
      for (int i = 0; i < count; i += 2) {
        selected[selectedCount++] = i;
      }
      int[] ids = new int[count];
      Arrays.fill(ids, -7);
      boolean insert = round % 4 != 3;
      if (insert) {
        table.findOrInsert(keys, hashes, selected, selectedCount, ids);
      } else {
        table.find(keys, hashes, selected, selectedCount, ids);
      }
      for (int i = 0; i < count; i++) {
        List<Object> key = OperatorTesting.normalize(rows.get(i));
        if (i % 2 == 1) {
          assertThat(ids[i]).as("unselected row").isEqualTo(-7);
          continue;
        }
        Integer expected = model.get(key);
        if (expected == null && insert) {
          assertThat(ids[i]).as("a new key gets a new id").isNotNegative();
          assertThat(keyOfId.put(ids[i], key)).as("id %d of new key %s is taken", ids[i], key).isNull();
          model.put(key, ids[i]);
          expected = ids[i];
        }
        assertThat(ids[i]).as("row %d key %s", i, key).isEqualTo(expected == null ? -1 : expected);
      }
      assertThat(table.size()).isEqualTo(model.size());
    }
    for (int id = 0; id < table.size(); id++) {
      List<Object> stored = new ArrayList<>();
      for (int column = 0; column < 3; column++) {
        stored.add(table.keyColumn(column).getObject(id));
      }
      assertThat(OperatorTesting.normalize(stored)).isEqualTo(keyOfId.get(id));
    }
  }

  /**
   * Row hashes forced to a handful of values, negative ones and 0 among them, so that distinct key
   * tuples share a hash (the slot's stored hash matches and the keys must be compared) while the
   * table grows from 16 slots past several rehashes; ids checked against a HashMap.
   */
  @Test
  void distinctKeysSharingAHashKeepDistinctIdsThroughGrowth() {
    Schema schema = OperatorTesting.schema(ColumnType.LONG, ColumnType.STRING);
    int[] forcedHashes = {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE, 0x80000001};
    KeyHashTable table = new KeyHashTable(schema.types(), 16);
    Map<List<Object>, Integer> model = new HashMap<>();
    Map<List<Object>, Integer> hashOfKey = new HashMap<>();
    Random random = new Random(8);
    for (int round = 0; round < 30; round++) {
      int count = 1 + random.nextInt(400);
      List<List<Object>> rows = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        rows.add(Arrays.asList(random.nextInt(8) == 0 ? null : (long) random.nextInt(3000) - 1500,
            random.nextInt(8) == 0 ? null : "k" + random.nextInt(3)));
      }
      Batch batch = Batch.fromRows(schema, rows);
      ColumnVector[] keys = {batch.column(0), batch.column(1)};
      int[] hashes = new int[count];
      int[] selected = new int[count];
      for (int i = 0; i < count; i++) {
        // The same tuple always gets the same hash, as a real hash would.
        hashes[i] = hashOfKey.computeIfAbsent(rows.get(i), key -> forcedHashes[random.nextInt(forcedHashes.length)]);
        selected[i] = i;
      }
      int[] ids = new int[count];
      table.findOrInsert(keys, hashes, selected, count, ids);
      for (int i = 0; i < count; i++) {
        Integer expected = model.get(rows.get(i));
        if (expected == null) {
          assertThat(model.containsValue(ids[i])).as("id %d of new key %s is taken", ids[i], rows.get(i)).isFalse();
          model.put(rows.get(i), ids[i]);
          expected = ids[i];
        }
        assertThat(ids[i]).as("row %d key %s", i, rows.get(i)).isEqualTo(expected);
        assertThat(table.hashOf(ids[i])).isEqualTo(hashes[i]);
      }
    }
    assertThat(table.size()).isEqualTo(model.size()).isGreaterThan(1000);
    model.forEach((key, id) -> {
      assertThat(table.keyColumn(0).getObject(id)).isEqualTo(key.get(0));
      assertThat(table.keyColumn(1).getObject(id)).isEqualTo(key.get(1));
    });
  }

  /**
   * Two key columns of every pair of key types (each column compared and appended by its type's
   * kernels), strings plain in some batches and dictionary-encoded in others, hashes folded to four
   * values in some rounds so that most candidates must be compared: ids against a HashMap of the
   * grouping values, and each id's stored key against the key that made it.
   */
  @Test
  void everyPairOfKeyTypesAndStringLayoutsGroupsAsAHashMap() {
    long seed = dev.ember.core.testing.TestSeeds.seed(831);
    Random random = new Random(seed);
    List<ColumnType> types = RandomKeyColumns.TYPES;
    for (ColumnType firstType : types) {
      for (ColumnType secondType : types) {
        KeyHashTable table = new KeyHashTable(List.of(firstType, secondType), 16);
        boolean foldHashes = random.nextBoolean();
        Map<List<Object>, Integer> model = new HashMap<>();
        Map<Integer, List<Object>> keyOfId = new HashMap<>();
        for (int batch = 0; batch < 6; batch++) {
          int count = new int[] {0, 1, 90}[batch % 3];
          RandomKeyColumns.Column first = RandomKeyColumns.random(firstType, count, random, 10);
          RandomKeyColumns.Column second = RandomKeyColumns.random(secondType, count, random, 10);
          ColumnVector[] keys = {layout(first.vector(), batch), layout(second.vector(), batch + 1)};
          int[] hashes = new int[count];
          VectorHashing.hashRows(keys, count, hashes);
          if (foldHashes) {
            for (int i = 0; i < count; i++) {
              hashes[i] &= 3;
            }
          }
          int[] rows = java.util.stream.IntStream.range(0, count).toArray();
          int[] ids = new int[count];
          table.findOrInsert(keys, hashes, rows, count, ids);
          for (int i = 0; i < count; i++) {
            List<Object> key = Arrays.asList(RandomKeyColumns.groupingValue(first.values().get(i)),
                RandomKeyColumns.groupingValue(second.values().get(i)));
            Integer expected = model.get(key);
            if (expected == null) {
              assertThat(keyOfId.put(ids[i], key)).as("id %d of new key %s is taken", ids[i], key).isNull();
              model.put(key, ids[i]);
              expected = ids[i];
            }
            assertThat(ids[i]).as("%s, %s: row %d key %s, %s", firstType, secondType, i, key,
                dev.ember.core.testing.TestSeeds.describe(seed)).isEqualTo(expected);
          }
        }
        assertThat(table.size()).isEqualTo(model.size());
        keyOfId.forEach((id, key) -> assertThat(Arrays.asList(
                RandomKeyColumns.groupingValue(table.keyColumn(0).getObject(id)),
                RandomKeyColumns.groupingValue(table.keyColumn(1).getObject(id))))
            .as("%s, %s: key of id %d", firstType, secondType, id).isEqualTo(key));
      }
    }
  }

  /** Strings dictionary-encoded on odd turns; other vectors as they are. */
  private static ColumnVector layout(ColumnVector vector, int turn) {
    return turn % 2 == 1 && vector instanceof StringVector strings ? StringLayouts.dictionaryEncoded(strings) : vector;
  }
}
