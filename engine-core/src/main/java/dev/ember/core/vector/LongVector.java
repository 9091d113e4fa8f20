package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.TypeKind;

/**
 * A column of {@code long} values: LONG, TIMESTAMP as microseconds since the epoch (UTC), and
 * DECIMAL of precision up to 18 as unscaled values (Spark's compact decimal), so that hashing,
 * equality, sorting, gathering and the codec of such decimals are the long paths unchanged (two
 * values of one DECIMAL type have one scale, so their unscaled longs order and hash as they do).
 */
public final class LongVector extends ColumnVector {
  /** The values; slots that are null hold an arbitrary value. */
  public final long[] values;

  public LongVector(ColumnType type, long[] values, boolean[] nulls, int size) {
    super(type, size, nulls);
    if (type.kind() != TypeKind.LONG && type.kind() != TypeKind.TIMESTAMP && !DecimalTypes.isCompact(type)) {
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
    if (isNull(row)) {
      return null;
    }
    return type.kind() == TypeKind.DECIMAL ? DecimalTypes.fromUnscaled(values[row], type.scale()) : (Long) values[row];
  }

  @Override
  public LongVector slice(int from, int to) {
    java.util.Objects.checkFromToIndex(from, to, size);
    return new LongVector(type, java.util.Arrays.copyOfRange(values, from, to), sliceNulls(nulls, from, to), to - from);
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

  @Override
  public LongVector select(int[] positions, int count) {
    long[] selected = new long[count];
    for (int i = 0; i < count; i++) {
      selected[i] = values[positions[i]];
    }
    return new LongVector(type, selected, selectNulls(nulls, positions, count), count);
  }
}
