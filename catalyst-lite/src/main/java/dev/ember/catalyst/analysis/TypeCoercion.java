package dev.ember.catalyst.analysis;

import dev.ember.core.expression.Cast;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Literal;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.TypeKind;
import java.util.List;

/**
 * Spark 3.5's implicit type rules in non-ANSI mode, as far as Ember's types go:
 *
 * <ul>
 *   <li>numbers widen INT &lt; LONG &lt; DOUBLE; Spark's {@code DecimalPrecision}: a DECIMAL with an
 *       INT or LONG widens the integer to DECIMAL(10,0) or DECIMAL(20,0) (an integer literal to the
 *       fewest digits that hold it) and then to the wider decimal, a DECIMAL with a DOUBLE gives
 *       DOUBLE; arithmetic on two decimals keeps each operand's type (the result type is the
 *       operator's, see {@code DecimalTypes.resultType}); a STRING compared with a DECIMAL compares
 *       as DOUBLE;
 *   <li>a comparison of a STRING with a number, DATE, TIMESTAMP or BOOLEAN casts the string to that
 *       type; DATE against TIMESTAMP compares as TIMESTAMP;
 *   <li>CASE, coalesce, IN and union find the wider common type: numbers widen, DATE and
 *       TIMESTAMP give TIMESTAMP, a STRING with any non-BOOLEAN type gives STRING;
 *   <li>an untyped null takes the other operand's type.
 * </ul>
 */
final class TypeCoercion {
  private TypeCoercion() {}

  /** {@code expression} as {@code type}: unchanged if it already is, a typed null for an untyped null, else a Cast. */
  static Expression cast(Expression expression, ColumnType type) {
    if (Literals.isUntypedNull(expression)) {
      return Literal.nullOf(type);
    }
    if (expression.type().equals(type)) {
      return expression;
    }
    // Widening a numeric constant needs no cast at run time; keeps plans readable.
    if (expression instanceof Literal literal && type.kind() == TypeKind.DECIMAL
        && (literal.value() instanceof Integer || literal.value() instanceof Long)) {
      java.math.BigDecimal exact = DecimalTypes.fit(java.math.BigDecimal.valueOf(((Number) literal.value()).longValue()), type);
      if (exact != null) {
        return new Literal(exact, type);
      }
    }
    if (expression instanceof Literal literal && literal.value() instanceof Number number) {
      if (type.kind() == TypeKind.LONG && literal.type().kind() == TypeKind.INT) {
        return Literal.of(number.longValue());
      }
      if (type.kind() == TypeKind.DOUBLE && (literal.type().kind() == TypeKind.INT || literal.type().kind() == TypeKind.LONG)) {
        return Literal.of(number.doubleValue());
      }
    }
    return new Cast(expression, type);
  }

  /** The wider of two numeric types, or null if one is not numeric. */
  static ColumnType widerNumeric(ColumnType left, ColumnType right) {
    if (!left.isNumeric() || !right.isNumeric()) {
      return null;
    }
    if (left.equals(right)) {
      return left;
    }
    if (left.kind() == TypeKind.DOUBLE || right.kind() == TypeKind.DOUBLE) {
      return ColumnType.DOUBLE;
    }
    if (left.kind() == TypeKind.DECIMAL || right.kind() == TypeKind.DECIMAL) {
      return DecimalTypes.wider(DecimalTypes.forType(left), DecimalTypes.forType(right));
    }
    return numericRank(left) >= numericRank(right) ? left : right;
  }

  /** Whether two numeric operands combine as decimals: one is a DECIMAL and neither is a DOUBLE. */
  static boolean decimalOperands(ColumnType left, ColumnType right) {
    return left.isNumeric() && right.isNumeric()
        && (left.kind() == TypeKind.DECIMAL || right.kind() == TypeKind.DECIMAL)
        && left.kind() != TypeKind.DOUBLE && right.kind() != TypeKind.DOUBLE;
  }

