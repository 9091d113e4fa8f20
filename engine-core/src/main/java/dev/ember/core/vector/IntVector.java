package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.TypeKind;

/** A column of {@code int} values (INT, and DATE as days since 1970-01-01). */
public final class IntVector extends ColumnVector {
  /** The values; slots that are null hold an arbitrary value. */
  public final int[] values;

  public IntVector(ColumnType type, int[] values, boolean[] nulls, int size) {
    super(type, size, nulls);
    if (type.kind() != TypeKind.INT && type.kind() != TypeKind.DATE) {
      throw new IllegalArgumentException("IntVector cannot hold " + type);
    }
    if (values.length < size) {
      throw new IllegalArgumentException("values has " + values.length + " slots for " + size + " rows");
    }
    this.values = values;
  }

  public int get(int row) {
    return values[row];
  }

  @Override
  public Object getObject(int row) {
    return isNull(row) ? null : (Integer) values[row];
  }

  @Override
  public IntVector slice(int from, int to) {
    java.util.Objects.checkFromToIndex(from, to, size);
    return new IntVector(type, java.util.Arrays.copyOfRange(values, from, to), sliceNulls(nulls, from, to), to - from);
  }

  @Override
  public IntVector gather(int[] positions, int count) {
    int[] gathered = new int[count];
    for (int i = 0; i < count; i++) {
      int position = positions[i];
      if (position >= 0) {
        gathered[i] = values[position];
      }
    }
    return new IntVector(type, gathered, gatherNulls(nulls, positions, count), count);
  }

  @Override
  public IntVector select(int[] positions, int count) {
    int[] selected = new int[count];
    RowChunks.gatherInts(values, positions, selected, count);
    return new IntVector(type, selected, selectNulls(nulls, positions, count), count);
  }
}
