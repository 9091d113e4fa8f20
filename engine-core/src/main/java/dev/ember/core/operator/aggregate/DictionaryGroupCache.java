package dev.ember.core.operator.aggregate;

import dev.ember.core.operator.hash.KeyTable;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.RowPositions;
import dev.ember.core.vector.RowChunks;
import dev.ember.core.vector.StringVector;
import dev.ember.core.vector.VectorHashing;
import java.util.Arrays;

/**
 * Group ids for keys that are all dictionary-encoded strings of small dictionaries (Q1's return
 * flag and line status, Q12's ship mode): a row's key is then the tuple of its dictionary ids, a
 * tuple of small ids is a small integer (a mixed-radix code, with null as one more digit), and an
 * array from code to group id replaces hashing and comparing the key of every row.
 *
 * <p>The array is a cache in front of the aggregate's {@link KeyTable}: the first row of a code not
 * seen yet is looked up (inserted) there, so group ids (in first-seen order, as without the cache),
 * key columns, spilling and merging stay the table's. A batch whose dictionaries are other objects
 * (another partition's) starts the cache afresh. Owned by the aggregate's task thread.
 */
final class DictionaryGroupCache {
  /** The largest code space served: the product of the key columns' dictionary sizes plus one (null). */
  static final int MAX_CODES = 1 << 12;

  private static final int UNSEEN = -1;
  private static final int PENDING = -2;

  private StringVector[] dictionaries = new StringVector[0];
  private int[] groupOfCode = new int[0];
  /** Codes combined from several key columns (or one with nulls), reused batch after batch. */
  private int[] codeScratch = new int[0];
  private int[] pendingRows = new int[0];
  private int[] pendingIds = new int[0];
  private int[] identity = new int[0];

  /** Whether {@link #assign} serves these key columns: all dictionary strings, a code space of at most {@link #MAX_CODES}. */
  static boolean serves(ColumnVector[] keyColumns) {
    long codeSpace = 1;
    for (ColumnVector column : keyColumns) {
      if (!(column instanceof StringVector strings) || !strings.isDictionary()) {
        return false;
      }
      codeSpace *= strings.dictionary().size() + 1L;
      if (codeSpace > MAX_CODES) {
        return false;
      }
    }
    return keyColumns.length > 0;
  }

  /**
   * Writes the group id of rows {@code [0, rows)} into {@code groupIds}, inserting the keys of codes
   * not seen yet into {@code keys}; {@code hashes} is scratch of at least {@code rows} slots. The key
   * columns must be {@linkplain #serves served}.
   */
  void assign(ColumnVector[] keyColumns, int rows, KeyTable keys, int[] hashes, int[] groupIds) {
    resetUnlessSameDictionaries(keyColumns);
    if (pendingRows.length < rows) {
      pendingRows = new int[rows];
      pendingIds = new int[rows];
    }
    StringVector single = (StringVector) keyColumns[0];
    // One key without nulls: its dictionary ids are the codes (one pass less per batch). Read only.
    int[] codes = keyColumns.length == 1 && single.nulls == null ? single.ids() : combinedCodes(keyColumns, rows);
    int pending = 0;
    for (int from = 0; from < rows; from += RowChunks.ROWS) {
      pending = markUnseen(codes, groupOfCode, pendingRows, pending, from, Math.min(rows, from + RowChunks.ROWS));
    }
    if (pending > 0) {
      insertPending(keyColumns, codes, pending, keys, hashes);
    }
    RowChunks.gatherInts(groupOfCode, codes, groupIds, rows);
  }

  /** Each row's mixed-radix code of its key columns' dictionary ids (null: one digit more) in {@link #codeScratch}. */
  private int[] combinedCodes(ColumnVector[] keyColumns, int rows) {
    if (codeScratch.length < rows) {
      codeScratch = new int[rows];
    }
    int[] combined = codeScratch;
    Arrays.fill(combined, 0, rows, 0);
    int stride = 1;
    for (ColumnVector column : keyColumns) {
      StringVector strings = (StringVector) column;
      int nullDigit = strings.dictionary().size();
      addDigits(combined, strings.ids(), strings.nulls, nullDigit, stride, rows);
      stride *= nullDigit + 1;
    }
    return combined;
  }

  // One loop per method below: a batch-at-a-time caller runs each loop thousands of times per call,
  // so the JIT compiles loops on stack (OSR), and a method of several loops would be compiled whole
  // once for each of them. Small loop methods are compiled once each, quickly; those run per row of
  // every batch are called per chunk of rows (RowChunks), so that a young JVM compiles them early.

  /** Adds each row's digit (its dictionary id, or {@code nullDigit} for null) times {@code stride} to its code. */
  private static void addDigits(int[] codes, int[] ids, boolean[] nulls, int nullDigit, int stride, int rows) {
    if (nulls == null) {
      for (int row = 0; row < rows; row++) {
        codes[row] += ids[row] * stride;
      }
    } else {
      for (int row = 0; row < rows; row++) {
        codes[row] += (nulls[row] ? nullDigit : ids[row]) * stride;
      }
    }
  }

  /**
   * Marks the codes of rows {@code [from, to)} not seen before as pending and writes the first row
   * of each to {@code pendingRows} after the {@code pending} already there; returns how many are there now.
   */
  private static int markUnseen(int[] codes, int[] groupOfCode, int[] pendingRows, int pending, int from, int to) {
    for (int row = from; row < to; row++) {
      if (groupOfCode[codes[row]] == UNSEEN) {
        groupOfCode[codes[row]] = PENDING;
        pendingRows[pending++] = row;
      }
    }
    return pending;
  }

  /** Looks the first row of each new code up in (inserts it into) the table and caches its group. */
  private void insertPending(ColumnVector[] keyColumns, int[] codes, int pending, KeyTable keys, int[] hashes) {
    // Only the first row of each new code goes to the table: hashed and compared there alone.
    ColumnVector[] firstRows = new ColumnVector[keyColumns.length];
    for (int key = 0; key < keyColumns.length; key++) {
      firstRows[key] = keyColumns[key].gather(pendingRows, pending);
    }
    if (keys.usesHashes()) {
      VectorHashing.hashRows(firstRows, pending, hashes);
    }
    if (identity.length < pending) {
      identity = RowPositions.identity(Math.max(pending, identity.length * 2));
    }
    keys.findOrInsert(firstRows, hashes, identity, pending, pendingIds);
    for (int i = 0; i < pending; i++) {
      groupOfCode[codes[pendingRows[i]]] = pendingIds[i];
    }
  }

  private void resetUnlessSameDictionaries(ColumnVector[] keyColumns) {
    boolean same = dictionaries.length == keyColumns.length;
    for (int i = 0; same && i < keyColumns.length; i++) {
      same = dictionaries[i] == ((StringVector) keyColumns[i]).dictionary();
    }
    if (same) {
      return;
    }
    dictionaries = new StringVector[keyColumns.length];
    int codeSpace = 1;
    for (int i = 0; i < keyColumns.length; i++) {
      dictionaries[i] = ((StringVector) keyColumns[i]).dictionary();
      codeSpace *= dictionaries[i].size() + 1;
    }
    if (groupOfCode.length < codeSpace) {
      groupOfCode = new int[codeSpace];
    }
    Arrays.fill(groupOfCode, 0, codeSpace, UNSEEN);
  }

  /** Bytes of the cache's arrays (small: at most {@link #MAX_CODES} codes plus a batch's rows). */
  long retainedBytes() {
    return 4L * (groupOfCode.length + codeScratch.length + pendingRows.length + pendingIds.length + identity.length);
  }
}
