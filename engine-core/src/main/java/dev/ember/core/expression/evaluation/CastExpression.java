package dev.ember.core.expression.evaluation;

import dev.ember.core.types.ColumnType;
import dev.ember.core.types.TypeKind;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;

/**
 * {@code cast(child as target)} between BOOLEAN, INT, LONG, DOUBLE, STRING, DATE, TIMESTAMP and
 * DECIMAL with Spark's non-ANSI rules (see {@link NumericCasts}, {@link StringCasts} and
 * {@link DecimalCasts}). A cast to the
 * child's own type is the child itself. Between DATE and BOOLEAN or a number, Spark's cast yields
 * null, and so does this one.
 */
record CastExpression(VectorExpression child, ColumnType type) implements VectorExpression {

  static VectorExpression of(VectorExpression child, ColumnType target) {
    if (child.type().equals(target)) {
      return child;
    }
    return new CastExpression(child, target);
  }

  @Override
  public ColumnVector evaluate(Batch batch) {
    ColumnVector input = VectorExpression.dispatch(child, batch);
    int rowCount = batch.rowCount();
    if (type.kind() == TypeKind.DECIMAL) {
      return DecimalCasts.toDecimal(input, type, rowCount);
    }
    if (input.type().kind() == TypeKind.DECIMAL) {
      return DecimalCasts.decimalTo(input, type, rowCount);
    }
    boolean fromDate = input.type().kind() == TypeKind.DATE;
    boolean fromTimestamp = input.type().kind() == TypeKind.TIMESTAMP;
    return switch (type.kind()) {
      case BOOLEAN -> switch (input) {
        case BooleanVector booleans -> booleans;
        case IntVector ints -> fromDate ? nulls(rowCount) : NumericCasts.booleansFromInts(ints, rowCount);
        case LongVector longs -> NumericCasts.booleansFromLongs(longs, rowCount);
        case DoubleVector doubles -> NumericCasts.booleansFromDoubles(doubles, rowCount);
        case StringVector strings -> StringCasts.toBooleans(strings, rowCount);
        case DecimalVector decimals -> throw new IllegalStateException("casts from DECIMAL are handled above");
      };
      case INT -> switch (input) {
        case BooleanVector booleans -> NumericCasts.intsFromBooleans(booleans, rowCount);
        case IntVector ints -> fromDate ? nulls(rowCount) : ints;
        case LongVector longs ->
            fromTimestamp ? NumericCasts.intsFromTimestamps(longs, rowCount) : NumericCasts.intsFromLongs(longs, rowCount);
        case DoubleVector doubles -> NumericCasts.intsFromDoubles(doubles, rowCount);
        case StringVector strings -> StringCasts.toInts(strings, rowCount);
        case DecimalVector decimals -> throw new IllegalStateException("casts from DECIMAL are handled above");
      };
      case LONG -> switch (input) {
        case BooleanVector booleans -> NumericCasts.longsFromBooleans(booleans, rowCount);
        case IntVector ints -> fromDate ? nulls(rowCount) : NumericCasts.longsFromInts(ints, rowCount);
        case LongVector longs -> fromTimestamp ? NumericCasts.longsFromTimestamps(longs, rowCount) : longs;
        case DoubleVector doubles -> NumericCasts.longsFromDoubles(doubles, rowCount);
        case StringVector strings -> StringCasts.toLongs(strings, rowCount);
        case DecimalVector decimals -> throw new IllegalStateException("casts from DECIMAL are handled above");
      };
      case DOUBLE -> switch (input) {
        case BooleanVector booleans -> NumericCasts.doublesFromBooleans(booleans, rowCount);
        case IntVector ints -> fromDate ? nulls(rowCount) : NumericCasts.doublesFromInts(ints, rowCount);
        case LongVector longs ->
            fromTimestamp ? NumericCasts.doublesFromTimestamps(longs, rowCount) : NumericCasts.doublesFromLongs(longs, rowCount);
        case DoubleVector doubles -> doubles;
        case StringVector strings -> StringCasts.toDoubles(strings, rowCount);
        case DecimalVector decimals -> throw new IllegalStateException("casts from DECIMAL are handled above");
      };
      case STRING -> switch (input) {
        case BooleanVector booleans -> StringCasts.fromBooleans(booleans, rowCount);
        case IntVector ints -> StringCasts.fromInts(ints, rowCount);
        case LongVector longs -> StringCasts.fromLongs(longs, rowCount);
        case DoubleVector doubles -> StringCasts.fromDoubles(doubles, rowCount);
        case StringVector strings -> strings;
        case DecimalVector decimals -> throw new IllegalStateException("casts from DECIMAL are handled above");
      };
      case DATE -> switch (input) {
        case BooleanVector booleans -> nulls(rowCount);
        case IntVector ints -> fromDate ? ints : nulls(rowCount);
        case LongVector longs -> fromTimestamp ? NumericCasts.datesFromTimestamps(longs, rowCount) : nulls(rowCount);
        case DoubleVector doubles -> nulls(rowCount);
        case StringVector strings -> StringCasts.toDates(strings, rowCount);
        case DecimalVector decimals -> throw new IllegalStateException("casts from DECIMAL are handled above");
      };
      case TIMESTAMP -> switch (input) {
        case BooleanVector booleans -> NumericCasts.timestampsFromBooleans(booleans, rowCount);
        case IntVector ints ->
            fromDate ? NumericCasts.timestampsFromDates(ints, rowCount) : NumericCasts.timestampsFromInts(ints, rowCount);
        case LongVector longs -> fromTimestamp ? longs : NumericCasts.timestampsFromLongs(longs, rowCount);
        case DoubleVector doubles -> NumericCasts.timestampsFromDoubles(doubles, rowCount);
        case StringVector strings -> StringCasts.toTimestamps(strings, rowCount);
        case DecimalVector decimals -> throw new IllegalStateException("casts from DECIMAL are handled above");
      };
      case DECIMAL -> throw new IllegalStateException("casts to DECIMAL are handled above");
    };
  }

  private ColumnVector nulls(int rowCount) {
    return Constants.allNulls(type, rowCount);
  }
}
