package dev.ember.core.storage;

import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.ScratchArrays;
import dev.ember.core.vector.StringVector;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One batch of a cached block as the block manager keeps it on the heap: each column in its
 * {@link CompressedColumn compressed form}. A reader widens only the columns it reads
 * ({@link #widen(int[])}), a batch at a time, so a scan of 4 of 16 cached columns costs 4 widenings
 * and holds one widened batch at a time. Immutable; read by many task threads at once.
 */
public final class CachedBatch {
  private final CompressedColumn[] columns;
  private final int rowCount;
  private final long bytes;

  private CachedBatch(CompressedColumn[] columns, int rowCount) {
    this.columns = columns;
    this.rowCount = rowCount;
    long total = 0;
    for (CompressedColumn column : columns) {
      total += column.bytes();
    }
    this.bytes = total;
  }

  /** {@code batch}'s rows (the selected ones), each column compressed. */
  public static CachedBatch compress(Batch batch) {
    Objects.requireNonNull(batch, "batch is null");
    CompressedColumn[] columns = new CompressedColumn[batch.columnCount()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = ColumnCompression.compress(batch.column(i));
    }
    return new CachedBatch(columns, batch.rowCount());
  }

  /**
   * A block's batches, compressed column by column together ({@link ColumnCompression#compressColumn}):
   * a string column of few distinct values shares one dictionary across them. All batches must have
   * the same columns.
   */
  public static List<CachedBatch> compressBlock(List<Batch> batches) {
    if (batches.isEmpty()) {
      return List.of();
    }
    int columnCount = batches.get(0).columnCount();
    CompressedColumn[][] columns = new CompressedColumn[batches.size()][columnCount];
    List<ColumnVector> parts = new ArrayList<>(batches.size());
    for (int column = 0; column < columnCount; column++) {
      parts.clear();
      for (Batch batch : batches) {
        parts.add(batch.column(column));
      }
      CompressedColumn[] compressed = ColumnCompression.compressColumn(parts);
      for (int batch = 0; batch < compressed.length; batch++) {
        columns[batch][column] = compressed[batch];
      }
    }
    List<CachedBatch> block = new ArrayList<>(batches.size());
    for (int batch = 0; batch < columns.length; batch++) {
      block.add(new CachedBatch(columns[batch], batches.get(batch).rowCount()));
    }
    return block;
  }

  /** The bytes a block of these batches holds: each batch's, a dictionary they share counted once. */
  public static long blockBytes(List<CachedBatch> block) {
    long total = 0;
    Set<StringVector> counted = Collections.newSetFromMap(new IdentityHashMap<>());
    for (CachedBatch batch : block) {
      total += batch.bytes;
      for (CompressedColumn column : batch.columns) {
        StringVector dictionary = column.dictionaryOrNull();
        if (dictionary != null && !counted.add(dictionary)) {
          total -= dictionary.retainedBytes();
        }
      }
    }
    return total;
  }

  /** {@code batch}'s rows with every column as it is (a block read back from its file). */
  public static CachedBatch uncompressed(Batch batch) {
    Objects.requireNonNull(batch, "batch is null");
    CompressedColumn[] columns = new CompressedColumn[batch.columnCount()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = new CompressedColumn.PassThrough(batch.column(i));
    }
    return new CachedBatch(columns, batch.rowCount());
  }

  public int rowCount() {
    return rowCount;
  }

  public int columnCount() {
    return columns.length;
  }

  /** Column {@code index} as stored. */
  public CompressedColumn column(int index) {
    return columns[index];
  }

  /** The bytes of all columns as stored: what a memory block of this batch reserves. */
  public long bytes() {
    return bytes;
  }

  /** All columns widened into a batch. */
  public Batch widen() {
    ColumnVector[] widened = new ColumnVector[columns.length];
    for (int i = 0; i < widened.length; i++) {
      widened[i] = columns[i].widen();
    }
    return new Batch(widened, rowCount);
  }

  /**
   * The rows at {@code positions[0..count)} of the columns at {@code indexes}, widened into a dense
   * batch, into arrays from {@code scratch} (null: new arrays).
   */
  public Batch widenAt(int[] indexes, int[] positions, int count, ScratchArrays scratch) {
    ColumnVector[] widened = new ColumnVector[indexes.length];
    for (int i = 0; i < widened.length; i++) {
      widened[i] = columns[indexes[i]].widenAt(positions, count, scratch);
    }
    return new Batch(widened, count);
  }

  /** The columns at {@code indexes}, in that order, widened into a batch of their own. */
  public Batch widen(int[] indexes) {
    return widen(indexes, null);
  }

  /** {@link #widen(int[])} into arrays from {@code scratch} (null: new arrays). */
  public Batch widen(int[] indexes, ScratchArrays scratch) {
    ColumnVector[] widened = new ColumnVector[indexes.length];
    for (int i = 0; i < widened.length; i++) {
      widened[i] = columns[indexes[i]].widen(scratch);
    }
    return new Batch(widened, rowCount);
  }
}
