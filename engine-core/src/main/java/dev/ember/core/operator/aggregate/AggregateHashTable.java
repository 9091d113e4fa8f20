package dev.ember.core.operator.aggregate;

import dev.ember.core.operator.hash.KeyTable;
import dev.ember.core.operator.hash.PackedKeyTable;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.RowPositions;
import dev.ember.core.vector.VectorHashing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The in-memory groups of a hash aggregate: a {@link KeyTable} from key tuples to dense group
 * ids (primitive for one int or long key, see {@link KeyTable#create}; several integer keys packed
 * into one long when the first batch's ranges allow, see {@link PackedKeyTable#forGrouping}) and
 * one {@link Accumulator} per aggregate whose state arrays are indexed by group id. Without
 * grouping keys there is one global group that always exists. Per batch, {@link #assignGroups}
 * maps each row to its group, then {@link #update} (raw rows) or {@link #merge} (partial states)
 * folds the batch into the states. Owned by one operator (one task thread).
 */
final class AggregateHashTable {
  /**
   * Small: a table grows by doubling, so starting at 64 costs a large aggregate only a few tiny
   * rehashes, while a small query's four aggregate tasks no longer allocate 1,024-group tables
   * (SmallQuery p50 309-321 -> 272-277 us on the quiet 2-core machine).
   */
  private static final int INITIAL_GROUPS = 64;

  private final AggregateLayout layout;
  private KeyTable keys;
  /**
   * {@code keys.usesHashes()}, asked once per table: a call per batch whose receiver class changes
   * from query to query made the compiled {@link #assignGroups} be thrown away and compiled again.
   */
  private boolean keysUseHashes;
  private final Accumulator[] accumulators;
  private int groupCount;
  /** The group count the accumulators were last told of ({@link Accumulator#ensureGroups}). */
  private int ensuredGroups;
  private int[] groupIds = new int[0];
  private int[] hashes = new int[0];
  private int[] allRows = new int[0];
  /** Group ids of small dictionary keys without hashing; created at the first batch it serves. */
  private DictionaryGroupCache dictionaryGroups;
  /**
   * Whether the first batch decides on packed keys: two or more integer keys, whose tuples may pack
   * into one long ({@link PackedKeyTable#forGrouping}) and group through a one-key table.
   */
  private boolean packAtFirstBatch;

  AggregateHashTable(AggregateLayout layout) {
    this.layout = layout;
    this.accumulators = layout.newAccumulators();
    if (layout.keyCount() == 0) {
      keys = null;
      // The global group exists from the start.
      groupCount = 1;
      for (Accumulator accumulator : accumulators) {
        accumulator.ensureGroups(1);
      }
      ensuredGroups = 1;
    } else {
      keys = KeyTable.create(layout.keyTypes(), INITIAL_GROUPS);
      keysUseHashes = keys.usesHashes();
      packAtFirstBatch = PackedKeyTable.mayPack(layout.keyTypes());
    }
  }

  int groupCount() {
    return groupCount;
  }

  /** The key table in use (for tests: packed keys may move to a hash table mid-input). */
  KeyTable keyTable() {
    return keys;
  }

  /**
   * Maps rows {@code [0, rows)} to group ids by their key tuples ({@code keyColumns}, one vector per
   * grouping key), creating groups for new keys, and returns the ids (an array reused by the next call).
   */
  int[] assignGroups(ColumnVector[] keyColumns, int rows) {
    if (groupIds.length < rows) {
      groupIds = new int[rows];
      hashes = new int[rows];
      allRows = RowPositions.identity(rows);
    }
    if (keys == null) {
      Arrays.fill(groupIds, 0, rows, 0);
      return groupIds;
    }
    if (packAtFirstBatch && rows > 0) {
      packAtFirstBatch = false;
      PackedKeyTable packed = PackedKeyTable.forGrouping(layout.keyTypes(), keyColumns, allRows, rows);
      if (packed != null) {
        keys = packed;
        keysUseHashes = false;
      }
    }
    if (keys instanceof PackedKeyTable packed) {
      if (!packed.tryFindOrInsert(keyColumns, allRows, rows, groupIds)) {
        // A null or a value outside the packed ranges: the groups so far move, ids unchanged.
        keys = packed.toHashTable();
        keysUseHashes = true;
        VectorHashing.hashRows(keyColumns, rows, hashes);
        keys.findOrInsert(keyColumns, hashes, allRows, rows, groupIds);
      }
    } else if (DictionaryGroupCache.serves(keyColumns)) {
      if (dictionaryGroups == null) {
        dictionaryGroups = new DictionaryGroupCache();
      }
      dictionaryGroups.assign(keyColumns, rows, keys, hashes, groupIds);
    } else {
      if (keysUseHashes) {
        VectorHashing.hashRows(keyColumns, rows, hashes);
      }
      keys.findOrInsert(keyColumns, hashes, allRows, rows, groupIds);
    }
    groupCount = keys.size();
    if (groupCount > ensuredGroups) {
      // Only when groups were added: most batches of a few-group aggregate add none.
      for (Accumulator accumulator : accumulators) {
        accumulator.ensureGroups(groupCount);
      }
      ensuredGroups = groupCount;
    }
    return groupIds;
  }

  /** Adds raw rows to aggregate {@code aggregate}: its evaluated arguments, row i in group {@code ids[i]}. */
  void update(int aggregate, ColumnVector[] arguments, int[] ids, int rows) {
    accumulators[aggregate].update(arguments, ids, rows);
  }

  /** Merges partial states into aggregate {@code aggregate}: its state columns, row i in group {@code ids[i]}. */
  void merge(int aggregate, ColumnVector[] states, int[] ids, int rows) {
    accumulators[aggregate].merge(states, ids, rows);
  }

  /** Groups {@code [from, to)} as output rows (keys, then states or results; see {@link AggregateLayout#output}). */
  Batch output(int from, int to) {
    List<ColumnVector> keyColumns = new ArrayList<>();
    for (int key = 0; key < layout.keyCount(); key++) {
      keyColumns.add(keys.keyColumn(key, from, to));
    }
    return layout.output(keyColumns, accumulators, from, to);
  }

  /**
   * Every group in the run layout ({@link AggregateLayout#runTypes}: keys, partial states, key hash),
   * in group id order. The key columns are views of the table: valid until the next assignment.
   */
  Batch runRows() {
    int[] groupHashes = new int[groupCount];
    for (int id = 0; id < groupCount; id++) {
      groupHashes[id] = keys.hashOf(id);
    }
    List<ColumnVector> columns = new ArrayList<>();
    for (int key = 0; key < layout.keyCount(); key++) {
      columns.add(keys.keyColumn(key));
    }
    for (Accumulator accumulator : accumulators) {
      columns.addAll(List.of(accumulator.states(0, groupCount)));
    }
    columns.add(new IntVector(ColumnType.INT, groupHashes, null, groupCount));
    return new Batch(columns.toArray(ColumnVector[]::new), groupCount);
  }

  /** Bytes held by the key table and the states. */
  long retainedBytes() {
    long bytes = keys == null ? 0 : keys.retainedBytes();
    if (dictionaryGroups != null) {
      bytes += dictionaryGroups.retainedBytes();
    }
    for (Accumulator accumulator : accumulators) {
      bytes += accumulator.retainedBytes();
    }
    return bytes;
  }
}
