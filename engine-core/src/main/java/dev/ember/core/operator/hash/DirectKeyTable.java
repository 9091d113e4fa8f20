package dev.ember.core.operator.hash;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import dev.ember.core.vector.VectorHashing;

/**
 * A {@link KeyTable} for one INT, DATE, LONG or TIMESTAMP key whose values all lie in a range known
 * beforehand and not much wider than their count: a join's build side keyed by ids or serial numbers
 * (TPC-H's part, supplier, customer and nation keys). Key {@code k} lives at {@code k - lowest} of an
 * int array (DuckDB's perfect hash join): an insert or a lookup is one bounds check and one load
 * from an array of 4 bytes a key or so, with no hash, no compare and no probing run, where a {@link
 * LongKeyHashTable} reads 16 bytes a slot at a load factor of one half.
 *
 * <p>Built by {@link #forDenseKeys} from the keys it will hold; inserting a key outside the range is
 * a caller's bug and throws. A null key is one more id kept outside the array, as in {@link
 * LongKeyHashTable}. The thread that inserts owns the table; afterwards {@link #find} only reads.
 */
public final class DirectKeyTable implements KeyTable {
  /** A range may span at most this many slots per distinct key it is built for. */
  static final int SLOTS_PER_KEY = 4;
  /** And at most this many slots (256 MB), whatever the key count. */
  private static final int MAX_SLOTS = 1 << 26;

  private final ColumnType keyType;
  private final long lowest;
  /** id + 1 of key {@code lowest + i} at {@code i}; 0: absent. */
  private final int[] idPlusOneByOffset;
  /** The key of each id, in id order (ids follow first appearance). */
  private long[] idKeys;
  private int size;
  private int nullId = -1;
  private ColumnVector keyView;

  private DirectKeyTable(ColumnType keyType, long lowest, int slots, int expectedKeys) {
    this.keyType = keyType;
    this.lowest = lowest;
    this.idPlusOneByOffset = new int[slots];
    this.idKeys = new long[Math.max(16, expectedKeys)];
  }

  /**
   * A table for the keys at {@code rows[0..count)} of {@code keys} (nulls skipped), or null when
   * they are not dense enough — their range wider than {@value #SLOTS_PER_KEY} slots per row — or
   * the type does not fit. One pass over the keys decides.
   */
  public static DirectKeyTable forDenseKeys(ColumnVector keys, int[] rows, int count) {
    if (count == 0 || !LongKeyHashTable.supports(keys.type())) {
      return null;
    }
    KeyRange range = KeyRange.of(keys, rows, count);
    if (range == null) {
      return null; // every key null
    }
    // A negative span: keys far apart (the difference overflows), not dense.
    long span = range.span();
    if (span < 0 || span >= Math.min(MAX_SLOTS, (long) SLOTS_PER_KEY * count + 64)) {
      return null;
    }
    return new DirectKeyTable(keys.type(), range.lowest(), (int) span + 1, count);
  }

  @Override
  public boolean usesHashes() {
    return false;
  }

  @Override
  public void findOrInsert(ColumnVector[] keyVectors, int[] hashes, int[] rows, int count, int[] ids) {
    ColumnVector keys = singleKey(keyVectors);
    // One loop per vector class, as in find: a per-row check of the class would trap (and send the
    // compiled build back to the interpreter) whenever a query builds on the other class.
    switch (keys) {
      case IntVector vector -> insertInts(vector.values, keys.nulls, rows, count, ids);
      case LongVector vector -> insertLongs(vector.values, keys.nulls, rows, count, ids);
      case BooleanVector vector -> throw wrongVector(vector);
      case DoubleVector vector -> throw wrongVector(vector);
      case StringVector vector -> throw wrongVector(vector);
      case DecimalVector vector -> throw wrongVector(vector);
    }
    keyView = null;
  }

