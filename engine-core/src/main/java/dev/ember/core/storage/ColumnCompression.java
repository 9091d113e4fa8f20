package dev.ember.core.storage;

import dev.ember.core.storage.CompressedColumn.ByteIds;
import dev.ember.core.storage.CompressedColumn.ByteOffsets;
import dev.ember.core.storage.CompressedColumn.IntOffsets;
import dev.ember.core.storage.CompressedColumn.PassThrough;
import dev.ember.core.storage.CompressedColumn.ShortIds;
import dev.ember.core.storage.CompressedColumn.ShortOffsets;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.TypeKind;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DictionaryMerge;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.ScratchArrays;
import dev.ember.core.vector.StringVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The cheap per-batch compression schemes of Spark's in-memory columnar cache, for cached blocks:
 * {@link #compress} picks the narrowest exact form of a column, {@link #widen} gives back a fresh
 * vector with the same values.
 *
 * <ul>
 *   <li>Integral columns (INT, DATE, LONG, TIMESTAMP, compact DECIMAL, and wide DECIMAL whose values
 *       all fit a long) become frame of reference: the minimum plus unsigned offsets of 1, 2 or 4
 *       bytes, whichever holds the range. Every slot counts, null ones too, so the widened array is
 *       the stored one exactly (kernels may read a null slot's value and ignore it).
 *   <li>Dictionary-encoded strings keep their dictionary with 1-byte ids (at most 256 entries) or
 *       2-byte ids (at most 65,536).
 *   <li>Everything else stays as it is, its arrays trimmed to the row count.
 * </ul>
 *
 * Validity becomes a bit per row. Widening is one loop per column without a call or a branch per
 * row, so it vectorizes; the decision is made once per column of a batch. Stateless.
 *
 * <p>A block's batches are compressed together ({@link #compressColumn}) so that a string column of
 * few distinct values keeps one dictionary for the whole block: a CSV reader gives each batch a
 * dictionary of its own, and every consumer that works per dictionary (a condition evaluated on the
 * entries, an aggregate's group ids by dictionary id, a concatenation) would otherwise start over at
 * each batch.
 */
public final class ColumnCompression {
  private static final long BYTE_RANGE = 0xFFL;
  private static final long SHORT_RANGE = 0xFFFFL;
  private static final long INT_RANGE = 0xFFFF_FFFFL;
  /**
   * The most entries of a dictionary a block's batches share: what 1-byte ids address. Low-cardinality
   * columns (flags, modes, segments, names of nations, types of parts) are the ones whose consumers
   * work per dictionary; a larger column keeps a dictionary per batch, as its reader made it.
   */
  static final int SHARED_DICTIONARY_ENTRIES = 256;

  private ColumnCompression() {}

  /** The narrowest exact form of {@code vector}'s rows. */
  public static CompressedColumn compress(ColumnVector vector) {
    return switch (vector) {
      case IntVector ints -> compressInts(ints);
      case LongVector longs -> {
        CompressedColumn narrowed = narrowLongs(longs.type(), longs.values, longs.nulls, longs.size());
        yield narrowed != null ? narrowed : new PassThrough(trimmed(longs));
      }
      case DecimalVector decimals -> compressWideDecimals(decimals);
      case StringVector strings -> strings.isDictionary() ? compressIds(strings) : new PassThrough(trimmed(strings));
      case DoubleVector doubles -> new PassThrough(trimmed(doubles));
      case BooleanVector booleans -> new PassThrough(trimmed(booleans));
    };
  }

  /**
   * The narrowest exact forms of one column's vectors in a block's batches, in their order: as
   * {@link #compress} each, except that dictionary vectors with different dictionaries of at most
   * {@link #SHARED_DICTIONARY_ENTRIES} entries are stored against one merged dictionary (their ids
   * remapped) when the merge stays that small, so that the block's widened batches share one
   * dictionary instance. A few plain vectors among them (a reader leaves a short last batch plain)
   * join that dictionary while their rows are at most a quarter of all; otherwise they stay plain.
   */
  public static CompressedColumn[] compressColumn(List<? extends ColumnVector> parts) {
    CompressedColumn[] allShared = plainPartsEncoded(parts);
    if (allShared != null) {
      return allShared;
    }
    DictionaryMerge merge = sharedDictionary(parts);
    CompressedColumn[] compressed = new CompressedColumn[parts.size()];
    int dictionaryPart = 0;
    for (int i = 0; i < compressed.length; i++) {
      ColumnVector part = parts.get(i);
      if (merge != null && part instanceof StringVector strings && strings.isDictionary()) {
        int[] remap = merge.remaps() == null ? null : merge.remaps()[dictionaryPart];
        compressed[i] = compressIds(strings, merge.dictionary(), remap);
        dictionaryPart++;
      } else {
        compressed[i] = compress(part);
      }
    }
    return compressed;
  }

  /**
   * Every part against one dictionary when dictionary and plain string vectors mix ({@link
   * DictionaryMerge#concatenate} decides: plain rows at most a quarter, at most {@link
   * #SHARED_DICTIONARY_ENTRIES} distinct values); null otherwise.
   */
  private static CompressedColumn[] plainPartsEncoded(List<? extends ColumnVector> parts) {
    List<StringVector> strings = new ArrayList<>(parts.size());
    int totalRows = 0;
    for (ColumnVector part : parts) {
      if (!(part instanceof StringVector vector) || vector.isDictionary() && vector.dictionary().size() > SHARED_DICTIONARY_ENTRIES) {
        return null;
      }
      strings.add(vector);
      totalRows += vector.size();
    }
    StringVector merged = DictionaryMerge.concatenate(strings, totalRows, SHARED_DICTIONARY_ENTRIES);
    if (merged == null) {
      return null;
    }
    CompressedColumn[] compressed = new CompressedColumn[strings.size()];
    int[] ids = merged.ids();
    int base = 0;
    for (int i = 0; i < compressed.length; i++) {
      StringVector part = strings.get(i);
      int size = part.size();
      byte[] narrowed = new byte[size];
      for (int row = 0; row < size; row++) {
        narrowed[row] = (byte) ids[base + row];
      }
      compressed[i] = new ByteIds(part.type(), narrowed, merged.dictionary(), packNulls(part.nulls, size), size);
      base += size;
    }
    return compressed;
  }

  /** The merge of the dictionary vectors among {@code parts}; null when they are fewer than two or it would be large. */
  private static DictionaryMerge sharedDictionary(List<? extends ColumnVector> parts) {
    List<StringVector> dictionaryParts = new ArrayList<>();
    for (ColumnVector part : parts) {
      if (part instanceof StringVector strings && strings.isDictionary()) {
        if (strings.dictionary().size() > SHARED_DICTIONARY_ENTRIES) {
          return null;
        }
        dictionaryParts.add(strings);
      }
    }
    return dictionaryParts.size() < 2 ? null : DictionaryMerge.of(dictionaryParts, SHARED_DICTIONARY_ENTRIES);
  }

  /**
   * A fresh vector holding the column's rows (a pass-through column gives its vector): the column's
   * own {@link CompressedColumn#widen}, one compiled loop per stored form.
   */
  public static ColumnVector widen(CompressedColumn column) {
    return column.widen();
  }

  static ColumnVector widen(ByteOffsets narrowed, ScratchArrays scratch) {
    int size = narrowed.size();
    boolean[] nulls = unpackNulls(narrowed.nullBits(), size);
    return switch (Representation.of(narrowed.type())) {
      case INTS -> new IntVector(narrowed.type(), intsFromBytes(narrowed.offsets(), (int) narrowed.base(), size, scratch), nulls, size);
      case LONGS -> new LongVector(narrowed.type(), longsFromBytes(narrowed.offsets(), narrowed.base(), size, scratch), nulls, size);
      case WIDE_DECIMALS -> wideDecimal(narrowed.type(), longsFromBytes(narrowed.offsets(), narrowed.base(), size, scratch), nulls, size);
    };
  }

  static ColumnVector widen(ShortOffsets narrowed, ScratchArrays scratch) {
    int size = narrowed.size();
    boolean[] nulls = unpackNulls(narrowed.nullBits(), size);
    return switch (Representation.of(narrowed.type())) {
      case INTS -> new IntVector(narrowed.type(), intsFromShorts(narrowed.offsets(), (int) narrowed.base(), size, scratch), nulls, size);
      case LONGS -> new LongVector(narrowed.type(), longsFromShorts(narrowed.offsets(), narrowed.base(), size, scratch), nulls, size);
      case WIDE_DECIMALS -> wideDecimal(narrowed.type(), longsFromShorts(narrowed.offsets(), narrowed.base(), size, scratch), nulls, size);
    };
  }

  static ColumnVector widen(IntOffsets narrowed, ScratchArrays scratch) {
    int size = narrowed.size();
    boolean[] nulls = unpackNulls(narrowed.nullBits(), size);
    long[] values = longsFromInts(narrowed.offsets(), narrowed.base(), size, scratch);
    return Representation.of(narrowed.type()) == Representation.WIDE_DECIMALS
        ? wideDecimal(narrowed.type(), values, nulls, size)
        : new LongVector(narrowed.type(), values, nulls, size);
  }

  static ColumnVector widen(ByteIds dictionary, ScratchArrays scratch) {
    return StringVector.dictionaryEncoded(dictionary.type(), idsFromBytes(dictionary.ids(), dictionary.size(), scratch),
        dictionary.dictionary(), unpackNulls(dictionary.nullBits(), dictionary.size()), dictionary.size());
  }

  static ColumnVector widen(ShortIds dictionary, ScratchArrays scratch) {
    return StringVector.dictionaryEncoded(dictionary.type(), idsFromShorts(dictionary.ids(), dictionary.size(), scratch),
        dictionary.dictionary(), unpackNulls(dictionary.nullBits(), dictionary.size()), dictionary.size());
  }

  /** Which vector an integral type widens into. */
  private enum Representation {
    INTS,
    LONGS,
    WIDE_DECIMALS;

    static Representation of(ColumnType type) {
      return switch (type.kind()) {
        case INT, DATE -> INTS;
        case LONG, TIMESTAMP -> LONGS;
        case DECIMAL -> DecimalTypes.isCompact(type) ? LONGS : WIDE_DECIMALS;
        case BOOLEAN, DOUBLE, STRING -> throw new IllegalArgumentException(type + " is not an integral type");
      };
    }
  }

  private static CompressedColumn compressInts(IntVector vector) {
    int size = vector.size();
    int[] values = vector.values;
    if (size == 0) {
      return new PassThrough(trimmed(vector));
    }
    int minimum = Integer.MAX_VALUE;
    int maximum = Integer.MIN_VALUE;
    for (int i = 0; i < size; i++) {
      minimum = Math.min(minimum, values[i]);
      maximum = Math.max(maximum, values[i]);
    }
    long range = (long) maximum - minimum;
    long[] nullBits = packNulls(vector.nulls, size);
    if (range <= BYTE_RANGE) {
      byte[] offsets = new byte[size];
      for (int i = 0; i < size; i++) {
        offsets[i] = (byte) (values[i] - minimum);
      }
      return new ByteOffsets(vector.type(), minimum, offsets, nullBits, size);
    }
    if (range <= SHORT_RANGE) {
      short[] offsets = new short[size];
      for (int i = 0; i < size; i++) {
        offsets[i] = (short) (values[i] - minimum);
      }
      return new ShortOffsets(vector.type(), minimum, offsets, nullBits, size);
    }
    return new PassThrough(trimmed(vector));
  }

  /**
   * Frame of reference over {@code values[0..size)} of a LONG-backed type; null when there are no
   * rows or the range needs all 8 bytes.
   */
  private static CompressedColumn narrowLongs(ColumnType type, long[] values, boolean[] nulls, int size) {
    if (size == 0) {
      return null;
    }
    long minimum = Long.MAX_VALUE;
    long maximum = Long.MIN_VALUE;
    for (int i = 0; i < size; i++) {
      minimum = Math.min(minimum, values[i]);
      maximum = Math.max(maximum, values[i]);
    }
    // maximum >= minimum, so the difference taken unsigned is the exact range even when it overflows a long.
    long range = maximum - minimum;
    if (Long.compareUnsigned(range, INT_RANGE) > 0) {
      return null;
    }
    long[] nullBits = packNulls(nulls, size);
    if (range <= BYTE_RANGE) {
      byte[] offsets = new byte[size];
      for (int i = 0; i < size; i++) {
        offsets[i] = (byte) (values[i] - minimum);
      }
      return new ByteOffsets(type, minimum, offsets, nullBits, size);
    }
    if (range <= SHORT_RANGE) {
      short[] offsets = new short[size];
      for (int i = 0; i < size; i++) {
        offsets[i] = (short) (values[i] - minimum);
      }
      return new ShortOffsets(type, minimum, offsets, nullBits, size);
    }
    int[] offsets = new int[size];
    for (int i = 0; i < size; i++) {
      offsets[i] = (int) (values[i] - minimum);
    }
    return new IntOffsets(type, minimum, offsets, nullBits, size);
  }

  /** A wide DECIMAL whose every slot fits a long (its high word is its low word's sign) narrows as longs. */
  private static CompressedColumn compressWideDecimals(DecimalVector vector) {
    int size = vector.size();
    long[] high = vector.high;
    long[] low = vector.low;
    boolean fitsLong = true;
    for (int i = 0; i < size && fitsLong; i++) {
      fitsLong = high[i] == low[i] >> 63;
    }
    if (!fitsLong) {
      return new PassThrough(trimmed(vector));
    }
    CompressedColumn narrowed = narrowLongs(vector.type(), low, vector.nulls, size);
    return narrowed != null ? narrowed : new PassThrough(trimmed(vector));
  }

  private static CompressedColumn compressIds(StringVector vector) {
    return compressIds(vector, vector.dictionary(), null);
  }

  /**
   * The dictionary vector's ids in 1 or 2 bytes against {@code dictionary}: its own, or a merged one
   * its ids map into by {@code remap} (null: unchanged). Null rows hold id 0 either way.
   */
  private static CompressedColumn compressIds(StringVector vector, StringVector dictionary, int[] remap) {
    int size = vector.size();
    int[] ids = vector.ids();
    int entries = dictionary.size();
    long[] nullBits = packNulls(vector.nulls, size);
    if (remap != null) {
      byte[] narrowed = new byte[size];
      remapIds(ids, remap, vector.nulls, narrowed, size);
      return new ByteIds(vector.type(), narrowed, dictionary, nullBits, size);
    }
    if (entries <= 256) {
      byte[] narrowed = new byte[size];
      for (int i = 0; i < size; i++) {
        narrowed[i] = (byte) ids[i];
      }
      return new ByteIds(vector.type(), narrowed, vector.dictionary(), nullBits, size);
    }
    if (entries <= 65_536) {
      short[] narrowed = new short[size];
      for (int i = 0; i < size; i++) {
        narrowed[i] = (short) ids[i];
      }
      return new ShortIds(vector.type(), narrowed, vector.dictionary(), nullBits, size);
    }
    return new PassThrough(vector);
  }

  /** Merged ids of a shared dictionary (at most {@link #SHARED_DICTIONARY_ENTRIES}) as bytes; null rows 0. */
  private static void remapIds(int[] ids, int[] remap, boolean[] nulls, byte[] narrowed, int size) {
    for (int i = 0; i < size; i++) {
      narrowed[i] = (byte) remap[ids[i]];
    }
    if (nulls != null) {
      for (int i = 0; i < size; i++) {
        if (nulls[i]) {
          narrowed[i] = 0;
        }
      }
    }
  }

  // The widening loops: one per source width and target, each a plain counted loop the JIT vectorizes.

  static int[] intsFromBytes(byte[] offsets, int base, int size, ScratchArrays scratch) {
    int[] values = ScratchArrays.intsOrNew(scratch, size);
    for (int i = 0; i < size; i++) {
      values[i] = base + (offsets[i] & 0xFF);
    }
    return values;
  }

  static int[] intsFromShorts(short[] offsets, int base, int size, ScratchArrays scratch) {
    int[] values = ScratchArrays.intsOrNew(scratch, size);
    for (int i = 0; i < size; i++) {
      values[i] = base + (offsets[i] & 0xFFFF);
    }
    return values;
  }

  static long[] longsFromBytes(byte[] offsets, long base, int size, ScratchArrays scratch) {
    long[] values = ScratchArrays.longsOrNew(scratch, size);
    for (int i = 0; i < size; i++) {
      values[i] = base + (offsets[i] & 0xFF);
    }
    return values;
  }

  static long[] longsFromShorts(short[] offsets, long base, int size, ScratchArrays scratch) {
    long[] values = ScratchArrays.longsOrNew(scratch, size);
    for (int i = 0; i < size; i++) {
      values[i] = base + (offsets[i] & 0xFFFF);
    }
    return values;
  }

  static long[] longsFromInts(int[] offsets, long base, int size, ScratchArrays scratch) {
    long[] values = ScratchArrays.longsOrNew(scratch, size);
    for (int i = 0; i < size; i++) {
      values[i] = base + (offsets[i] & 0xFFFF_FFFFL);
    }
    return values;
  }

  private static int[] idsFromBytes(byte[] ids, int size, ScratchArrays scratch) {
    int[] widened = ScratchArrays.intsOrNew(scratch, size);
    for (int i = 0; i < size; i++) {
      widened[i] = ids[i] & 0xFF;
    }
    return widened;
  }

  private static int[] idsFromShorts(short[] ids, int size, ScratchArrays scratch) {
    int[] widened = ScratchArrays.intsOrNew(scratch, size);
    for (int i = 0; i < size; i++) {
      widened[i] = ids[i] & 0xFFFF;
    }
    return widened;
  }

  private static DecimalVector wideDecimal(ColumnType type, long[] low, boolean[] nulls, int size) {
    long[] high = new long[size];
    for (int i = 0; i < size; i++) {
      high[i] = low[i] >> 63;
    }
    return new DecimalVector(type, high, low, nulls, size);
  }

  /** A bit per row of {@code nulls[0..size)}; null when no row is null. */
  static long[] packNulls(boolean[] nulls, int size) {
    if (nulls == null) {
      return null;
    }
    long[] bits = new long[(size + 63) >>> 6];
    boolean any = false;
    for (int i = 0; i < size; i++) {
      if (nulls[i]) {
        bits[i >>> 6] |= 1L << i;
        any = true;
      }
    }
    return any ? bits : null;
  }

  static boolean[] unpackNulls(long[] bits, int size) {
    if (bits == null) {
      return null;
    }
    boolean[] nulls = new boolean[size];
    for (int i = 0; i < size; i++) {
      nulls[i] = ((bits[i >>> 6] >>> i) & 1L) != 0;
    }
    return nulls;
  }

  // Vectors built for reading may have arrays longer than their rows (a builder's capacity); a
  // cached block keeps exactly its rows.

  private static IntVector trimmed(IntVector vector) {
    int size = vector.size();
    return vector.values.length == size && (vector.nulls == null || vector.nulls.length == size)
        ? vector
        : new IntVector(vector.type(), Arrays.copyOf(vector.values, size), trimmedNulls(vector.nulls, size), size);
  }

  private static LongVector trimmed(LongVector vector) {
    int size = vector.size();
    return vector.values.length == size && (vector.nulls == null || vector.nulls.length == size)
        ? vector
        : new LongVector(vector.type(), Arrays.copyOf(vector.values, size), trimmedNulls(vector.nulls, size), size);
  }

  private static DoubleVector trimmed(DoubleVector vector) {
    int size = vector.size();
    return vector.values.length == size && (vector.nulls == null || vector.nulls.length == size)
        ? vector
        : new DoubleVector(vector.type(), Arrays.copyOf(vector.values, size), trimmedNulls(vector.nulls, size), size);
  }

  private static BooleanVector trimmed(BooleanVector vector) {
    int size = vector.size();
    return vector.values.length == size && (vector.nulls == null || vector.nulls.length == size)
        ? vector
        : new BooleanVector(vector.type(), Arrays.copyOf(vector.values, size), trimmedNulls(vector.nulls, size), size);
  }

  private static DecimalVector trimmed(DecimalVector vector) {
    int size = vector.size();
    return vector.high.length == size && vector.low.length == size && (vector.nulls == null || vector.nulls.length == size)
        ? vector
        : new DecimalVector(vector.type(), Arrays.copyOf(vector.high, size), Arrays.copyOf(vector.low, size),
            trimmedNulls(vector.nulls, size), size);
  }

  /** A plain string vector with exactly its rows' bytes and {@code size + 1} offsets starting at 0. */
  private static StringVector trimmed(StringVector vector) {
    int size = vector.size();
    if (size == 0) {
      return new StringVector(vector.type(), new byte[0], new int[1], null, 0);
    }
    if (vector.isExactPlain() && (vector.nulls == null || vector.nulls.length == size)) {
      // The CSV reader's vectors: a copy would be the same arrays again (~340 MB of SF1's load).
      return vector;
    }
    // Copied otherwise: the offsets array may be a builder's, twice too long, or a slice's.
    int first = vector.start(0);
    int end = vector.end(size - 1);
    byte[] data = vector.data();
    int[] offsets = new int[size + 1];
    for (int i = 0; i < size; i++) {
      offsets[i] = vector.start(i) - first;
    }
    offsets[size] = end - first;
    return new StringVector(vector.type(), Arrays.copyOfRange(data, first, end), offsets, trimmedNulls(vector.nulls, size), size);
  }

  private static boolean[] trimmedNulls(boolean[] nulls, int size) {
    return nulls == null || nulls.length == size ? nulls : Arrays.copyOf(nulls, size);
  }
}
