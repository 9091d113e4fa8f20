package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import java.util.Arrays;

/**
 * A growable, single-threaded builder of one column vector. Typed appends ({@link #appendInt} and
 * friends) are for kernels; {@link #appendObject} takes the internal representation at the API
 * edge. After {@link #build()} the builder must not be used again.
 */
public final class VectorBuilder {
  private final ColumnType type;
  private boolean[] booleans;
  private int[] ints;
  private long[] longs;
  private double[] doubles;
  private String[] strings;
  private boolean[] nulls;
  private int size;
  private int capacity;

  private VectorBuilder(ColumnType type, int initialCapacity) {
    this.type = type;
    this.capacity = Math.max(initialCapacity, 16);
    switch (type.kind()) {
      case BOOLEAN -> booleans = new boolean[capacity];
      case INT, DATE -> ints = new int[capacity];
      case LONG, TIMESTAMP -> longs = new long[capacity];
      case DOUBLE -> doubles = new double[capacity];
      case STRING -> strings = new String[capacity];
      case DECIMAL -> throw new UnsupportedOperationException("DECIMAL vectors arrive with the SQL issue");
    }
  }

  public static VectorBuilder forType(ColumnType type, int initialCapacity) {
    return new VectorBuilder(type, initialCapacity);
  }

  public ColumnType type() {
    return type;
  }

  public int size() {
    return size;
  }

  private void ensureRoom() {
    if (size < capacity) {
      return;
    }
    capacity = capacity * 2;
    if (booleans != null) {
      booleans = Arrays.copyOf(booleans, capacity);
    } else if (ints != null) {
      ints = Arrays.copyOf(ints, capacity);
    } else if (longs != null) {
      longs = Arrays.copyOf(longs, capacity);
    } else if (doubles != null) {
      doubles = Arrays.copyOf(doubles, capacity);
    } else {
      strings = Arrays.copyOf(strings, capacity);
    }
    if (nulls != null) {
      nulls = Arrays.copyOf(nulls, capacity);
    }
  }

  public void appendNull() {
    ensureRoom();
    if (nulls == null) {
      nulls = new boolean[capacity];
    }
    nulls[size++] = true;
  }

  public void appendBoolean(boolean value) {
    ensureRoom();
    booleans[size++] = value;
  }

  public void appendInt(int value) {
    ensureRoom();
    ints[size++] = value;
  }

  public void appendLong(long value) {
    ensureRoom();
    longs[size++] = value;
  }

  public void appendDouble(double value) {
    ensureRoom();
    doubles[size++] = value;
  }

  public void appendString(String value) {
    if (value == null) {
      appendNull();
      return;
    }
    ensureRoom();
    strings[size++] = value;
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
      case DECIMAL -> throw new UnsupportedOperationException("DECIMAL");
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
    }
  }

  /** Appends rows {@code [from, to)} of a vector of the same type. */
  public void appendRange(ColumnVector vector, int from, int to) {
    for (int row = from; row < to; row++) {
      appendFrom(vector, row);
    }
  }

  public ColumnVector build() {
    return switch (type.kind()) {
      case BOOLEAN -> new BooleanVector(type, booleans, nulls, size);
      case INT, DATE -> new IntVector(type, ints, nulls, size);
      case LONG, TIMESTAMP -> new LongVector(type, longs, nulls, size);
      case DOUBLE -> new DoubleVector(type, doubles, nulls, size);
      case STRING -> new StringVector(type, strings, nulls, size);
      case DECIMAL -> throw new UnsupportedOperationException("DECIMAL");
    };
  }
}
