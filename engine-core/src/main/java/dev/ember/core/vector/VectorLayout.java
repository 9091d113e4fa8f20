package dev.ember.core.vector;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.TypeKind;

/**
 * The vector class that holds the values of a column type: INT and DATE are {@link IntVector}s, LONG,
 * TIMESTAMP and compact DECIMAL (up to 18 digits) {@link LongVector}s, wider DECIMAL {@link
 * DecimalVector}s. Per-type kernels ({@link HashKernel}, the appenders of {@link VectorBuilder}, key
 * equality) are kept in arrays indexed by {@link #ordinal()} and picked with {@link #of}.
 */
public enum VectorLayout {
  BOOLEAN,
  INT,
  LONG,
  DOUBLE,
  STRING,
  WIDE_DECIMAL;

  /** Indexed by {@code kind.ordinal() * 2 + (1 if precision > 18)}. */
  private static final VectorLayout[] BY_KIND_AND_WIDTH = new VectorLayout[TypeKind.values().length * 2];

  static {
    for (TypeKind kind : TypeKind.values()) {
      VectorLayout layout = switch (kind) {
        case BOOLEAN -> BOOLEAN;
        case INT, DATE -> INT;
        case LONG, TIMESTAMP -> LONG;
        case DOUBLE -> DOUBLE;
        case STRING -> STRING;
        case DECIMAL -> LONG;
      };
      BY_KIND_AND_WIDTH[kind.ordinal() * 2] = layout;
      BY_KIND_AND_WIDTH[kind.ordinal() * 2 + 1] = kind == TypeKind.DECIMAL ? WIDE_DECIMAL : layout;
    }
  }

  /**
   * The layout of {@code type}'s vectors. A table lookup without a branch on the type: callers pick
   * a kernel with it once per batch, and a compiled caller then holds no path that a type it has not
   * met yet would deoptimize ({@code (18 - precision) >>> 31} is 1 exactly for wide decimals; other
   * kinds have precision 0).
   */
  public static VectorLayout of(ColumnType type) {
    return BY_KIND_AND_WIDTH[type.kind().ordinal() * 2 + ((DecimalTypes.MAX_LONG_DIGITS - type.precision()) >>> 31)];
  }
}
