package dev.ember.core.operator.join;

import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.operator.hash.KeyBitmap;
import dev.ember.core.operator.hash.KeyHashTable;
import dev.ember.core.operator.hash.KeyTable;
import dev.ember.core.operator.hash.LongKeyHashTable;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BatchSizes;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.VectorHashing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A hash join's build side, read-only once built: the build rows, a {@link KeyTable} of their
 * distinct non-null key tuples (primitive for one int or long key), and the rows of each key
 * chained in input order through int arrays ({@code firstRow} per key id, {@code nextRow} per row).
 * When no two rows share a key there are no chains, and when moreover key id {@code i} is row
 * {@code i} no first rows either. Nothing changes after the constructor, so one table can serve the probes of many tasks at once, each with its own
 * {@link KeyHashTable.ProbeScratch} and cursors (see {@link HashJoinOperator.SharedBuild}).
 */
public final class JoinHashTable {
  private final Batch build;
  private final KeyTable keys;
  /** The first build row of each key id; null when key id {@code i} is build row {@code i} (see {@link #firstRows}). */
  private final int[] firstRow;
  /** The next build row of each build row's key, or -1; null when no two build rows share a key. */
  private final int[] nextRow;

  /** Builds the table over every row of {@code build}, keyed by {@code buildKeys} evaluated on it. */
  JoinHashTable(Batch build, VectorExpression[] buildKeys) {
    this.build = build;
    int rows = build.rowCount();
    List<ColumnType> keyTypes = new ArrayList<>();
    for (VectorExpression key : buildKeys) {
      keyTypes.add(key.type());
    }
    ColumnVector[] keyVectors = HashJoinOperator.evaluate(buildKeys, build);
    int[] selected = new int[rows];
    int count = HashJoinOperator.selectRowsWithoutNullKeys(keyVectors, rows, selected);
    keys = KeyTable.forJoinBuild(keyTypes, keyVectors, selected, count);
    int[] hashes = new int[keys.usesHashes() ? rows : 0];
    if (keys.usesHashes()) {
      VectorHashing.hashRows(keyVectors, rows, hashes);
    }
    int[] keyIds = new int[rows];
    // In chunks, so the table's scratch arrays stay batch-sized however large the build side is.
    int[] chunk = new int[Batch.DEFAULT_ROWS];
    for (int from = 0; from < count; from += chunk.length) {
      int chunkCount = Math.min(chunk.length, count - from);
      System.arraycopy(selected, from, chunk, 0, chunkCount);
      keys.findOrInsert(keyVectors, hashes, chunk, chunkCount, keyIds);
    }
    keys.freeze();
    if (keys.size() == count) {
      // Every key once (a dimension table's primary key, TPC-H's orders, customer and part sides):
      // no chains, and when key id i is row i, not even the first rows. Spares 4-12 bytes a build
      // row of fresh memory and the probe's chain walk.
      nextRow = null;
      firstRow = isIdentity(selected, count, rows, keyIds) ? null : firstRowsOfUniqueKeys(selected, count, keyIds);
      return;
    }
    firstRow = new int[keys.size()];
    Arrays.fill(firstRow, -1);
    int[] lastRow = new int[keys.size()];
    nextRow = new int[rows];
    Arrays.fill(nextRow, -1);
    for (int i = 0; i < count; i++) {
      int row = selected[i];
      int id = keyIds[row];
      if (firstRow[id] < 0) {
        firstRow[id] = row;
      } else {
        nextRow[lastRow[id]] = row;
      }
      lastRow[id] = row;
    }
  }

  /** Whether every build row has a key (none null) and row i's key id is i. */
  private static boolean isIdentity(int[] selected, int count, int rows, int[] keyIds) {
    if (count != rows) {
      return false;
    }
    for (int i = 0; i < count; i++) {
      if (keyIds[selected[i]] != i) {
        return false;
      }
    }
    return true;
  }

  private static int[] firstRowsOfUniqueKeys(int[] selected, int count, int[] keyIds) {
    int[] first = new int[count];
    for (int i = 0; i < count; i++) {
      int row = selected[i];
      first[keyIds[row]] = row;
    }
    return first;
  }

  /** The most bits a key bitmap made for scans may have (8 MiB): a few keys spread far apart (Q18's 57 large orders). */
  static final long MAXIMUM_SCAN_BITMAP_BITS = 1L << 26;

  /** Made on first use by {@link #keyBitmap()} when the table has none of its own; guarded by this. */
  private KeyBitmap scanBitmap;
  private boolean scanBitmapDecided;

  /**
   * The build side's distinct keys as an exact bitmap, for scans below the probe side: the key
   * table's own (see {@link KeyTable#keyBitmap()}), else, for one integer key column whose keys span
   * at most {@value #MAXIMUM_SCAN_BITMAP_BITS} values, one made once here (a few keys far apart have
   * none of their own: it would be too sparse for probing, not for a scan's bit test); else null.
   * Thread-safe: the tasks probing a shared table may ask at once.
   */
  public synchronized KeyBitmap keyBitmap() {
    KeyBitmap own = keys.keyBitmap();
    if (own != null) {
      return own;
    }
    if (!scanBitmapDecided) {
      scanBitmap = bitmapOfKeys();
      scanBitmapDecided = true;
    }
    return scanBitmap;
  }

  private KeyBitmap bitmapOfKeys() {
    if (keys.keyCount() != 1 || keys.size() == 0 || !LongKeyHashTable.supports(keys.keyColumn(0).type())) {
      return null;
    }
    ColumnVector column = keys.keyColumn(0);
    long[] values = new long[keys.size()];
    int nullId = -1;
    for (int id = 0; id < values.length; id++) {
      if (column.isNull(id)) {
        nullId = id;
      } else {
        values[id] = integerAt(column, id);
      }
    }
    return KeyBitmap.covering(values, values.length, nullId, MAXIMUM_SCAN_BITMAP_BITS);
  }

  private static long integerAt(ColumnVector column, int row) {
    return column instanceof IntVector ints ? ints.values[row] : ((LongVector) column).values[row];
  }

  /** Every build row, in input order. */
  public Batch build() {
    return build;
  }

  /** Sets {@code ids[row]} to the key id of each of {@code rows[0..count)}, -1 when absent; reads the table only. */
  void find(ColumnVector[] keyVectors, int[] hashes, int[] rows, int count, int[] ids, KeyHashTable.ProbeScratch scratch) {
    keys.find(keyVectors, hashes, rows, count, ids, scratch);
  }

  /** Whether {@link #find} reads the probe rows' hashes (else the caller need not compute them). */
  boolean usesHashes() {
    return keys.usesHashes();
  }

  /** The first build row of each key id, read only; null when key id {@code i} is build row {@code i}. */
  int[] firstRows() {
    return firstRow;
  }

  /** For each build row, the next build row with the same key, or -1, read only; null when every key has one row. */
  int[] nextRows() {
    return nextRow;
  }

  /** Bytes of the lookup structures (the table, the chains). */
  long lookupBytes() {
    long firstRows = firstRow == null ? 0 : 4L * firstRow.length;
    long nextRows = nextRow == null ? 0 : 4L * nextRow.length;
    return keys.retainedBytes() + firstRows + nextRows;
  }

  /** Bytes held in all: the build rows and the lookup structures. */
  public long retainedBytes() {
    return BatchSizes.estimateBytes(build) + lookupBytes();
  }
}
