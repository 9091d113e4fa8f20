package dev.ember.core.operator.hash;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.TypeKind;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import dev.ember.core.vector.VectorHashing;
import java.util.Arrays;
import java.util.List;

/**
 * A join's build side keyed by several INT, DATE, LONG or TIMESTAMP columns whose values span
 * ranges narrow enough that a key tuple packs into one long: column {@code c} contributes {@code
 * value - lowest[c]} in its own bits. The packed keys go to a one-key table ({@link
 * LongKeyHashTable}, or a {@link DirectKeyTable} when they are dense), so a two-column join key
 * (TPC-H Q5's customer and nation keys) probes like a one-column one: no row hashes, no
 * per-column equality, one slot per lookup.
 *
 * <p>Made by {@link #forJoinBuild} from the build keys it will hold, whose ranges fix the layout;
 * a probe key outside a column's range cannot match and gets id -1 without a lookup. Joins never
 * insert null keys: inserting a row with a null key column throws, and a probe row with one finds
 * nothing. The thread that inserts owns the table; afterwards {@link #find} only reads (each prober
 * packs into its own {@link KeyHashTable.ProbeScratch}).
 *
 * <p>A hash aggregate's integer keys (TPC-H Q3's order key, order date and ship priority) pack too
 * ({@link #forGrouping}): their layout comes from the first batch, each column's range widened
 * around what it saw by the bits the others leave free, and {@link #tryFindOrInsert} refuses a
 * batch with a null or a value outside it; the aggregate then moves its groups, ids unchanged, to
 * a {@link KeyHashTable} ({@link #toHashTable}) and goes on there.
 */
public final class PackedKeyTable implements KeyTable {
  private final List<ColumnType> keyTypes;
  /** Per key column: its lowest build value, the span of its values (highest - lowest) and its bit offset. */
  private final long[] lowest;
  private final long[] spans;
  private final int[] shifts;
  /** The table over packed keys; its ids are this table's ids. */
  private final KeyTable packed;
  /** The inserting thread's packed keys, indexed by row. */
  private long[] insertScratch = new long[0];
  /** The key columns built for {@link #keyColumn}; dropped by the next insert. */
  private ColumnVector[] keyViews;

  private PackedKeyTable(List<ColumnType> keyTypes, long[] lowest, long[] spans, int[] shifts, KeyTable packed) {
    this.keyTypes = List.copyOf(keyTypes);
    this.lowest = lowest;
    this.spans = spans;
    this.shifts = shifts;
    this.packed = packed;
  }

  /**
   * A table for the key tuples at {@code rows[0..count)} (no null keys among them), or null when a
   * column is not an integer type, there are fewer than two columns, or the columns' ranges need
   * more than 63 bits together.
   */
  static PackedKeyTable forJoinBuild(List<ColumnType> keyTypes, ColumnVector[] keyVectors, int[] rows, int count) {
    int columns = keyVectors.length;
    if (!mayPack(keyTypes) || count == 0 || columns != keyTypes.size()) {
      return null;
    }
    long[] lowest = new long[columns];
    long[] spans = new long[columns];
    int[] shifts = new int[columns];
    int[] widths = new int[columns];
    int bits = 0;
    for (int column = 0; column < columns; column++) {
      ColumnVector keys = keyVectors[column];
      if (!keys.type().equals(keyTypes.get(column))) {
        return null;
      }
      KeyRange range = KeyRange.of(keys, rows, count);
      if (range == null) {
        return null;
      }
      long span = range.span();
      // A negative span: values far apart (the difference overflows); they cannot pack.
      if (span < 0) {
        return null;
      }
      lowest[column] = range.lowest();
      spans[column] = span;
      widths[column] = 64 - Long.numberOfLeadingZeros(span);
      bits += widths[column];
      if (bits > 63) {
        return null;
      }
    }
    placeWidestHighest(widths, shifts);
    // The packed keys decide the one-key table (dense or hashed); the inserts that follow pack them again.
    PackedKeyTable layout = new PackedKeyTable(keyTypes, lowest, spans, shifts, null);
    if (!layout.packForInsert(keyVectors, rows, count)) {
      throw layout.refusal(keyVectors, rows, count);
    }
    long[] packedKeys = layout.insertScratch;
    ColumnVector packedColumn = new LongVector(ColumnType.LONG, packedKeys, null, packedKeys.length);
    KeyTable packed = KeyTable.forJoinBuild(List.of(ColumnType.LONG), new ColumnVector[] {packedColumn}, rows, count);
    PackedKeyTable table = new PackedKeyTable(keyTypes, lowest, spans, shifts, packed);
    table.insertScratch = packedKeys;
    return table;
  }

