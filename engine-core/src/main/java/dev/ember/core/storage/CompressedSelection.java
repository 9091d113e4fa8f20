package dev.ember.core.storage;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.TypeKind;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.RowPositions;
import dev.ember.core.vector.ScratchArrays;
import dev.ember.core.vector.StringVector;
import java.util.Arrays;

/**
 * Reads cached columns in their {@link CompressedColumn compressed form} without widening them
 * whole: {@link #selectInRange} keeps the rows whose integral value lies in a range by comparing
 * the stored offsets ({@code lowest <= base + offset <= highest} is {@code lowest - base <= offset
 * <= highest - base}), and {@link #widenAt} widens only the rows a selection kept. A scan under a
 * date-range filter (TPC-H's Q6, Q14) then widens a few percent of its rows instead of all of them.
 * Stateless; the loops are plain and branch-free.
 */
public final class CompressedSelection {
  private CompressedSelection() {}

  /**
   * Writes to {@code out} those of {@code rows[0..count)} whose value is not null and lies in
   * {@code [lowest, highest]}, and returns how many; -1 when the column's form holds no integral
   * values this can compare (then nothing is written). {@code out} may be {@code rows}; {@code
   * rows} null stands for every row {@code 0 .. count-1} (a batch's first range: no candidates
   * array to fill).
   */
  public static int selectInRange(CompressedColumn column, long lowest, long highest, int[] rows, int count, int[] out) {
    if (lowest > highest) {
      return 0;
    }
    return column.selectInRange(lowest, highest, rows, count, out);
  }

  // One method per stored form (the form's own selectInRange calls it): see CompressedColumn.

  static int selectInRange(CompressedColumn.ByteOffsets narrowed, long lowest, long highest, int[] rows, int count, int[] out) {
    long[] bounds = offsetBounds(lowest, highest, narrowed.base(), 0xFFL);
    return bounds == null ? 0 : selectOffsets(narrowed.offsets(), 0xFF, bounds, narrowed.nullBits(), rows, count, out);
  }

  static int selectInRange(CompressedColumn.ShortOffsets narrowed, long lowest, long highest, int[] rows, int count, int[] out) {
    long[] bounds = offsetBounds(lowest, highest, narrowed.base(), 0xFFFFL);
    return bounds == null ? 0 : selectShortOffsets(narrowed.offsets(), bounds, narrowed.nullBits(), rows, count, out);
  }

  static int selectInRange(CompressedColumn.IntOffsets narrowed, long lowest, long highest, int[] rows, int count, int[] out) {
    long[] bounds = offsetBounds(lowest, highest, narrowed.base(), 0xFFFF_FFFFL);
    // This loop reads through the candidates only.
    return bounds == null ? 0 : selectIntOffsets(narrowed.offsets(), bounds, narrowed.nullBits(), candidates(rows, count, out), count, out);
  }

  static int selectInRange(CompressedColumn.PassThrough passThrough, long lowest, long highest, int[] rows, int count, int[] out) {
    // These loops read through the candidates only.
    return selectVector(passThrough.vector(), lowest, highest, candidates(rows, count, out), count, out);
  }

  /** {@code rows}, or for null (every row) the identity written into {@code out}. */
  private static int[] candidates(int[] rows, int count, int[] out) {
    if (rows != null) {
      return rows;
    }
    RowPositions.fillIdentity(out, 0, count);
    return out;
  }

