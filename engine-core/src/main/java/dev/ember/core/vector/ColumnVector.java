package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.TypeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A read-only column of values of one type, held in a primitive array plus a validity array.
 *
 * <p>Kernels switch on the concrete vector class once per batch and then loop over the public
 * arrays ({@code values}, {@code nulls}); there is no per-row virtual call in a hot loop. The
 * {@code nulls} array is {@code null} when the vector has no null at all, which is the fast path.
 * A slot that is null holds an arbitrary value (zero; for strings no bytes, or dictionary id 0).
 *
 * <p>Vectors are immutable once built: they may be shared between batches, operators and threads.
 * Arrays may be longer than {@link #size()}; only the first {@code size} slots are meaningful.
 */
public abstract sealed class ColumnVector
    permits BooleanVector, IntVector, LongVector, DoubleVector, StringVector, DecimalVector {

  protected final ColumnType type;
  protected final int size;
  /** Validity: {@code nulls[i]} is true when row i is null; {@code null} when no row is null. */
  public final boolean[] nulls;

  protected ColumnVector(ColumnType type, int size, boolean[] nulls) {
    this.type = Objects.requireNonNull(type, "type is null");
    if (size < 0) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
    if (nulls != null && nulls.length < size) {
      throw new IllegalArgumentException("nulls has " + nulls.length + " slots for " + size + " rows");
    }
    this.size = size;
    this.nulls = nulls;
  }

  public final ColumnType type() {
    return type;
  }

  public final int size() {
    return size;
  }

  public final boolean isNull(int row) {
    return nulls != null && nulls[row];
  }

  /** False guarantees that no row is null; true means some row may be. */
  public final boolean mayHaveNulls() {
    return nulls != null;
  }

  /**
   * The value at {@code row} in Ember's internal representation (Boolean, Integer for INT and
   * DATE, Long for LONG and TIMESTAMP, Double, String, BigDecimal of the type's scale for DECIMAL), or
   * {@code null}. For the API edge and
   * tests only: operators read the arrays.
   */
  public abstract Object getObject(int row);

  /**
   * A new vector with the rows at {@code positions[0..count)}; a position of -1 yields a null row
   * (used by outer joins for the missing side).
   */
  public abstract ColumnVector gather(int[] positions, int count);

  /**
   * A new vector with the rows at {@code positions[0..count)}, every one a row of this vector (a
   * selection: no -1). Same result as {@link #gather}; the primitive vectors override it with loops
   * that skip the missing-row checks, because filters and joins gather selections on the hot path.
   */
  public ColumnVector select(int[] positions, int count) {
    return gather(positions, count);
  }

  /**
   * Rows {@code [from, to)} as a vector of their own. The vectors override it with range copies (a
   * plain string vector shares its bytes: only its offsets are copied), for the aggregate's output
   * batches and the scans of local data.
   */
  public ColumnVector slice(int from, int to) {
    Objects.checkFromToIndex(from, to, size);
    int[] positions = new int[to - from];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = from + i;
    }
    return gather(positions, positions.length);
  }

  /** A vector of {@code size} copies of an internal-representation value ({@code null} allowed). */
  public static ColumnVector constant(ColumnType type, Object value, int size) {
    VectorBuilder builder = VectorBuilder.forType(type, size);
    for (int i = 0; i < size; i++) {
      builder.appendObject(value);
    }
    return builder.build();
  }

  /** A vector of {@code size} nulls. */
  public static ColumnVector allNulls(ColumnType type, int size) {
    return constant(type, null, size);
  }

  /**
   * The most entries a concatenation's merged string dictionary may have (at most one per two rows
   * as well); beyond it the strings are copied plainly. Matches the codec's limit.
   */
  static final int MAXIMUM_CONCATENATED_DICTIONARY = 1 << 16;

  /**
   * The vectors one after another; all must have the same type. String parts that are all
   * dictionary-encoded give a dictionary-encoded vector (see {@link DictionaryMerge}).
   */
  public static ColumnVector concat(ColumnType type, List<ColumnVector> parts) {
    return concat(type, parts, null);
  }

  /**
   * As {@link #concat(ColumnType, List)}; dictionary strings put their ids into an array of {@code
   * scratch} when it is not null (a scan's, whose batch its readers are done with at their next call).
   */
  public static ColumnVector concat(ColumnType type, List<ColumnVector> parts, ScratchArrays scratch) {
    int total = 0;
    for (ColumnVector part : parts) {
      if (!part.type().equals(type)) {
        throw new IllegalArgumentException("cannot concatenate " + part.type() + " onto " + type);
      }
      total += part.size();
    }
    if (type.kind() == TypeKind.STRING && parts.size() > 1) {
      // Dictionary parts (CSV and cached batches) stay a dictionary: an int per row instead of its bytes.
      List<StringVector> strings = new ArrayList<>(parts.size());
      for (ColumnVector part : parts) {
        strings.add((StringVector) part);
      }
      int maximumEntries = Math.min(MAXIMUM_CONCATENATED_DICTIONARY, total / 2);
      DictionaryMerge merge = DictionaryMerge.of(strings, maximumEntries);
      if (merge != null) {
        return merge.concat(strings, total, scratch == null ? new int[total] : scratch.ints(total));
      }
      // A few plain parts among dictionary ones (short batches a read left plain) join the dictionary.
      StringVector mixed = DictionaryMerge.concatenate(strings, total, maximumEntries);
      if (mixed != null) {
        return mixed;
      }
    }
    VectorBuilder builder = VectorBuilder.forType(type, total);
    for (ColumnVector part : parts) {
      builder.appendRange(part, 0, part.size());
    }
    return builder.build();
  }

  /** The validity of the rows at {@code positions[0..count)} (all valid rows); null when none is null. */
  protected static boolean[] selectNulls(boolean[] nulls, int[] positions, int count) {
    if (nulls == null) {
      return null;
    }
    boolean[] result = new boolean[count];
    boolean any = false;
    for (int i = 0; i < count; i++) {
      boolean isNull = nulls[positions[i]];
      result[i] = isNull;
      any |= isNull;
    }
    return any ? result : null;
  }

  /** The validity of rows {@code [from, to)}; null when none is null. */
  protected static boolean[] sliceNulls(boolean[] nulls, int from, int to) {
    if (nulls != null) {
      for (int i = from; i < to; i++) {
        if (nulls[i]) {
          return java.util.Arrays.copyOfRange(nulls, from, to);
        }
      }
    }
    return null;
  }

  protected static boolean[] gatherNulls(boolean[] nulls, int[] positions, int count) {
    boolean[] result = null;
    for (int i = 0; i < count; i++) {
      int position = positions[i];
      if (position < 0 || (nulls != null && nulls[position])) {
        if (result == null) {
          result = new boolean[count];
        }
        result[i] = true;
      }
    }
    return result;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(getClass().getSimpleName()).append('[');
    for (int i = 0; i < Math.min(size, 20); i++) {
      if (i > 0) {
        text.append(", ");
      }
      text.append(getObject(i));
    }
    if (size > 20) {
      text.append(", ... (").append(size).append(" rows)");
    }
    return text.append(']').toString();
  }
}
