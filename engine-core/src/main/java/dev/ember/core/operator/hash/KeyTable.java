package dev.ember.core.operator.hash;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.ColumnVector;
import java.util.List;

/**
 * A hash table from distinct key tuples to dense ids 0, 1, 2, ... (group ids of a hash aggregate,
 * distinct build keys of a hash join). {@link #create} picks the implementation from the key types:
 * a {@link LongKeyHashTable} for one INT, DATE, LONG or TIMESTAMP key (keys inline in a primitive
 * open-addressing array, the common shape of join and grouping keys), a {@link KeyHashTable} for any
 * other shape; a join's build side whose one integer key is dense may use a {@link DirectKeyTable}
 * ({@link #forJoinBuild}), and one whose several integer keys span narrow ranges a {@link
 * PackedKeyTable} (the tuple packed into one long). Callers dispatch once per batch, never per row.
 *
 * <p>Null keys are values like any other here (null groups with null); joins filter them out first.
 * One thread inserts; once no thread inserts any more, several may {@link #find} at once (after a
 * happens-before edge from the last insert), each with its own {@link KeyHashTable.ProbeScratch}.
 */
public sealed interface KeyTable permits KeyHashTable, LongKeyHashTable, DirectKeyTable, PackedKeyTable {

  /** The table for keys of {@code keyTypes}, sized for about {@code expectedSize} distinct keys. */
  static KeyTable create(List<ColumnType> keyTypes, int expectedSize) {
    if (keyTypes.size() == 1 && LongKeyHashTable.supports(keyTypes.get(0))) {
      return new LongKeyHashTable(keyTypes.get(0), expectedSize);
    }
    return new KeyHashTable(keyTypes, expectedSize);
  }

  /**
   * The table for a join's build keys {@code keyVectors} at {@code rows[0..count)} (rows with a null
   * key already left out): a {@link DirectKeyTable} when there is one integer key column whose values
   * are dense, else {@link #create}'s choice.
   */
  static KeyTable forJoinBuild(List<ColumnType> keyTypes, ColumnVector[] keyVectors, int[] rows, int count) {
    if (keyVectors.length == 1) {
      DirectKeyTable direct = DirectKeyTable.forDenseKeys(keyVectors[0], rows, count);
      if (direct != null) {
        return direct;
      }
    } else {
      PackedKeyTable packed = PackedKeyTable.forJoinBuild(keyTypes, keyVectors, rows, count);
      if (packed != null) {
        return packed;
      }
    }
    return create(keyTypes, Math.max(16, count));
  }

  /**
   * Whether lookups read the row hashes passed in ({@link dev.ember.core.vector.VectorHashing}'s); when false callers may
   * skip computing them and pass any array (the table hashes its keys itself).
   */
  boolean usesHashes();

  /**
   * The table's non-null keys as an exact bitmap, once frozen, when it has one integer key column
   * whose keys span a narrow enough range; null otherwise (then nothing can be checked ahead of a probe).
   */
  default KeyBitmap keyBitmap() {
    return null;
  }

  /**
   * Sets {@code ids[row]} for each row in {@code rows[0..count)} to the id of its key tuple
   * ({@code keyVectors} at that row, hashed into {@code hashes[row]}), inserting new keys.
   */
  void findOrInsert(ColumnVector[] keyVectors, int[] hashes, int[] rows, int count, int[] ids);

  /**
   * As {@link #findOrInsert} but never inserts (an absent key gives id -1) and reads the table only,
   * with the caller's {@code scratch}: threads may call it at once on a table no longer inserted into.
   */
  void find(ColumnVector[] keyVectors, int[] hashes, int[] rows, int count, int[] ids, KeyHashTable.ProbeScratch scratch);

  /** The number of distinct keys (ids {@code 0..size-1}). */
  int size();

  int keyCount();

  /** Key column {@code index} of every id, in id order, as a view valid until the next insert. */
  ColumnVector keyColumn(int index);

  /** Rows {@code [from, to)} of {@link #keyColumn}: ids {@code from} to {@code to - 1}'s keys, a vector of their own. */
  default ColumnVector keyColumn(int index, int from, int to) {
    return keyColumn(index).slice(from, to);
  }

  /** The {@link dev.ember.core.vector.VectorHashing} row hash of id {@code id}'s key tuple. */
  int hashOf(int id);

  /** Bytes held, reserved from execution memory by the owners. */
  long retainedBytes();

  /** Prepares the table for read-only probes from several threads (no lazy state is created later). */
  void freeze();
}
