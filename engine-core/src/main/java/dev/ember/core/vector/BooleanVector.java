package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.TypeKind;

/** A column of {@code boolean} values. */
public final class BooleanVector extends ColumnVector {
  /** The values; slots that are null hold an arbitrary value. */
  public final boolean[] values;

  /**
   * {@code values} as 0 and 1 bytes, for a loop that adds a verdict per row as it is: a {@code v ? 1
   * : 0} per row is compiled as a branch from the first query's profile, which a later query's share
   * near half mispredicts row after row. For a dictionary's verdicts, no more entries than rows.
   */
  public static byte[] flags(boolean[] values) {
    byte[] flags = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      flags[i] = (byte) (values[i] ? 1 : 0);
    }
    return flags;
  }

  public BooleanVector(ColumnType type, boolean[] values, boolean[] nulls, int size) {
    super(type, size, nulls);
    if (type.kind() != TypeKind.BOOLEAN) {
      throw new IllegalArgumentException("BooleanVector cannot hold " + type);
    }
    if (values.length < size) {
      throw new IllegalArgumentException("values has " + values.length + " slots for " + size + " rows");
    }
    this.values = values;
  }

  public boolean get(int row) {
    return values[row];
  }

  @Override
  public Object getObject(int row) {
    return isNull(row) ? null : (Boolean) values[row];
  }

  @Override
  public BooleanVector slice(int from, int to) {
    java.util.Objects.checkFromToIndex(from, to, size);
    return new BooleanVector(type, java.util.Arrays.copyOfRange(values, from, to), sliceNulls(nulls, from, to), to - from);
  }

  @Override
  public BooleanVector gather(int[] positions, int count) {
    boolean[] gathered = new boolean[count];
    for (int i = 0; i < count; i++) {
      int position = positions[i];
      if (position >= 0) {
        gathered[i] = values[position];
      }
    }
    return new BooleanVector(type, gathered, gatherNulls(nulls, positions, count), count);
  }

  @Override
  public BooleanVector select(int[] positions, int count) {
    boolean[] selected = new boolean[count];
    for (int i = 0; i < count; i++) {
      selected[i] = values[positions[i]];
    }
    return new BooleanVector(type, selected, selectNulls(nulls, positions, count), count);
  }
}
