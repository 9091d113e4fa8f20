package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.TypeKind;

/** A column of {@code String} values; a null row also holds a {@code null} reference. */
public final class StringVector extends ColumnVector {
  /** The values; slots that are null hold an arbitrary value. */
  public final String[] values;

  public StringVector(ColumnType type, String[] values, boolean[] nulls, int size) {
    super(type, size, nulls);
    if (type.kind() != TypeKind.STRING) {
      throw new IllegalArgumentException("StringVector cannot hold " + type);
    }
    if (values.length < size) {
      throw new IllegalArgumentException("values has " + values.length + " slots for " + size + " rows");
    }
    this.values = values;
  }

  public String get(int row) {
    return values[row];
  }

  @Override
  public Object getObject(int row) {
    return isNull(row) ? null : values[row];
  }

  @Override
  public StringVector gather(int[] positions, int count) {
    String[] gathered = new String[count];
    for (int i = 0; i < count; i++) {
      int position = positions[i];
      if (position >= 0) {
        gathered[i] = values[position];
      }
    }
    return new StringVector(type, gathered, gatherNulls(nulls, positions, count), count);
  }
}
