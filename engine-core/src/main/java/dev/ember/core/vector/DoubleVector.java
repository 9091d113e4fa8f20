package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.TypeKind;

/** A column of {@code double} values. */
public final class DoubleVector extends ColumnVector {
  /** The values; slots that are null hold an arbitrary value. */
  public final double[] values;

  public DoubleVector(ColumnType type, double[] values, boolean[] nulls, int size) {
    super(type, size, nulls);
    if (type.kind() != TypeKind.DOUBLE) {
      throw new IllegalArgumentException("DoubleVector cannot hold " + type);
    }
    if (values.length < size) {
      throw new IllegalArgumentException("values has " + values.length + " slots for " + size + " rows");
    }
    this.values = values;
  }

  public double get(int row) {
    return values[row];
  }

  @Override
  public Object getObject(int row) {
    return isNull(row) ? null : (Double) values[row];
  }

  @Override
  public DoubleVector slice(int from, int to) {
    java.util.Objects.checkFromToIndex(from, to, size);
    return new DoubleVector(type, java.util.Arrays.copyOfRange(values, from, to), sliceNulls(nulls, from, to), to - from);
  }

  @Override
  public DoubleVector gather(int[] positions, int count) {
    double[] gathered = new double[count];
    for (int i = 0; i < count; i++) {
      int position = positions[i];
      if (position >= 0) {
        gathered[i] = values[position];
      }
    }
    return new DoubleVector(type, gathered, gatherNulls(nulls, positions, count), count);
  }

  @Override
  public DoubleVector select(int[] positions, int count) {
    double[] selected = new double[count];
    for (int i = 0; i < count; i++) {
      selected[i] = values[positions[i]];
    }
    return new DoubleVector(type, selected, selectNulls(nulls, positions, count), count);
  }
}
