package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.TypeKind;
import java.math.BigDecimal;

/**
 * A column of DECIMAL values wider than 18 digits, as {@link BigDecimal}s whose scale is the type's
 * scale (narrower decimals are unscaled longs in a {@link LongVector}). A null row holds a
 * {@code null} reference.
 *
 * <p>Why BigDecimal and not two longs: wide decimals are the rare case (sums and products of
 * money columns), the JDK's arithmetic, rounding and text of BigDecimal are exact and tested, and
 * Spark itself holds such values as BigDecimal; the hot TPC-H paths stay on longs.
 */
public final class DecimalVector extends ColumnVector {
  /** The values, each with the type's scale; slots that are null hold {@code null} or an arbitrary value. */
  public final BigDecimal[] values;

  public DecimalVector(ColumnType type, BigDecimal[] values, boolean[] nulls, int size) {
    super(type, size, nulls);
    if (type.kind() != TypeKind.DECIMAL || DecimalTypes.isCompact(type)) {
      throw new IllegalArgumentException("DecimalVector holds DECIMAL wider than 18 digits, not " + type);
    }
    if (values.length < size) {
      throw new IllegalArgumentException("values has " + values.length + " slots for " + size + " rows");
    }
    this.values = values;
  }

  public BigDecimal get(int row) {
    return values[row];
  }

  @Override
  public Object getObject(int row) {
    return isNull(row) ? null : values[row];
  }

  @Override
  public DecimalVector gather(int[] positions, int count) {
    BigDecimal[] gathered = new BigDecimal[count];
    for (int i = 0; i < count; i++) {
      int position = positions[i];
      if (position >= 0) {
        gathered[i] = values[position];
      }
    }
    return new DecimalVector(type, gathered, gatherNulls(nulls, positions, count), count);
  }
}
