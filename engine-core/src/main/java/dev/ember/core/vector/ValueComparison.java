package dev.ember.core.vector;

/**
 * Equality and order of single values in two vectors of the same type, with Spark's rules for
 * doubles: -0.0 equals 0.0, NaN equals NaN and sorts above every number; strings order by their
 * UTF-8 bytes unsigned, as Spark. Callers handle nulls
 * (sort orders put them first or last; keys with a null never match in joins).
 */
public final class ValueComparison {
  private ValueComparison() {}

  /** Compares two non-null values: negative, zero or positive. */
  public static int compare(ColumnVector left, int leftRow, ColumnVector right, int rightRow) {
    return switch (left) {
      case BooleanVector l -> Boolean.compare(l.values[leftRow], ((BooleanVector) right).values[rightRow]);
      case IntVector l -> Integer.compare(l.values[leftRow], ((IntVector) right).values[rightRow]);
      case LongVector l -> Long.compare(l.values[leftRow], ((LongVector) right).values[rightRow]);
      case DoubleVector l -> compareDoubles(l.values[leftRow], ((DoubleVector) right).values[rightRow]);
      case StringVector l -> l.compareRow(leftRow, (StringVector) right, rightRow);
      case DecimalVector l -> dev.ember.core.types.Int128.compare(
          l.high[leftRow], l.low[leftRow], ((DecimalVector) right).high[rightRow], ((DecimalVector) right).low[rightRow]);
    };
  }

  /** Whether two non-null values are equal. */
  public static boolean equal(ColumnVector left, int leftRow, ColumnVector right, int rightRow) {
    return switch (left) {
      case BooleanVector l -> l.values[leftRow] == ((BooleanVector) right).values[rightRow];
      case IntVector l -> l.values[leftRow] == ((IntVector) right).values[rightRow];
      case LongVector l -> l.values[leftRow] == ((LongVector) right).values[rightRow];
      case DoubleVector l -> compareDoubles(l.values[leftRow], ((DoubleVector) right).values[rightRow]) == 0;
      case StringVector l -> l.equalsRow(leftRow, (StringVector) right, rightRow);
      // One type, one scale: equal unscaled values are equal decimals.
      case DecimalVector l -> l.high[leftRow] == ((DecimalVector) right).high[rightRow]
          && l.low[leftRow] == ((DecimalVector) right).low[rightRow];
    };
  }

  /** Spark's double order: -0.0 == 0.0; NaN == NaN and NaN above every number. */
  public static int compareDoubles(double left, double right) {
    if (left == right) {
      return 0;
    }
    return Double.compare(left, right);
  }

  /**
   * Compares row {@code leftRow} and {@code rightRow} by one sort key, nulls included: nulls go
   * first or last as asked, whatever the direction.
   */
  public static int compareForSort(
      ColumnVector left, int leftRow, ColumnVector right, int rightRow, boolean ascending, boolean nullsFirst) {
    boolean leftNull = left.isNull(leftRow);
    boolean rightNull = right.isNull(rightRow);
    if (leftNull || rightNull) {
      if (leftNull && rightNull) {
        return 0;
      }
      return leftNull == nullsFirst ? -1 : 1;
    }
    int order = compare(left, leftRow, right, rightRow);
    return ascending ? order : -order;
  }
}
