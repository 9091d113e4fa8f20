package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.TypeKind;

/** A column of {@code long} values (LONG, and TIMESTAMP as microseconds since the epoch, UTC). */
public final class LongVector extends ColumnVector {
  /** The values; slots that are null hold an arbitrary value. */
  public final long[] values;

  public LongVector(ColumnType type, long[] values, boolean[] nulls, int size) {
    super(type, size, nulls);
    if (type.kind() != TypeKind.LONG && type.kind() != TypeKind.TIMESTAMP) {
      throw new IllegalArgumentException("LongVector cannot hold " + type);
    }
    if (values.length < size) {
      throw new IllegalArgumentException("values has " + values.length + " slots for " + size + " rows");
    }
    this.values = values;
  }

  public long get(int row) {
    return values[row];
  }

  @Override
  public Object getObject(int row) {
    return isNull(row) ? null : (Long) values[row];
  }

  @Override
  public LongVector gather(int[] positions, int count) {
    long[] gathered = new long[count];
    for (int i = 0; i < count; i++) {
      int position = positions[i];
      if (position >= 0) {
        gathered[i] = values[position];
      }
    }
    return new LongVector(type, gathered, gatherNulls(nulls, positions, count), count);
  }
}
