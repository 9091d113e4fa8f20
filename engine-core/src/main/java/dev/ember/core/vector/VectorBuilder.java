package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The one growable column of Ember: a single-threaded, append-only column in primitive arrays.
 * Typed appends ({@link #appendInt} and friends) are for kernels and scans; {@link #appendObject}
 * takes the internal representation at the API edge; the bulk appends ({@link #appendRows},
 * {@link #appendAll}, {@link #appendRange}, {@link #appendNulls}) are for operators that fill the
 * column batch by batch (hash table keys, buffered join and sort inputs): they switch on the source
 * vector once per call and copy in a loop or with {@code System.arraycopy}.
 *
 * <p>{@link #build()} wraps the current arrays without copying. A builder may go on appending after
 * it, but then the vector it returned is valid only until the next append, so such callers copy
 * (slice, gather) what they emit.
 */
public final class VectorBuilder {
  private final ColumnType type;
  private boolean[] booleans;
  private int[] ints;
  private long[] longs;
  private double[] doubles;
  private String[] strings;
  /** DECIMAL wider than 18 digits; narrower decimals are unscaled values in {@code longs}. */
  private BigDecimal[] decimals;
  /** Allocated at the first null. */
  private boolean[] nulls;
  private int size;
  private int capacity;
  /** The vector {@link #build()} returned, until the next append. */
  private ColumnVector view;

  private VectorBuilder(ColumnType type, int initialCapacity) {
    this.type = type;
    this.capacity = Math.max(initialCapacity, 16);
    switch (type.kind()) {
      case BOOLEAN -> booleans = new boolean[capacity];
      case INT, DATE -> ints = new int[capacity];
      case LONG, TIMESTAMP -> longs = new long[capacity];
      case DOUBLE -> doubles = new double[capacity];
      case STRING -> strings = new String[capacity];
      case DECIMAL -> {
        if (DecimalTypes.isCompact(type)) {
          longs = new long[capacity];
        } else {
          decimals = new BigDecimal[capacity];
        }
      }
    }
  }

  /** An empty builder with room for {@code initialCapacity} rows (at least 16) before it grows. */
  public static VectorBuilder forType(ColumnType type, int initialCapacity) {
    return new VectorBuilder(type, initialCapacity);
  }

  public ColumnType type() {
    return type;
  }

  public int size() {
    return size;
  }

  /** Approximate bytes held (the arrays' capacity), for memory accounting. */
  public long retainedBytes() {
    long perSlot = switch (type.kind()) {
      case BOOLEAN -> 1;
      case INT, DATE -> 4;
      case LONG, TIMESTAMP, DOUBLE, STRING -> 8;
      // A wide decimal is a reference plus a BigDecimal and its BigInteger (about 80 bytes).
      case DECIMAL -> DecimalTypes.isCompact(type) ? 8 : 88;
    };
    return capacity * (perSlot + (nulls == null ? 0 : 1));
  }

  private void ensureCapacity(int needed) {
    view = null;
    if (needed <= capacity) {
      return;
    }
    int newCapacity = Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, capacity * 2L));
    if (booleans != null) {
      booleans = Arrays.copyOf(booleans, newCapacity);
    } else if (ints != null) {
      ints = Arrays.copyOf(ints, newCapacity);
    } else if (longs != null) {
      longs = Arrays.copyOf(longs, newCapacity);
    } else if (doubles != null) {
      doubles = Arrays.copyOf(doubles, newCapacity);
    } else if (decimals != null) {
      decimals = Arrays.copyOf(decimals, newCapacity);
    } else {
      strings = Arrays.copyOf(strings, newCapacity);
    }
    if (nulls != null) {
      nulls = Arrays.copyOf(nulls, newCapacity);
    }
    capacity = newCapacity;
  }

  private void markNull(int slot) {
    if (nulls == null) {
      nulls = new boolean[capacity];
    }
    nulls[slot] = true;
  }

  public void appendNull() {
    ensureCapacity(size + 1);
    markNull(size++);
  }

  public void appendBoolean(boolean value) {
    ensureCapacity(size + 1);
    booleans[size++] = value;
  }

  public void appendInt(int value) {
    ensureCapacity(size + 1);
    ints[size++] = value;
  }

  public void appendLong(long value) {
    ensureCapacity(size + 1);
    longs[size++] = value;
  }

  public void appendDouble(double value) {
    ensureCapacity(size + 1);
    doubles[size++] = value;
  }

  public void appendString(String value) {
    if (value == null) {
      appendNull();
      return;
    }
    ensureCapacity(size + 1);
    strings[size++] = value;
  }

  /**
   * Appends a DECIMAL value, rounded HALF_UP to the column's scale.
   *
   * @throws IllegalArgumentException if it has more digits than the column's precision
   */
  public void appendDecimal(BigDecimal value) {
    if (value == null) {
      appendNull();
      return;
    }
    BigDecimal fitted = DecimalTypes.fit(value, type);
    if (fitted == null) {
      throw new IllegalArgumentException("decimal " + value.toPlainString() + " does not fit " + type);
    }
    ensureCapacity(size + 1);
    if (longs != null) {
      longs[size++] = DecimalTypes.unscaledLong(fitted);
    } else {
      decimals[size++] = fitted;
    }
  }

  /** Appends a wide DECIMAL value that already has the column's scale and precision (kernels). */
  public void appendWideDecimal(BigDecimal value) {
    ensureCapacity(size + 1);
    decimals[size++] = value;
  }

  /** Appends an internal-representation value (see {@link ColumnVector#getObject}) or null. */
  public void appendObject(Object value) {
    if (value == null) {
      appendNull();
      return;
    }
    switch (type.kind()) {
      case BOOLEAN -> appendBoolean((Boolean) value);
      case INT, DATE -> appendInt(((Number) value).intValue());
      case LONG, TIMESTAMP -> appendLong(((Number) value).longValue());
      case DOUBLE -> appendDouble(((Number) value).doubleValue());
      case STRING -> appendString((String) value);
      case DECIMAL -> appendDecimal((java.math.BigDecimal) value);
    }
  }

  /** Appends row {@code row} of a vector of the same type. */
  public void appendFrom(ColumnVector vector, int row) {
    if (vector.isNull(row)) {
      appendNull();
      return;
    }
    switch (vector) {
      case BooleanVector v -> appendBoolean(v.values[row]);
      case IntVector v -> appendInt(v.values[row]);
      case LongVector v -> appendLong(v.values[row]);
      case DoubleVector v -> appendDouble(v.values[row]);
      case StringVector v -> appendString(v.values[row]);
      case DecimalVector v -> appendWideDecimal(v.values[row]);
    }
  }

  private void checkType(ColumnVector source) {
    if (!source.type().equals(type)) {
      throw new IllegalArgumentException("cannot append a " + source.type() + " vector to a " + type + " column");
    }
  }

  /** Appends {@code source} rows {@code rows[0..count)} in that order. */
  public void appendRows(ColumnVector source, int[] rows, int count) {
    checkType(source);
    ensureCapacity(size + count);
    switch (source) {
      case BooleanVector vector -> {
        boolean[] values = vector.values;
        for (int i = 0; i < count; i++) {
          booleans[size + i] = values[rows[i]];
        }
      }
      case IntVector vector -> {
        int[] values = vector.values;
        for (int i = 0; i < count; i++) {
          ints[size + i] = values[rows[i]];
        }
      }
      case LongVector vector -> {
        long[] values = vector.values;
        for (int i = 0; i < count; i++) {
          longs[size + i] = values[rows[i]];
        }
      }
      case DoubleVector vector -> {
        double[] values = vector.values;
        for (int i = 0; i < count; i++) {
          doubles[size + i] = values[rows[i]];
        }
      }
      case StringVector vector -> {
        String[] values = vector.values;
        for (int i = 0; i < count; i++) {
          strings[size + i] = values[rows[i]];
        }
      }
      case DecimalVector vector -> {
        BigDecimal[] values = vector.values;
        for (int i = 0; i < count; i++) {
          decimals[size + i] = values[rows[i]];
        }
      }
    }
    boolean[] sourceNulls = source.nulls;
    if (sourceNulls != null) {
      for (int i = 0; i < count; i++) {
        if (sourceNulls[rows[i]]) {
          markNull(size + i);
        }
      }
    }
    size += count;
  }

  /** Appends every row of {@code source}. */
  public void appendAll(ColumnVector source) {
    appendRange(source, 0, source.size());
  }

  /** Appends rows {@code [from, to)} of {@code source}, a vector of the same type. */
  public void appendRange(ColumnVector source, int from, int to) {
    checkType(source);
    int count = to - from;
    ensureCapacity(size + count);
    switch (source) {
      case BooleanVector vector -> System.arraycopy(vector.values, from, booleans, size, count);
      case IntVector vector -> System.arraycopy(vector.values, from, ints, size, count);
      case LongVector vector -> System.arraycopy(vector.values, from, longs, size, count);
      case DoubleVector vector -> System.arraycopy(vector.values, from, doubles, size, count);
      case StringVector vector -> System.arraycopy(vector.values, from, strings, size, count);
      case DecimalVector vector -> System.arraycopy(vector.values, from, decimals, size, count);
    }
    boolean[] sourceNulls = source.nulls;
    if (sourceNulls != null) {
      for (int i = 0; i < count; i++) {
        if (sourceNulls[from + i]) {
          markNull(size + i);
        }
      }
    }
    size += count;
  }

  /** Appends {@code count} null rows (the missing side of outer joins). */
  public void appendNulls(int count) {
    ensureCapacity(size + count);
    for (int i = 0; i < count; i++) {
      markNull(size + i);
    }
    if (strings != null) {
      Arrays.fill(strings, size, size + count, null);
    }
    if (decimals != null) {
      Arrays.fill(decimals, size, size + count, null);
    }
    size += count;
  }

  /**
   * The rows appended so far as a vector sharing this builder's arrays: valid until the next append
   * (a builder whose vector is kept is not appended to again).
   */
  public ColumnVector build() {
    if (view == null) {
      view = switch (type.kind()) {
        case BOOLEAN -> new BooleanVector(type, booleans, nulls, size);
        case INT, DATE -> new IntVector(type, ints, nulls, size);
        case LONG, TIMESTAMP -> new LongVector(type, longs, nulls, size);
        case DOUBLE -> new DoubleVector(type, doubles, nulls, size);
        case STRING -> new StringVector(type, strings, nulls, size);
        case DECIMAL -> longs != null
            ? new LongVector(type, longs, nulls, size)
            : new DecimalVector(type, decimals, nulls, size);
      };
    }
    return view;
  }
}