  private void insertInts(int[] values, boolean[] nulls, int[] rows, int count, int[] ids) {
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      ids[row] = nulls != null && nulls[row] ? nullGroup() : idOf(values[row]);
    }
  }

  private void insertLongs(long[] values, boolean[] nulls, int[] rows, int count, int[] ids) {
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      ids[row] = nulls != null && nulls[row] ? nullGroup() : idOf(values[row]);
    }
  }

  /** The id of {@code key}, inserted if new: one bounds check and one load (small: inlined into both loops). */
  private int idOf(long key) {
    long offset = key - lowest;
    if (Long.compareUnsigned(offset, idPlusOneByOffset.length) >= 0) {
      throw outOfRange(key);
    }
    int idPlusOne = idPlusOneByOffset[(int) offset];
    if (idPlusOne == 0) {
      idPlusOne = insert(key) + 1;
      idPlusOneByOffset[(int) offset] = idPlusOne;
    }
    return idPlusOne - 1;
  }

  private IllegalArgumentException outOfRange(long key) {
    return new IllegalArgumentException("key " + key + " is outside the table's range [" + lowest + ", "
        + (lowest + idPlusOneByOffset.length - 1) + "]");
  }

  /** The next id for {@code key}; {@link #findOrInsert} drops the key view once per call. */
  private int insert(long key) {
    if (size == idKeys.length) {
      idKeys = java.util.Arrays.copyOf(idKeys, 2 * size);
    }
    idKeys[size] = key;
    return size++;
  }

  private int nullGroup() {
    if (nullId < 0) {
      if (size == idKeys.length) {
        idKeys = java.util.Arrays.copyOf(idKeys, 2 * size);
      }
      nullId = size++;
      keyView = null;
    }
    return nullId;
  }

  /** One bounds check and one load a row; keys below the lowest wrap to huge offsets and miss like keys above. */
  @Override
  public void find(ColumnVector[] keyVectors, int[] hashes, int[] rows, int count, int[] ids, KeyHashTable.ProbeScratch scratch) {
    ColumnVector keys = singleKey(keyVectors);
    int[] index = idPlusOneByOffset;
    long length = index.length;
    long low = lowest;
    switch (keys) {
      case IntVector vector -> {
        int[] values = vector.values;
        for (int i = 0; i < count; i++) {
          int row = rows[i];
          long offset = values[row] - low;
          ids[row] = Long.compareUnsigned(offset, length) < 0 ? index[(int) offset] - 1 : -1;
        }
      }
      case LongVector vector -> {
        long[] values = vector.values;
        for (int i = 0; i < count; i++) {
          int row = rows[i];
          long offset = values[row] - low;
          ids[row] = Long.compareUnsigned(offset, length) < 0 ? index[(int) offset] - 1 : -1;
        }
      }
      case BooleanVector vector -> throw wrongVector(vector);
      case DoubleVector vector -> throw wrongVector(vector);
      case StringVector vector -> throw wrongVector(vector);
      case DecimalVector vector -> throw wrongVector(vector);
    }
    boolean[] nulls = keys.nulls;
    if (nulls != null) {
      for (int i = 0; i < count; i++) {
        int row = rows[i];
        if (nulls[row]) {
          ids[row] = nullId;
        }
      }
    }
  }

  private ColumnVector singleKey(ColumnVector[] keyVectors) {
    return LongKeyHashTable.singleKey(keyType, keyVectors);
  }

  private IllegalArgumentException wrongVector(ColumnVector vector) {
    return LongKeyHashTable.wrongVector(keyType, vector);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int keyCount() {
    return 1;
  }

  @Override
  public ColumnVector keyColumn(int index) {
    if (index != 0) {
      throw new IndexOutOfBoundsException("key column " + index + " of a table with one key column");
    }
    if (keyView == null) {
      keyView = LongKeyHashTable.keyColumn(keyType, idKeys, size, nullId);
    }
    return keyView;
  }

  @Override
  public int hashOf(int id) {
    return LongKeyHashTable.hashOf(keyType, idKeys, id, nullId);
  }

  @Override
  public long retainedBytes() {
    return 4L * idPlusOneByOffset.length + 8L * idKeys.length;
  }

  /** Built by {@link #freeze}: a bit per slot, set where a key is (a scan under the join reads it). */
  private KeyBitmap keyBitmap;

  @Override
  public void freeze() {
    // Lookups create nothing lazily; the bitmap of the occupied slots is made once here.
    if (keyBitmap != null) {
      return;
    }
    int[] slots = idPlusOneByOffset;
    long[] words = new long[(slots.length + 63) >>> 6];
    for (int offset = 0; offset < slots.length; offset++) {
      if (slots[offset] != 0) {
        words[offset >>> 6] |= 1L << offset;
      }
    }
    keyBitmap = new KeyBitmap(lowest, slots.length, words);
  }

  @Override
  public KeyBitmap keyBitmap() {
    return keyBitmap;
  }
}
