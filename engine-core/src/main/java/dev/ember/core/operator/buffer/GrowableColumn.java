package dev.ember.core.operator.buffer;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.util.Arrays;

/**
 * An append-only column in primitive arrays that operators fill batch by batch (hash table keys,
 * buffered join and sort inputs). Appends switch on the source vector once per call and copy in a
 * loop or with {@code System.arraycopy}. {@link #vector()} wraps the current arrays without
 * copying; the view is valid until the next append, so callers copy (slice, gather) what they emit.
 */
public final class GrowableColumn {
  private final ColumnType type;
  private boolean[] booleans;
  private int[] ints;
  private long[] longs;
  private double[] doubles;
  private String[] strings;
  /** Allocated at the first null. */
  private boolean[] nulls;
  private int size;
  private int capacity;
  private ColumnVector view;

  public GrowableColumn(ColumnType type, int initialCapacity) {
    this.type = type;
    this.capacity = Math.max(16, initialCapacity);
    switch (type.kind()) {
      case BOOLEAN -> booleans = new boolean[capacity];
      case INT, DATE -> ints = new int[capacity];
      case LONG, TIMESTAMP -> longs = new long[capacity];
      case DOUBLE -> doubles = new double[capacity];
      case STRING -> strings = new String[capacity];
      case DECIMAL -> throw new UnsupportedOperationException(
          "operators cannot hold DECIMAL columns yet (they arrive with the SQL issue)");
    }
  }

  public ColumnType type() {
    return type;
  }

  public int size() {
    return size;
  }

  /** Approximate bytes held, for a later memory-accounting hook. */
  public long retainedBytes() {
    long perSlot = switch (type.kind()) {
      case BOOLEAN -> 1;
      case INT, DATE -> 4;
      case LONG, TIMESTAMP, DOUBLE, STRING, DECIMAL -> 8;
    };
    return capacity * (perSlot + (nulls == null ? 0 : 1));
  }

  private void ensureCapacity(int needed) {
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
    } else {
      strings = Arrays.copyOf(strings, newCapacity);
    }
    if (nulls != null) {
      nulls = Arrays.copyOf(nulls, newCapacity);
    }
    capacity = newCapacity;
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
    view = null;
  }

  /** Appends every row of {@code source}. */
  public void appendAll(ColumnVector source) {
    checkType(source);
    int count = source.size();
    ensureCapacity(size + count);
    switch (source) {
      case BooleanVector vector -> System.arraycopy(vector.values, 0, booleans, size, count);
      case IntVector vector -> System.arraycopy(vector.values, 0, ints, size, count);
      case LongVector vector -> System.arraycopy(vector.values, 0, longs, size, count);
      case DoubleVector vector -> System.arraycopy(vector.values, 0, doubles, size, count);
      case StringVector vector -> System.arraycopy(vector.values, 0, strings, size, count);
    }
    boolean[] sourceNulls = source.nulls;
    if (sourceNulls != null) {
      for (int i = 0; i < count; i++) {
        if (sourceNulls[i]) {
          markNull(size + i);
        }
      }
    }
    size += count;
    view = null;
  }

  /** Appends rows {@code [from, to)} of {@code source}. */
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
    view = null;
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
    size += count;
    view = null;
  }

  private void markNull(int slot) {
    if (nulls == null) {
      nulls = new boolean[capacity];
    }
    nulls[slot] = true;
  }

  /** The current contents as a vector sharing this column's arrays: do not keep it across appends. */
  public ColumnVector vector() {
    if (view == null) {
      view = switch (type.kind()) {
        case BOOLEAN -> new BooleanVector(type, booleans, nulls, size);
        case INT, DATE -> new IntVector(type, ints, nulls, size);
        case LONG, TIMESTAMP -> new LongVector(type, longs, nulls, size);
        case DOUBLE -> new DoubleVector(type, doubles, nulls, size);
        case STRING -> new StringVector(type, strings, nulls, size);
        case DECIMAL -> throw new IllegalStateException("unreachable: DECIMAL is rejected at construction");
      };
    }
    return view;
  }
}