  /**
   * A grouping table for keys of {@code keyTypes} laid out from the first batch's key tuples ({@code
   * keyVectors} at {@code rows[0..count)}), or null when the keys are not two or more integer
   * columns, a column holds only nulls, or the ranges seen need more than 63 bits together. Each
   * column gets the bits its range needs plus an even share of the bits left free, its range
   * widened around the one seen (a column of ascending keys, or dates of other years, keeps fitting).
   */
  public static PackedKeyTable forGrouping(List<ColumnType> keyTypes, ColumnVector[] keyVectors, int[] rows, int count) {
    int columns = keyTypes.size();
    if (!mayPack(keyTypes) || count == 0 || keyVectors.length != columns) {
      return null;
    }
    long[] lowest = new long[columns];
    long[] highest = new long[columns];
    int[] widths = new int[columns];
    int bits = 0;
    for (int column = 0; column < columns; column++) {
      if (!keyVectors[column].type().equals(keyTypes.get(column))) {
        return null;
      }
      KeyRange range = KeyRange.of(keyVectors[column], rows, count);
      if (range == null || range.span() < 0) {
        return null;
      }
      lowest[column] = range.lowest();
      highest[column] = range.highest();
      widths[column] = 64 - Long.numberOfLeadingZeros(range.span());
      bits += widths[column];
    }
    if (bits > 63) {
      return null;
    }
    long[] spans = new long[columns];
    int spare = 63 - bits;
    for (int column = 0; column < columns; column++) {
      int typeBits = isInt(keyTypes.get(column)) ? 32 : 63;
      int width = Math.min(typeBits, widths[column] + spare / columns + (column < spare % columns ? 1 : 0));
      spans[column] = (1L << width) - 1;
      lowest[column] = widenedLowest(keyTypes.get(column), lowest[column], highest[column], spans[column]);
    }
    int[] shifts = new int[columns];
    for (int column = 0; column < columns; column++) {
      widths[column] = 64 - Long.numberOfLeadingZeros(spans[column]);
    }
    placeWidestHighest(widths, shifts);
    return new PackedKeyTable(keyTypes, lowest, spans, shifts, KeyTable.create(List.of(ColumnType.LONG), count));
  }