  /**
   * The decimal type of an operand meeting a decimal: an integer literal takes the fewest digits
   * that hold it (Spark's {@code literalPickMinimumPrecision}), an INT or LONG column DECIMAL(10,0)
   * or DECIMAL(20,0), a decimal keeps its type.
   */
  static ColumnType decimalOperandType(Expression operand) {
    if (operand instanceof Literal literal && (literal.value() instanceof Integer || literal.value() instanceof Long)) {
      return DecimalTypes.forIntegralLiteral(((Number) literal.value()).longValue());
    }
    return DecimalTypes.forType(operand.type());
  }

  private static int numericRank(ColumnType type) {
    return switch (type.kind()) {
      case INT -> 1;
      case LONG -> 2;
      case DOUBLE -> 3;
      case DECIMAL -> 4;
      case BOOLEAN, STRING, DATE, TIMESTAMP -> throw new IllegalArgumentException("not numeric: " + type);
    };
  }

  /** The type both sides of a comparison are cast to, or null when they cannot be compared. */
  static ColumnType comparisonType(ColumnType left, ColumnType right) {
    if (left.equals(right)) {
      return left;
    }
    // SPARK-22469: no decimal type fits every string, so the two compare as doubles.
    if ((left.kind() == TypeKind.DECIMAL && right.kind() == TypeKind.STRING)
        || (left.kind() == TypeKind.STRING && right.kind() == TypeKind.DECIMAL)) {
      return ColumnType.DOUBLE;
    }
    ColumnType numeric = widerNumeric(left, right);
    if (numeric != null) {
      return numeric;
    }
    if (left.kind() == TypeKind.STRING && right.kind() != TypeKind.STRING) {
      return right;
    }
    if (right.kind() == TypeKind.STRING && left.kind() != TypeKind.STRING) {
      return left;
    }
    if (isDateTime(left) && isDateTime(right)) {
      return ColumnType.TIMESTAMP;
    }
    return null;
  }

  /** The wider common type of two types for CASE, coalesce, IN and union, or null if there is none. */
  static ColumnType widerCommon(ColumnType left, ColumnType right) {
    if (left.equals(right)) {
      return left;
    }
    ColumnType numeric = widerNumeric(left, right);
    if (numeric != null) {
      return numeric;
    }
    if (isDateTime(left) && isDateTime(right)) {
      return ColumnType.TIMESTAMP;
    }
    if (left.kind() == TypeKind.STRING && right.kind() != TypeKind.BOOLEAN) {
      return ColumnType.STRING;
    }
    if (right.kind() == TypeKind.STRING && left.kind() != TypeKind.BOOLEAN) {
      return ColumnType.STRING;
    }
    return null;
  }

  /**
   * The wider common type of expressions, ignoring untyped nulls (STRING if all are); null if two
   * of them have no common type.
   */
  static ColumnType widerCommon(List<Expression> expressions) {
    ColumnType result = null;
    for (Expression expression : expressions) {
      if (Literals.isUntypedNull(expression)) {
        continue;
      }
      if (result == null) {
        result = expression.type();
      } else {
        result = widerCommon(result, expression.type());
        if (result == null) {
          return null;
        }
      }
    }
    return result == null ? ColumnType.STRING : result;
  }

  /** Whether an explicit CAST from one type to the other is allowed (Spark's {@code Cast.canCast}, non-ANSI). */
  static boolean canCast(ColumnType from, ColumnType to) {
    if (from.equals(to) || from.kind() == TypeKind.STRING || to.kind() == TypeKind.STRING) {
      return true;
    }
    TypeKind source = from.kind();
    TypeKind target = to.kind();
    boolean sourceNumberLike = source.isNumeric() || source == TypeKind.BOOLEAN;
    boolean targetNumberLike = target.isNumeric() || target == TypeKind.BOOLEAN;
    if (sourceNumberLike && targetNumberLike) {
      return true;
    }
    if (isDateTime(from) && isDateTime(to)) {
      return true;
    }
    // Seconds since the epoch, both ways; DATE has no number form in Spark.
    if (source == TypeKind.TIMESTAMP && targetNumberLike) {
      return true;
    }
    return target == TypeKind.TIMESTAMP && source.isNumeric();
  }

  static boolean isDateTime(ColumnType type) {
    return type.kind() == TypeKind.DATE || type.kind() == TypeKind.TIMESTAMP;
  }
}
