package dev.ember.core.storage;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.BatchSizes;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.ScratchArrays;
import dev.ember.core.vector.StringVector;
import java.util.Objects;

/**
 * One column of one cached batch in the narrowest exact form {@link ColumnCompression} found for
 * it, as Spark's in-memory columnar cache compresses a column per batch (its
 * {@code CompressibleColumnBuilder}): integral values as a base plus unsigned offsets of 1, 2 or 4
 * bytes (frame of reference), dictionary ids of small dictionaries as 1 or 2 bytes, anything else
 * as the vector itself. {@link ColumnCompression#widen} gives back the vector, equal row by row.
 *
 * <p>Validity is a bit per row ({@code nullBits}, bit {@code i % 64} of word {@code i / 64} set
 * for a null row), {@code null} when no row is null. Immutable once built; shared by the reading
 * threads of a cached block.
 */
public sealed interface CompressedColumn {
  ColumnType type();

  /** The number of rows. */
  int size();

  /** The bytes the arrays hold (what the block manager reserves for this column). */
  long bytes();

  // Widening and selecting are methods of each stored form, not switches over the forms inside the
  // scan: the JIT then compiles one body per form, called through one site that sees every form, and
  // a form that a later query reads first does not deoptimize and recompile the scan's per-batch
  // loop (with all the other forms' loops inlined in it) while that query runs.

  /** All rows, widened into a vector equal row by row to the one compressed ({@link ColumnCompression#widen}). */
  default ColumnVector widen() {
    return widen(null);
  }

  /** {@link #widen()} into arrays from {@code scratch} (null: new arrays) where the form widens into new arrays. */
  ColumnVector widen(ScratchArrays scratch);

  /**
   * The rows at {@code positions[0..count)}, widened into a dense vector ({@link CompressedSelection#widenAt}),
   * into arrays from {@code scratch} (null: new arrays) where the form widens into new arrays.
   */
  ColumnVector widenAt(int[] positions, int count, ScratchArrays scratch);

  /** {@link CompressedSelection#selectInRange} for {@code lowest <= highest}: -1 when this form holds no integral values. */
  int selectInRange(long lowest, long highest, int[] rows, int count, int[] out);

  /** {@link CompressedSelection#selectInKeySet} for a non-empty set: -1 when this form holds no integral keys. */
  int selectInKeySet(long lowest, long bits, long[] words, int[] rows, int count, int[] out);

  /** The dictionary of a form that stores dictionary ids; null for the other forms. */
  StringVector dictionaryOrNull();

  /** {@link CompressedSelection#selectIds}: -1 when this form is not dictionary ids. */
  int selectIds(boolean[] keepEntry, boolean keepNull, int[] rows, int count, int[] out);

  /** Bytes of a bit-per-row validity array, 0 without one. */
  private static long nullBytes(long[] nullBits) {
    return nullBits == null ? 0 : 8L * nullBits.length;
  }

  /** A column kept as its vector (doubles, booleans, plain strings, values too spread to narrow). */
  record PassThrough(ColumnVector vector) implements CompressedColumn {
    public PassThrough {
      Objects.requireNonNull(vector, "vector is null");
    }

    @Override
    public ColumnType type() {
      return vector.type();
    }

    @Override
    public int size() {
      return vector.size();
    }

    @Override
    public long bytes() {
      return BatchSizes.estimateBytes(vector);
    }

    @Override
    public ColumnVector widen(ScratchArrays scratch) {
      return vector;
    }

    @Override
    public ColumnVector widenAt(int[] positions, int count, ScratchArrays scratch) {
      return vector.select(positions, count);
    }

    @Override
    public int selectInRange(long lowest, long highest, int[] rows, int count, int[] out) {
      return CompressedSelection.selectInRange(this, lowest, highest, rows, count, out);
    }

    @Override
    public int selectInKeySet(long lowest, long bits, long[] words, int[] rows, int count, int[] out) {
      return CompressedSelection.selectInKeySet(this, lowest, bits, words, rows, count, out);
    }

    @Override
    public StringVector dictionaryOrNull() {
      return null;
    }

    @Override
    public int selectIds(boolean[] keepEntry, boolean keepNull, int[] rows, int count, int[] out) {
      return -1;
    }
  }

  /**
   * Integral values (INT, DATE, LONG, TIMESTAMP, DECIMAL) as {@code base + (offsets[i] & 0xFF)}; a
   * wide DECIMAL stored so has the sign of its low word as its high word.
   */
  record ByteOffsets(ColumnType type, long base, byte[] offsets, long[] nullBits, int size) implements CompressedColumn {
    @Override
    public long bytes() {
      return offsets.length + nullBytes(nullBits);
    }

    @Override
    public ColumnVector widen(ScratchArrays scratch) {
      return ColumnCompression.widen(this, scratch);
    }

    @Override
    public ColumnVector widenAt(int[] positions, int count, ScratchArrays scratch) {
      return CompressedSelection.widenAt(this, positions, count, scratch);
    }

    @Override
    public int selectInRange(long lowest, long highest, int[] rows, int count, int[] out) {
      return CompressedSelection.selectInRange(this, lowest, highest, rows, count, out);
    }

    @Override
    public int selectInKeySet(long lowest, long bits, long[] words, int[] rows, int count, int[] out) {
      return CompressedSelection.selectInKeySet(this, lowest, bits, words, rows, count, out);
    }