  /** Whether keys of {@code keyTypes} may pack: two or more columns, each INT, DATE, LONG or TIMESTAMP. */
  public static boolean mayPack(List<ColumnType> keyTypes) {
    if (keyTypes.size() < 2) {
      return false;
    }
    for (ColumnType type : keyTypes) {
      if (!LongKeyHashTable.supports(type)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isInt(ColumnType type) {
    return type.kind() == TypeKind.INT || type.kind() == TypeKind.DATE;
  }

  /**
   * The lowest value of a column whose values seen lie in {@code [low, high]} once its range spans
   * {@code span}: the spare room split evenly below and above, kept within the type's values.
   */
  private static long widenedLowest(ColumnType type, long low, long high, long span) {
    long below = (span - (high - low)) / 2;
    long typeLowest = isInt(type) ? Integer.MIN_VALUE : Long.MIN_VALUE;
    long lowest = low - below;
    // Below the type's lowest value (or wrapped around past Long.MIN_VALUE): start at that value.
    if (lowest > low || lowest < typeLowest) {
      lowest = typeLowest;
    }
    return lowest;
  }

  /**
   * Gives each column its bit offset, the narrowest column the lowest bits and the widest the
   * highest (ties in column order). A build side in the order of its id column, the widest (TPC-H's
   * customer by c_custkey, keyed with c_nationkey), then packs into ascending keys, for which the
   * one-key table assigns ids in one compare a row and finds them by rank in a bitmap, with no hash
   * table (whose random reads make a build of 150,000 keys cost ~90 ns a key).
   */
  static void placeWidestHighest(int[] widths, int[] shifts) {
    Integer[] order = new Integer[widths.length];
    for (int column = 0; column < order.length; column++) {
      order[column] = column;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(widths[a], widths[b]));
    int bits = 0;
    for (int column : order) {
      shifts[column] = bits;
      bits += widths[column];
    }
  }

  private static long valueAt(ColumnVector keys, int row) {
    return switch (keys) {
      case IntVector vector -> vector.values[row];
      case LongVector vector -> vector.values[row];
      case BooleanVector vector -> throw LongKeyHashTable.wrongVector(vector.type(), vector);
      case DoubleVector vector -> throw LongKeyHashTable.wrongVector(vector.type(), vector);
      case StringVector vector -> throw LongKeyHashTable.wrongVector(vector.type(), vector);
      case DecimalVector vector -> throw LongKeyHashTable.wrongVector(vector.type(), vector);
    };
  }

  @Override
  public boolean usesHashes() {
    return false;
  }

  @Override
  public void findOrInsert(ColumnVector[] keyVectors, int[] hashes, int[] rows, int count, int[] ids) {
    if (!tryFindOrInsert(keyVectors, rows, count, ids)) {
      throw refusal(keyVectors, rows, count);
    }
  }

  /**
   * As {@link #findOrInsert}, unless a row has a null key or a value outside its column's range:
   * then returns false and inserts nothing (a grouping table moves to {@link #toHashTable}).
   */
  public boolean tryFindOrInsert(ColumnVector[] keyVectors, int[] rows, int count, int[] ids) {
    checkColumns(keyVectors);
    if (!packForInsert(keyVectors, rows, count)) {
      return false;
    }
    long[] packedKeys = insertScratch;
    keyViews = null;
    packed.findOrInsert(new ColumnVector[] {new LongVector(ColumnType.LONG, packedKeys, null, packedKeys.length)}, null, rows,
        count, ids);
    return true;
  }

  /**
   * A {@link KeyHashTable} holding this table's keys under the same ids, for a grouping whose next
   * keys do not pack; this table is not used after.
   */
  public KeyHashTable toHashTable() {
    int size = size();
    ColumnVector[] columns = new ColumnVector[keyTypes.size()];
    for (int column = 0; column < columns.length; column++) {
      columns[column] = keyColumn(column);
    }
    int[] hashes = new int[size];
    VectorHashing.hashRows(columns, size, hashes);
    KeyHashTable table = new KeyHashTable(keyTypes, Math.max(16, 2 * size));
    table.insertDistinct(columns, hashes, size);
    return table;
  }

  /** The error for rows that {@link #tryFindOrInsert} refused: the first null or out-of-range value. */
  private IllegalArgumentException refusal(ColumnVector[] keyVectors, int[] rows, int count) {
    for (int i = 0; i < count; i++) {
      int row = rows[i];
      for (int column = 0; column < keyVectors.length; column++) {
        ColumnVector keys = keyVectors[column];
        if (keys.nulls != null && keys.nulls[row]) {
          return new IllegalArgumentException("a packed key table holds no null keys (key column " + column + ", row " + row + ")");
        }
        long value = valueAt(keys, row);
        if (Long.compareUnsigned(value - lowest[column], spans[column]) > 0) {
          return new IllegalArgumentException("key column " + column + " value " + value + " at row " + row
              + " is outside the range the table was built for [" + lowest[column] + ", " + (lowest[column] + spans[column]) + "]");
        }
      }
    }
    return new IllegalArgumentException("no key was refused");
  }

  /**
   * Packs the keys of {@code rows[0..count)} into the inserting thread's scratch (indexed by row),
   * column by column; false as soon as a row has a null or a value outside its column's range.
   */
  private boolean packForInsert(ColumnVector[] keyVectors, int[] rows, int count) {
    int size = keyVectors[0].size();
    if (insertScratch.length < size) {
      insertScratch = new long[size];
    }
    long[] packedKeys = insertScratch;
    for (int column = 0; column < keyVectors.length; column++) {
      ColumnVector keys = keyVectors[column];
      boolean[] nulls = keys.nulls;
      long low = lowest[column];
      long span = spans[column];
      int shift = shifts[column];
      boolean first = column == 0;
      int refused = switch (keys) {
        case IntVector vector -> packInts(vector.values, nulls, low, span, shift, first, rows, count, packedKeys);
        case LongVector vector -> packLongs(vector.values, nulls, low, span, shift, first, rows, count, packedKeys);
        case BooleanVector vector -> throw LongKeyHashTable.wrongVector(keyTypes.get(column), vector);
        case DoubleVector vector -> throw LongKeyHashTable.wrongVector(keyTypes.get(column), vector);
        case StringVector vector -> throw LongKeyHashTable.wrongVector(keyTypes.get(column), vector);
        case DecimalVector vector -> throw LongKeyHashTable.wrongVector(keyTypes.get(column), vector);
      };
      if (refused >= 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #packForInsert}'s row loop for one int column: adds each row's offset from {@code low},
   * shifted, to its packed key (the first column starts it); returns the first row with a null or a
   * value outside the column's span, or -1. Row loops live in leaf methods: the JIT compiles each
   * once and small, and never replaces the per-batch method on stack with all of them inlined.
   */
  private static int packInts(int[] values, boolean[] nulls, long low, long span, int shift, boolean first, int[] rows,
      int count, long[] packedKeys) {
    int refused = -1;
    for (int i = 0; i < count && refused < 0; i++) {
      int row = rows[i];
      long offset = values[row] - low;
      packedKeys[row] = (first ? 0 : packedKeys[row]) | (offset << shift);
      refused = Long.compareUnsigned(offset, span) > 0 || nulls != null && nulls[row] ? row : -1;
    }
    return refused;
  }

  /** As {@link #packInts}, for a long column. */
  private static int packLongs(long[] values, boolean[] nulls, long low, long span, int shift, boolean first, int[] rows,
      int count, long[] packedKeys) {
    int refused = -1;
    for (int i = 0; i < count && refused < 0; i++) {
      int row = rows[i];
      long offset = values[row] - low;
      packedKeys[row] = (first ? 0 : packedKeys[row]) | (offset << shift);
      refused = Long.compareUnsigned(offset, span) > 0 || nulls != null && nulls[row] ? row : -1;
    }
    return refused;
  }

  @Override
  public void find(
      ColumnVector[] keyVectors, int[] hashes, int[] rows, int count, int[] ids, KeyHashTable.ProbeScratch scratch) {
    checkColumns(keyVectors);
    int size = keyVectors[0].size();
    long[] packedKeys = scratch.packedKeys(size);
    int[] inRange = scratch.packedRows(count);
    // Column by column: a row stays a candidate while each of its values lies in its column's range.
    System.arraycopy(rows, 0, inRange, 0, count);
    int candidates = count;
    for (int column = 0; column < keyVectors.length; column++) {
      candidates = packColumn(keyVectors[column], column, inRange, candidates, packedKeys, ids);
    }
    packed.find(new ColumnVector[] {new LongVector(ColumnType.LONG, packedKeys, null, size)}, null, inRange, candidates, ids,
        scratch);
  }

  /**
   * Adds column {@code column}'s bits to the packed keys of {@code candidates[0..count)} (the first
   * column starts them), gives rows with a null or out-of-range value id -1 and drops them; returns
   * how many remain.
   */
  private int packColumn(ColumnVector keys, int column, int[] candidates, int count, long[] packedKeys, int[] ids) {
    boolean[] nulls = keys.nulls;
    long low = lowest[column];
    long span = spans[column];
    int shift = shifts[column];
    boolean first = column == 0;
    int kept = 0;
    switch (keys) {
      case IntVector vector -> {
        int[] values = vector.values;
        for (int i = 0; i < count; i++) {
          int row = candidates[i];
          long offset = values[row] - low;
          boolean fits = Long.compareUnsigned(offset, span) <= 0 && (nulls == null || !nulls[row]);
          packedKeys[row] = (first ? 0 : packedKeys[row]) | (offset << shift);
          ids[row] = -1;
          candidates[kept] = row;
          kept += fits ? 1 : 0;
        }
      }
      case LongVector vector -> {
        long[] values = vector.values;
        for (int i = 0; i < count; i++) {
          int row = candidates[i];
          long offset = values[row] - low;
          boolean fits = Long.compareUnsigned(offset, span) <= 0 && (nulls == null || !nulls[row]);
          packedKeys[row] = (first ? 0 : packedKeys[row]) | (offset << shift);
          ids[row] = -1;
          candidates[kept] = row;
          kept += fits ? 1 : 0;
        }
      }
      case BooleanVector vector -> throw LongKeyHashTable.wrongVector(keyTypes.get(column), vector);
      case DoubleVector vector -> throw LongKeyHashTable.wrongVector(keyTypes.get(column), vector);
      case StringVector vector -> throw LongKeyHashTable.wrongVector(keyTypes.get(column), vector);
      case DecimalVector vector -> throw LongKeyHashTable.wrongVector(keyTypes.get(column), vector);
    }
    return kept;
  }

  private void checkColumns(ColumnVector[] keyVectors) {
    if (keyVectors.length != keyTypes.size()) {
      throw new IllegalArgumentException("expected " + keyTypes.size() + " key columns, got " + keyVectors.length);
    }
    for (int column = 0; column < keyVectors.length; column++) {
      if (!keyVectors[column].type().equals(keyTypes.get(column))) {
        throw new IllegalArgumentException("key column " + column + " is " + keyTypes.get(column) + ", got a "
            + keyVectors[column].type() + " column");
      }
    }
  }

  @Override
  public int size() {
    return packed.size();
  }

  @Override
  public int keyCount() {
    return keyTypes.size();
  }

  @Override
  public ColumnVector keyColumn(int index) {
    if (keyViews == null) {
      keyViews = new ColumnVector[keyTypes.size()];
    }
    if (keyViews[index] == null) {
      keyViews[index] = unpack(index);
    }
    return keyViews[index];
  }

  /** Column {@code index} of every id's key, from the packed keys. */
  private ColumnVector unpack(int index) {
    LongVector packedKeys = (LongVector) packed.keyColumn(0);
    int size = packed.size();
    long mask = spans[index] == 0 ? 0 : -1L >>> Long.numberOfLeadingZeros(spans[index]);
    long low = lowest[index];
    int shift = shifts[index];
    ColumnType type = keyTypes.get(index);
    return switch (type.kind()) {
      case INT, DATE -> {
        int[] values = new int[size];
        for (int id = 0; id < size; id++) {
          values[id] = (int) (((packedKeys.values[id] >>> shift) & mask) + low);
        }
        yield new IntVector(type, values, null, size);
      }
      case LONG, TIMESTAMP -> {
        long[] values = new long[size];
        for (int id = 0; id < size; id++) {
          values[id] = ((packedKeys.values[id] >>> shift) & mask) + low;
        }
        yield new LongVector(type, values, null, size);
      }
      case BOOLEAN, DOUBLE, STRING, DECIMAL -> throw new IllegalStateException("unsupported key type " + type);
    };
  }

  /** The row hash of id {@code id}'s key tuple, as {@link VectorHashing#hashRows} chains its columns. */
  @Override
  public int hashOf(int id) {
    int hash = VectorHashing.SEED;
    for (int column = 0; column < keyTypes.size(); column++) {
      ColumnVector keys = keyColumn(column);
      hash = switch (keys) {
        case IntVector vector -> VectorHashing.hashInt(vector.values[id], hash);
        case LongVector vector -> VectorHashing.hashLong(vector.values[id], hash);
        case BooleanVector vector -> throw LongKeyHashTable.wrongVector(vector.type(), vector);
        case DoubleVector vector -> throw LongKeyHashTable.wrongVector(vector.type(), vector);
        case StringVector vector -> throw LongKeyHashTable.wrongVector(vector.type(), vector);
        case DecimalVector vector -> throw LongKeyHashTable.wrongVector(vector.type(), vector);
      };
    }
    return hash;
  }

  @Override
  public long retainedBytes() {
    return packed.retainedBytes() + 8L * insertScratch.length;
  }

  @Override
  public void freeze() {
    packed.freeze();
    // Probers pack into their own scratch; the build's is not needed any more.
    insertScratch = new long[0];
  }

  /** The one-key table the packed keys went to (for tests). */
  KeyTable packedTable() {
    return packed;
  }
}