  /**
   * The offsets {@code [low, high]} whose values {@code base + offset} lie in {@code [lowest,
   * highest]}, clamped to {@code [0, maximumOffset]}; null when none can.
   */
  private static long[] offsetBounds(long lowest, long highest, long base, long maximumOffset) {
    // A bound minus the base overflows only for bounds near the type's ends (one-sided ranges use
    // Long.MIN_VALUE or MAX_VALUE): clamp those to the offsets' ends. Checked, not caught: an
    // exception per batch (Q1's and Q6's one-sided ranges) costs more than the whole batch's check.
    long low = subtractionOverflows(lowest, base) ? (lowest < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : lowest - base;
    long high = subtractionOverflows(highest, base) ? (highest < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : highest - base;
    low = Math.max(low, 0);
    high = Math.min(high, maximumOffset);
    return low > high ? null : new long[] {low, high};
  }

  // Offsets of 1 and 2 bytes and their bounds (clamped to the offsets' range) are small
  // non-negative ints: low <= offset <= high is ((offset - low) | (high - offset)) >= 0, a sign bit
  // added to the count with no comparison, so the JIT cannot compile it as a branch (it did, from a
  // profile of Q1's 98% kept, and Q6's 15% then ran 1.7 ns a row instead of 0.6). When the
  // candidates are every row (the first range of a batch), the loop reads the offsets in order
  // without the candidates array.

  /** 1 when {@code low <= offset <= high} (all small non-negative ints), else 0, without a branch. */
  private static int inRange(int offset, int low, int high) {
    return (((offset - low) | (high - offset)) >>> 31) ^ 1;
  }

  private static int selectOffsets(byte[] offsets, int mask, long[] bounds, long[] nullBits, int[] rows, int count, int[] out) {
    int low = (int) bounds[0];
    int high = (int) bounds[1];
    int kept = 0;
    if (isEveryRow(rows, count, offsets.length)) {
      for (int row = 0; row < count; row++) {
        int offset = offsets[row] & mask;
        out[kept] = row;
        kept += inRange(offset, low, high);
      }
    } else {
      for (int j = 0; j < count; j++) {
        int row = rows[j];
        int offset = offsets[row] & mask;
        out[kept] = row;
        kept += inRange(offset, low, high);
      }
    }
    return dropNulls(nullBits, out, kept);
  }

  private static int selectShortOffsets(short[] offsets, long[] bounds, long[] nullBits, int[] rows, int count, int[] out) {
    int low = (int) bounds[0];
    int high = (int) bounds[1];
    int kept = 0;
    if (isEveryRow(rows, count, offsets.length)) {
      for (int row = 0; row < count; row++) {
        int offset = offsets[row] & 0xFFFF;
        out[kept] = row;
        kept += inRange(offset, low, high);
      }
    } else {
      for (int j = 0; j < count; j++) {
        int row = rows[j];
        int offset = offsets[row] & 0xFFFF;
        out[kept] = row;
        kept += inRange(offset, low, high);
      }
    }
    return dropNulls(nullBits, out, kept);
  }

  /** Whether increasing candidates {@code rows[0..count)} (null: every row) are all {@code size} rows: 0, 1, ..., size - 1. */
  private static boolean isEveryRow(int[] rows, int count, int size) {
    return rows == null || count == size && (count == 0 || rows[count - 1] == count - 1);
  }

  private static int selectIntOffsets(int[] offsets, long[] bounds, long[] nullBits, int[] rows, int count, int[] out) {
    long low = bounds[0];
    long high = bounds[1];
    int kept = 0;
    for (int j = 0; j < count; j++) {
      int row = rows[j];
      long offset = offsets[row] & 0xFFFF_FFFFL;
      out[kept] = row;
      kept += (int) (((offset - low) | (high - offset)) >>> 63) ^ 1;
    }
    return dropNulls(nullBits, out, kept);
  }

  private static int selectVector(ColumnVector vector, long lowest, long highest, int[] rows, int count, int[] out) {
    boolean[] nulls = vector.nulls;
    int kept = 0;
    switch (vector) {
      case IntVector ints -> {
        int[] values = ints.values;
        for (int j = 0; j < count; j++) {
          int row = rows[j];
          long value = values[row];
          out[kept] = row;
          kept += value >= lowest & value <= highest ? 1 : 0;
        }
      }
      case LongVector longs -> {
        long[] values = longs.values;
        for (int j = 0; j < count; j++) {
          int row = rows[j];
          long value = values[row];
          out[kept] = row;
          kept += value >= lowest & value <= highest ? 1 : 0;
        }
      }
      default -> {
        return -1;
      }
    }
    if (nulls == null) {
      return kept;
    }
    int notNull = 0;
    for (int j = 0; j < kept; j++) {
      int row = out[j];
      out[notNull] = row;
      notNull += nulls[row] ? 0 : 1;
    }
    return notNull;
  }

  /**
   * Writes to {@code out} those of {@code rows[0..count)} (null: every row {@code 0 .. count-1})
   * whose integral value {@code v} is in the key set {@code 0 <= v - lowest < bits} with bit {@code v
   * - lowest} of {@code words} set, and returns how many; null rows are dropped. -1 when the
   * column's form holds no integral values this can check (then nothing is written). {@code out}
   * may be {@code rows}.
   */
  public static int selectInKeySet(CompressedColumn column, long lowest, long bits, long[] words, int[] rows, int count,
      int[] out) {
    if (words.length == 0) {
      return 0; // an empty key set keeps no row
    }
    return column.selectInKeySet(lowest, bits, words, rows, count, out);
  }

  static int selectInKeySet(CompressedColumn.PassThrough passThrough, long lowest, long bits, long[] words, int[] rows,
      int count, int[] out) {
    return keySetOfVector(passThrough.vector(), lowest, bits, words, rows, count, out);
  }

  static int selectInKeySet(CompressedColumn.ByteOffsets narrowed, long lowest, long bits, long[] words, int[] rows,
      int count, int[] out) {
    if (subtractionOverflows(narrowed.base(), lowest)) {
      return -1;
    }
    long shift = narrowed.base() - lowest;
    int kept = everyOffsetInSet(shift, 0xFF, bits)
        ? keySetOfBytesInRange(narrowed.offsets(), shift, words, rows, count, out)
        : keySetOfBytes(narrowed.offsets(), shift, bits, words, rows, count, out);
    return dropNulls(narrowed.nullBits(), out, kept);
  }

  static int selectInKeySet(CompressedColumn.ShortOffsets narrowed, long lowest, long bits, long[] words, int[] rows,
      int count, int[] out) {
    if (subtractionOverflows(narrowed.base(), lowest)) {
      return -1;
    }
    long shift = narrowed.base() - lowest;
    int kept = everyOffsetInSet(shift, 0xFFFF, bits)
        ? keySetOfShortsInRange(narrowed.offsets(), shift, words, rows, count, out)
        : keySetOfShorts(narrowed.offsets(), shift, bits, words, rows, count, out);
    return dropNulls(narrowed.nullBits(), out, kept);
  }

  static int selectInKeySet(CompressedColumn.IntOffsets narrowed, long lowest, long bits, long[] words, int[] rows,
      int count, int[] out) {
    if (subtractionOverflows(narrowed.base(), lowest)) {
      return -1;
    }
    long shift = narrowed.base() - lowest;
    int[] offsets = narrowed.offsets();
    // 4-byte offsets may reach 2^32, past any bitmap: the batch's own largest decides (one pass
    // that costs less than the bound test it spares each row; TPC-H Q3's order customer keys).
    int kept = shift >= 0 && everyOffsetInSet(shift, largestOffset(offsets, narrowed.size()), bits)
        ? keySetOfIntsInRange(offsets, shift, words, rows, count, out)
        : keySetOfInts(offsets, shift, bits, words, rows, count, out);
    return dropNulls(narrowed.nullBits(), out, kept);
  }

  /** The largest of {@code offsets[0, size)} read unsigned (a null row's offset included: it only loosens the bound). */
  private static long largestOffset(int[] offsets, int size) {
    int largest = 0;
    int any = 0;
    for (int row = 0; row < size; row++) {
      largest = Math.max(largest, offsets[row]);
      any |= offsets[row];
    }
    // An offset of 2^31 or more is negative as an int: then say the most a 4-byte offset can be.
    return any < 0 ? 0xFFFF_FFFFL : largest;
  }

  /**
   * Whether {@code minuend - subtrahend} overflows a long (the test of Math.subtractExact, without its
   * exception). A key set's shift {@code base - lowest} that overflows cannot be checked on offsets
   * (a key's {@code v - lowest} is {@code (base - lowest) + offset}).
   */
  private static boolean subtractionOverflows(long minuend, long subtrahend) {
    return ((minuend ^ subtrahend) & (minuend ^ (minuend - subtrahend))) < 0;
  }

  /**
   * Whether every value a batch of offsets up to {@code maximumOffset} can hold, shifted by {@code
   * shift}, falls inside the set's {@code bits}: then a row's bit needs no range check (lineitem's
   * order keys against the set of orders' keys: about half the per-row work).
   */
  private static boolean everyOffsetInSet(long shift, long maximumOffset, long bits) {
    return shift >= 0 && shift < bits - maximumOffset;
  }

  private static int keySetOfBytesInRange(byte[] offsets, long shift, long[] words, int[] rows, int count, int[] out) {
    int kept = 0;
    if (rows == null) {
      for (int row = 0; row < count; row++) {
        long offset = shift + (offsets[row] & 0xFF);
        out[kept] = row;
        kept += (int) ((words[(int) (offset >>> 6)] >>> offset) & 1);
      }
      return kept;
    }
    for (int j = 0; j < count; j++) {
      int row = rows[j];
      long offset = shift + (offsets[row] & 0xFF);
      out[kept] = row;
      kept += (int) ((words[(int) (offset >>> 6)] >>> offset) & 1);
    }
    return kept;
  }

  private static int keySetOfShortsInRange(short[] offsets, long shift, long[] words, int[] rows, int count, int[] out) {
    int kept = 0;
    if (rows == null) {
      for (int row = 0; row < count; row++) {
        long offset = shift + (offsets[row] & 0xFFFF);
        out[kept] = row;
        kept += (int) ((words[(int) (offset >>> 6)] >>> offset) & 1);
      }
      return kept;
    }
    for (int j = 0; j < count; j++) {
      int row = rows[j];
      long offset = shift + (offsets[row] & 0xFFFF);
      out[kept] = row;
      kept += (int) ((words[(int) (offset >>> 6)] >>> offset) & 1);
    }
    return kept;
  }

  // One loop per offset width (no boxing, no per-row dispatch), each row's verdict from keyBit.

  /**
   * 1 when the key at {@code offset} from the set's lowest is in the set, else 0, without a branch:
   * a set passes some rows in no order a branch predictor could learn (a sixth of lineitem's order
   * keys in TPC-H Q5). A negative offset (a key below the lowest) and one at or past {@code bits}
   * (at most 2^62) are out of range; the word read for them is clamped to the last and masked off.
   */
  private static int keyBit(long offset, long bits, long[] words) {
    long inRange = ((offset - bits) & ~offset) >>> 63;
    int word = (int) Math.min(offset >>> 6, words.length - 1);
    return (int) ((words[word] >>> offset) & inRange);
  }

  private static int keySetOfBytes(byte[] offsets, long shift, long bits, long[] words, int[] rows, int count, int[] out) {
    int kept = 0;
    for (int j = 0; j < count; j++) {
      int row = rows == null ? j : rows[j];
      long offset = shift + (offsets[row] & 0xFF);
      out[kept] = row;
      kept += keyBit(offset, bits, words);
    }
    return kept;
  }

  private static int keySetOfShorts(short[] offsets, long shift, long bits, long[] words, int[] rows, int count, int[] out) {
    int kept = 0;
    for (int j = 0; j < count; j++) {
      int row = rows == null ? j : rows[j];
      long offset = shift + (offsets[row] & 0xFFFF);
      out[kept] = row;
      kept += keyBit(offset, bits, words);
    }
    return kept;
  }

  private static int keySetOfIntsInRange(int[] offsets, long shift, long[] words, int[] rows, int count, int[] out) {
    int kept = 0;
    for (int j = 0; j < count; j++) {
      int row = rows == null ? j : rows[j];
      long offset = shift + (offsets[row] & 0xFFFF_FFFFL);
      out[kept] = row;
      kept += (int) ((words[(int) (offset >>> 6)] >>> offset) & 1);
    }
    return kept;
  }

  private static int keySetOfInts(int[] offsets, long shift, long bits, long[] words, int[] rows, int count, int[] out) {
    int kept = 0;
    for (int j = 0; j < count; j++) {
      int row = rows == null ? j : rows[j];
      long offset = shift + (offsets[row] & 0xFFFF_FFFFL);
      out[kept] = row;
      kept += keyBit(offset, bits, words);
    }
    return kept;
  }

  private static int keySetOfVector(ColumnVector vector, long lowest, long bits, long[] words, int[] rows, int count, int[] out) {
    boolean[] nulls = vector.nulls;
    int kept = 0;
    switch (vector) {
      case IntVector ints -> {
        int[] values = ints.values;
        for (int j = 0; j < count; j++) {
          int row = rows == null ? j : rows[j];
          long offset = values[row] - lowest;
          out[kept] = row;
          kept += keyBit(offset, bits, words);
        }
      }
      case LongVector longs -> {
        long[] values = longs.values;
        for (int j = 0; j < count; j++) {
          int row = rows == null ? j : rows[j];
          long offset = values[row] - lowest;
          out[kept] = row;
          kept += keyBit(offset, bits, words);
        }
      }
      default -> {
        return -1;
      }
    }
    if (nulls == null) {
      return kept;
    }
    int notNull = 0;
    for (int j = 0; j < kept; j++) {
      int row = out[j];
      out[notNull] = row;
      notNull += nulls[row] ? 0 : 1;
    }
    return notNull;
  }

  /** The dictionary of a column stored as dictionary ids; null for other forms. */
  public static StringVector dictionaryOf(CompressedColumn column) {
    return column.dictionaryOrNull();
  }

  /**
   * Writes to {@code out} those of {@code rows[0..count)} (null: every row {@code 0 .. count-1})
   * whose stored dictionary id is kept ({@code keepEntry[id]}), a null row dropping unless {@code
   * keepNull}, and returns how many; -1 when the column is not stored as ids, or when it has nulls
   * and nulls are kept (then nothing is written). {@code out} may be {@code rows}.
   */
  public static int selectIds(CompressedColumn column, boolean[] keepEntry, boolean keepNull, int[] rows, int count, int[] out) {
    return column.selectIds(keepEntry, keepNull, rows, count, out);
  }

  static int selectIds(CompressedColumn.ByteIds stored, boolean[] keepEntry, boolean keepNull, int[] rows, int count,
      int[] out) {
    long[] nullBits = stored.nullBits();
    if (nullBits != null && keepNull) {
      return -1;
    }
    byte[] keep = coveringEveryId(BooleanVector.flags(keepEntry), nullBits, 1 << 8);
    byte[] ids = stored.ids();
    int kept = 0;
    if (rows == null) {
      for (int row = 0; row < count; row++) {
        out[kept] = row;
        kept += keep[ids[row] & 0xFF];
      }
    } else {
      for (int j = 0; j < count; j++) {
        int row = rows[j];
        out[kept] = row;
        kept += keep[ids[row] & 0xFF];
      }
    }
    return dropNulls(nullBits, out, kept);
  }

  static int selectIds(CompressedColumn.ShortIds stored, boolean[] keepEntry, boolean keepNull, int[] rows, int count,
      int[] out) {
    long[] nullBits = stored.nullBits();
    if (nullBits != null && keepNull) {
      return -1;
    }
    byte[] keep = coveringEveryId(BooleanVector.flags(keepEntry), nullBits, 1 << 16);
    short[] ids = stored.ids();
    int kept = 0;
    if (rows == null) {
      for (int row = 0; row < count; row++) {
        out[kept] = row;
        kept += keep[ids[row] & 0xFFFF];
      }
    } else {
      for (int j = 0; j < count; j++) {
        int row = rows[j];
        out[kept] = row;
        kept += keep[ids[row] & 0xFFFF];
      }
    }
    return dropNulls(nullBits, out, kept);
  }

  /**
   * A null row's stored id is arbitrary: with nulls, every id it could hold must read (0: the row
   * is dropped below anyway), so a shorter flags array is extended to all {@code ids} entries (0).
   */
  private static byte[] coveringEveryId(byte[] keep, long[] nullBits, int ids) {
    return nullBits != null && keep.length < ids ? Arrays.copyOf(keep, ids) : keep;
  }

  private static int dropNulls(long[] nullBits, int[] rows, int count) {
    if (nullBits == null) {
      return count;
    }
    int kept = 0;
    for (int j = 0; j < count; j++) {
      int row = rows[j];
      rows[kept] = row;
      kept += ((nullBits[row >>> 6] >>> row) & 1L) != 0 ? 0 : 1;
    }
    return kept;
  }

  /**
   * The rows at {@code positions[0..count)} of {@code column}, widened into a dense vector: the
   * column's own {@link CompressedColumn#widenAt}, one compiled loop per stored form.
   */
  public static ColumnVector widenAt(CompressedColumn column, int[] positions, int count) {
    return column.widenAt(positions, count, null);
  }

  static ColumnVector widenAt(CompressedColumn.ByteOffsets narrowed, int[] positions, int count, ScratchArrays scratch) {
    byte[] offsets = narrowed.offsets();
    boolean[] nulls = nullsAt(narrowed.nullBits(), positions, count);
    if (isInts(narrowed.type())) {
      // INT and DATE rows widen straight into ints (base + offset fits: both come from an int column).
      int base = (int) narrowed.base();
      int[] values = ScratchArrays.intsOrNew(scratch, count);
      WideningKernels.bytesAsInts(offsets, base, positions, count, values);
      return new IntVector(narrowed.type(), values, nulls, count);
    }
    long[] values = ScratchArrays.longsOrNew(scratch, count);
    WideningKernels.bytesAsLongs(offsets, narrowed.base(), positions, count, values);
    return integral(narrowed.type(), values, nulls, count);
  }

  static ColumnVector widenAt(CompressedColumn.ShortOffsets narrowed, int[] positions, int count, ScratchArrays scratch) {
    short[] offsets = narrowed.offsets();
    boolean[] nulls = nullsAt(narrowed.nullBits(), positions, count);
    if (isInts(narrowed.type())) {
      int base = (int) narrowed.base();
      int[] values = ScratchArrays.intsOrNew(scratch, count);
      WideningKernels.shortsAsInts(offsets, base, positions, count, values);
      return new IntVector(narrowed.type(), values, nulls, count);
    }
    long[] values = ScratchArrays.longsOrNew(scratch, count);
    WideningKernels.shortsAsLongs(offsets, narrowed.base(), positions, count, values);
    return integral(narrowed.type(), values, nulls, count);
  }

  static ColumnVector widenAt(CompressedColumn.IntOffsets narrowed, int[] positions, int count, ScratchArrays scratch) {
    long[] values = ScratchArrays.longsOrNew(scratch, count);
    WideningKernels.intsAsLongs(narrowed.offsets(), narrowed.base(), positions, count, values);
    return integral(narrowed.type(), values, nullsAt(narrowed.nullBits(), positions, count), count);
  }

  static ColumnVector widenAt(CompressedColumn.ByteIds dictionary, int[] positions, int count, ScratchArrays scratch) {
    int[] widened = ScratchArrays.intsOrNew(scratch, count);
    WideningKernels.byteIds(dictionary.ids(), positions, count, widened);
    return StringVector.dictionaryEncoded(dictionary.type(), widened, dictionary.dictionary(),
        nullsAt(dictionary.nullBits(), positions, count), count);
  }

  static ColumnVector widenAt(CompressedColumn.ShortIds dictionary, int[] positions, int count, ScratchArrays scratch) {
    int[] widened = ScratchArrays.intsOrNew(scratch, count);
    WideningKernels.shortIds(dictionary.ids(), positions, count, widened);
    return StringVector.dictionaryEncoded(dictionary.type(), widened, dictionary.dictionary(),
        nullsAt(dictionary.nullBits(), positions, count), count);
  }

  /** Integral values (offsets added to their base) as the type's vector. */
  private static boolean isInts(ColumnType type) {
    return type.kind() == TypeKind.INT || type.kind() == TypeKind.DATE;
  }

  private static ColumnVector integral(ColumnType type, long[] values, boolean[] nulls, int count) {
    return switch (type.kind()) {
      case INT, DATE -> {
        int[] ints = new int[count];
        WideningKernels.longsAsInts(values, count, ints);
        yield new IntVector(type, ints, nulls, count);
      }
      case LONG, TIMESTAMP -> new LongVector(type, values, nulls, count);
      case DECIMAL -> {
        if (DecimalTypes.isCompact(type)) {
          yield new LongVector(type, values, nulls, count);
        }
        long[] high = new long[count];
        WideningKernels.signWords(values, count, high);
        yield new DecimalVector(type, high, values, nulls, count);
      }
      case BOOLEAN, DOUBLE, STRING -> throw new IllegalArgumentException(type + " is not stored as offsets");
    };
  }

  private static boolean[] nullsAt(long[] nullBits, int[] positions, int count) {
    if (nullBits == null) {
      return null;
    }
    boolean[] nulls = new boolean[count];
    return WideningKernels.nullsAt(nullBits, positions, count, nulls) ? nulls : null;
  }
}