    @Override
    public StringVector dictionaryOrNull() {
      return null;
    }

    @Override
    public int selectIds(boolean[] keepEntry, boolean keepNull, int[] rows, int count, int[] out) {
      return -1;
    }
  }

  /** Integral values as {@code base + (offsets[i] & 0xFFFF)}. */
  record ShortOffsets(ColumnType type, long base, short[] offsets, long[] nullBits, int size) implements CompressedColumn {
    @Override
    public long bytes() {
      return 2L * offsets.length + nullBytes(nullBits);
    }

    @Override
    public ColumnVector widen(ScratchArrays scratch) {
      return ColumnCompression.widen(this, scratch);
    }

    @Override
    public ColumnVector widenAt(int[] positions, int count, ScratchArrays scratch) {
      return CompressedSelection.widenAt(this, positions, count, scratch);
    }

    @Override
    public int selectInRange(long lowest, long highest, int[] rows, int count, int[] out) {
      return CompressedSelection.selectInRange(this, lowest, highest, rows, count, out);
    }

    @Override
    public int selectInKeySet(long lowest, long bits, long[] words, int[] rows, int count, int[] out) {
      return CompressedSelection.selectInKeySet(this, lowest, bits, words, rows, count, out);
    }

    @Override
    public StringVector dictionaryOrNull() {
      return null;
    }

    @Override
    public int selectIds(boolean[] keepEntry, boolean keepNull, int[] rows, int count, int[] out) {
      return -1;
    }
  }

  /** Integral values as {@code base + (offsets[i] & 0xFFFFFFFFL)} (LONG-backed types only: an INT needs no narrowing to 4 bytes). */
  record IntOffsets(ColumnType type, long base, int[] offsets, long[] nullBits, int size) implements CompressedColumn {
    @Override
    public long bytes() {
      return 4L * offsets.length + nullBytes(nullBits);
    }

    @Override
    public ColumnVector widen(ScratchArrays scratch) {
      return ColumnCompression.widen(this, scratch);
    }

    @Override
    public ColumnVector widenAt(int[] positions, int count, ScratchArrays scratch) {
      return CompressedSelection.widenAt(this, positions, count, scratch);
    }

    @Override
    public int selectInRange(long lowest, long highest, int[] rows, int count, int[] out) {
      return CompressedSelection.selectInRange(this, lowest, highest, rows, count, out);
    }

    @Override
    public int selectInKeySet(long lowest, long bits, long[] words, int[] rows, int count, int[] out) {
      return CompressedSelection.selectInKeySet(this, lowest, bits, words, rows, count, out);
    }

    @Override
    public StringVector dictionaryOrNull() {
      return null;
    }

    @Override
    public int selectIds(boolean[] keepEntry, boolean keepNull, int[] rows, int count, int[] out) {
      return -1;
    }
  }

  /** Dictionary-encoded strings with a dictionary of at most 256 entries: id {@code ids[i] & 0xFF}. */
  record ByteIds(ColumnType type, byte[] ids, StringVector dictionary, long[] nullBits, int size) implements CompressedColumn {
    @Override
    public long bytes() {
      return ids.length + dictionary.retainedBytes() + nullBytes(nullBits);
    }

    @Override
    public ColumnVector widen(ScratchArrays scratch) {
      return ColumnCompression.widen(this, scratch);
    }

    @Override
    public ColumnVector widenAt(int[] positions, int count, ScratchArrays scratch) {
      return CompressedSelection.widenAt(this, positions, count, scratch);
    }

    @Override
    public int selectInRange(long lowest, long highest, int[] rows, int count, int[] out) {
      return -1;
    }

    @Override
    public int selectInKeySet(long lowest, long bits, long[] words, int[] rows, int count, int[] out) {
      return -1;
    }

    @Override
    public StringVector dictionaryOrNull() {
      return dictionary;
    }

    @Override
    public int selectIds(boolean[] keepEntry, boolean keepNull, int[] rows, int count, int[] out) {
      return CompressedSelection.selectIds(this, keepEntry, keepNull, rows, count, out);
    }
  }

  /** Dictionary-encoded strings with a dictionary of at most 65,536 entries: id {@code ids[i] & 0xFFFF}. */
  record ShortIds(ColumnType type, short[] ids, StringVector dictionary, long[] nullBits, int size) implements CompressedColumn {
    @Override
    public long bytes() {
      return 2L * ids.length + dictionary.retainedBytes() + nullBytes(nullBits);
    }

    @Override
    public ColumnVector widen(ScratchArrays scratch) {
      return ColumnCompression.widen(this, scratch);
    }

    @Override
    public ColumnVector widenAt(int[] positions, int count, ScratchArrays scratch) {
      return CompressedSelection.widenAt(this, positions, count, scratch);
    }

    @Override
    public int selectInRange(long lowest, long highest, int[] rows, int count, int[] out) {
      return -1;
    }

    @Override
    public int selectInKeySet(long lowest, long bits, long[] words, int[] rows, int count, int[] out) {
      return -1;
    }

    @Override
    public StringVector dictionaryOrNull() {
      return dictionary;
    }

    @Override
    public int selectIds(boolean[] keepEntry, boolean keepNull, int[] rows, int count, int[] out) {
      return CompressedSelection.selectIds(this, keepEntry, keepNull, rows, count, out);
    }
  }
}
