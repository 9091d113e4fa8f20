package dev.ember.core.expression.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Cast;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.Round;
import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
import dev.ember.core.vector.LongVector;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Decimal kernels against an independent BigDecimal computation of Spark's semantics on random
 * values at every precision from 1 to 38: the exact result, rounded to 38 significant digits
 * HALF_UP (Spark's {@code Decimal} math context), then HALF_UP to the result scale, null when it has
 * more digits than the result precision or the divisor is zero. Both vector forms (compact longs
 * and wide BigDecimals), with nulls, and with literal operands.
 */
class DecimalArithmeticTest {
  private static final MathContext THIRTY_EIGHT_DIGITS = new MathContext(38, RoundingMode.HALF_UP);
  private static final int ROWS = 300;

  @Test
  void everyOperatorMatchesBigDecimalOnRandomPrecisionsUpTo38() {
    long seed = TestSeeds.seed(1138);
    Random random = new Random(seed);
    int overflows = 0;
    int compared = 0;
    for (int round = 0; round < 150; round++) {
      ColumnType leftType = randomType(random);
      ColumnType rightType = randomType(random);
      List<List<Object>> rows = new ArrayList<>();
      for (int i = 0; i < ROWS; i++) {
        rows.add(Arrays.asList(
            random.nextInt(10) == 0 ? null : value(random, leftType),
            random.nextInt(10) == 0 ? null : value(random, rightType)));
      }
      Batch batch = Batch.fromRows(schema(leftType, rightType), rows);
      for (ArithmeticOperator operator : ArithmeticOperator.values()) {
        Arithmetic arithmetic = new Arithmetic(operator, new BoundReference(0, leftType, true), new BoundReference(1, rightType, true));
        ColumnType resultType = arithmetic.type();
        ColumnVector result = ExpressionCompiler.compile(arithmetic).evaluate(batch);
        assertThat(result.type()).isEqualTo(resultType);
        assertThat(result).isInstanceOf(resultType.precision() <= 18 ? LongVector.class : DecimalVector.class);
        for (int i = 0; i < ROWS; i++) {
          BigDecimal expected = reference(operator, (BigDecimal) rows.get(i).get(0), (BigDecimal) rows.get(i).get(1), resultType);
          if (expected == null && rows.get(i).get(0) != null && rows.get(i).get(1) != null) {
            overflows++;
          }
          compared++;
          assertThat((BigDecimal) result.getObject(i))
              .as("%s %s %s with types %s, %s -> %s, %s", rows.get(i).get(0), operator.symbol(), rows.get(i).get(1),
                  leftType, rightType, resultType, TestSeeds.describe(seed))
              .isEqualTo(expected);
        }
      }
    }
    // The random values are wide enough that overflow (null) is exercised, not just claimed.
    assertThat(overflows).isGreaterThan(100);
    assertThat(compared).isEqualTo(150 * 5 * ROWS);
  }

  @Test
  void literalOperandsGiveTheColumnResults() {
    ColumnType type = ColumnType.decimal(15, 2);
    List<List<Object>> rows = List.of(Arrays.asList(new BigDecimal("10.25")), Arrays.asList((Object) null),
        Arrays.asList(new BigDecimal("-3.10")));
    Batch batch = Batch.fromRows(schema(type), rows);
    Literal one = new Literal(new BigDecimal("1"), ColumnType.decimal(1, 0));
    Expression minus = new Arithmetic(ArithmeticOperator.SUBTRACT, one, new BoundReference(0, type, true));
    Expression times = new Arithmetic(ArithmeticOperator.MULTIPLY, new BoundReference(0, type, true), minus);
    ColumnVector result = ExpressionCompiler.compile(times).evaluate(batch);
    assertThat(result.type()).isEqualTo(ColumnType.decimal(32, 4));
    assertThat(result.getObject(0)).isEqualTo(new BigDecimal("-94.8125"));
    assertThat(result.getObject(1)).isNull();
    assertThat(result.getObject(2)).isEqualTo(new BigDecimal("-12.7100"));
    Expression withNull = new Arithmetic(ArithmeticOperator.ADD, new BoundReference(0, type, true), Literal.nullOf(type));
    assertThat(ExpressionCompiler.compile(withNull).evaluate(batch).getObject(0)).isNull();
  }

  @Test
  void divisionRoundsHalfUpAndByZeroIsNull() {
    ColumnType type = ColumnType.decimal(10, 2);
    Batch batch = Batch.fromRows(schema(type, type), List.of(
        Arrays.asList(new BigDecimal("1.00"), new BigDecimal("3.00")),
        Arrays.asList(new BigDecimal("2.00"), new BigDecimal("3.00")),
        Arrays.asList(new BigDecimal("-2.00"), new BigDecimal("3.00")),
        Arrays.asList(new BigDecimal("5.00"), new BigDecimal("0.00")),
        Arrays.asList(new BigDecimal("5.00"), new BigDecimal("0.00"))));
    Arithmetic divide = new Arithmetic(ArithmeticOperator.DIVIDE, new BoundReference(0, type, true), new BoundReference(1, type, true));
    ColumnVector result = ExpressionCompiler.compile(divide).evaluate(batch);
    assertThat(result.type()).isEqualTo(ColumnType.decimal(23, 13));
    assertThat(result.getObject(0)).isEqualTo(new BigDecimal("0.3333333333333"));
    assertThat(result.getObject(1)).isEqualTo(new BigDecimal("0.6666666666667"));
    assertThat(result.getObject(2)).isEqualTo(new BigDecimal("-0.6666666666667"));
    assertThat(result.getObject(3)).isNull();
    Arithmetic remainder = new Arithmetic(ArithmeticOperator.REMAINDER, new BoundReference(0, type, true), new BoundReference(1, type, true));
    assertThat(ExpressionCompiler.compile(remainder).evaluate(batch).getObject(2)).isEqualTo(new BigDecimal("-2.00"));
    assertThat(ExpressionCompiler.compile(remainder).evaluate(batch).getObject(4)).isNull();
  }

  @Test
  void castsRoundHalfUpAndOverflowToNull() {
    assertThat(cast(ColumnType.STRING, " 12.345 ", ColumnType.decimal(5, 2))).isEqualTo(new BigDecimal("12.35"));
    assertThat(cast(ColumnType.STRING, "-12.345", ColumnType.decimal(5, 2))).isEqualTo(new BigDecimal("-12.35"));
    assertThat(cast(ColumnType.STRING, "1e2", ColumnType.decimal(5, 2))).isEqualTo(new BigDecimal("100.00"));
    assertThat(cast(ColumnType.STRING, "1000", ColumnType.decimal(5, 2))).isNull();
    assertThat(cast(ColumnType.STRING, "abc", ColumnType.decimal(5, 2))).isNull();
    assertThat(cast(ColumnType.INT, 123, ColumnType.decimal(5, 2))).isEqualTo(new BigDecimal("123.00"));
    assertThat(cast(ColumnType.INT, 1234, ColumnType.decimal(5, 2))).isNull();
    assertThat(cast(ColumnType.LONG, Long.MIN_VALUE, ColumnType.decimal(20, 0))).isEqualTo(new BigDecimal(Long.MIN_VALUE));
    assertThat(cast(ColumnType.LONG, Long.MAX_VALUE, ColumnType.decimal(18, 0))).isNull();
    assertThat(cast(ColumnType.DOUBLE, 0.1, ColumnType.decimal(10, 5))).isEqualTo(new BigDecimal("0.10000"));
    assertThat(cast(ColumnType.DOUBLE, 2.675, ColumnType.decimal(10, 2))).isEqualTo(new BigDecimal("2.68"));
    assertThat(cast(ColumnType.DOUBLE, Double.NaN, ColumnType.decimal(10, 2))).isNull();
    assertThat(cast(ColumnType.DOUBLE, 1e20, ColumnType.decimal(38, 0))).isEqualTo(new BigDecimal("100000000000000000000"));
    assertThat(cast(ColumnType.decimal(10, 4), new BigDecimal("1.2345"), ColumnType.decimal(10, 3))).isEqualTo(new BigDecimal("1.235"));
    assertThat(cast(ColumnType.decimal(10, 4), new BigDecimal("-1.2345"), ColumnType.decimal(10, 3))).isEqualTo(new BigDecimal("-1.235"));
    assertThat(cast(ColumnType.decimal(10, 4), new BigDecimal("999999.9999"), ColumnType.decimal(9, 3))).isNull();
    assertThat(cast(ColumnType.decimal(10, 4), new BigDecimal("12.5000"), ColumnType.decimal(38, 30))).isEqualTo(new BigDecimal("12.5").setScale(30));
    assertThat(cast(ColumnType.decimal(38, 30), new BigDecimal("12.5").setScale(30), ColumnType.decimal(4, 1))).isEqualTo(new BigDecimal("12.5"));
    assertThat(cast(ColumnType.decimal(10, 2), new BigDecimal("-7.99"), ColumnType.INT)).isEqualTo(-7);
    assertThat(cast(ColumnType.decimal(10, 2), new BigDecimal("-7.99"), ColumnType.LONG)).isEqualTo(-7L);
    assertThat(cast(ColumnType.decimal(10, 2), new BigDecimal("0.10"), ColumnType.DOUBLE)).isEqualTo(0.1);
    assertThat(cast(ColumnType.decimal(10, 2), new BigDecimal("0.10"), ColumnType.STRING)).isEqualTo("0.10");
    assertThat(cast(ColumnType.decimal(38, 10), BigDecimal.ZERO.setScale(10), ColumnType.STRING)).isEqualTo("0.0000000000");
    assertThat(cast(ColumnType.decimal(38, 0), new BigDecimal("18446744073709551617"), ColumnType.LONG)).isEqualTo(1L);
  }

  @Test
  void randomCastsBetweenDecimalsMatchBigDecimal() {
    long seed = TestSeeds.seed(44);
    Random random = new Random(seed);
    for (int round = 0; round < 2_000; round++) {
      ColumnType from = randomType(random);
      ColumnType to = randomType(random);
      BigDecimal value = value(random, from);
      BigDecimal rounded = value.setScale(to.scale(), RoundingMode.HALF_UP);
      BigDecimal expected = rounded.precision() - rounded.scale() > to.precision() - to.scale() ? null : rounded;
      assertThat(cast(from, value, to)).as("%s from %s to %s, %s", value, from, to, TestSeeds.describe(seed)).isEqualTo(expected);
    }
  }

  @Test
  void comparisonsAndRoundOnBothForms() {
    for (ColumnType type : List.of(ColumnType.decimal(12, 3), ColumnType.decimal(30, 3))) {
      Batch batch = Batch.fromRows(schema(type, type), List.of(
          Arrays.asList(new BigDecimal("1.250"), new BigDecimal("1.250")),
          Arrays.asList(new BigDecimal("-1.255"), new BigDecimal("1.250")),
          Arrays.asList(null, new BigDecimal("1.250"))));
      Expression left = new BoundReference(0, type, true);
      Expression right = new BoundReference(1, type, true);
      assertThat(column(new Comparison(ComparisonOperator.EQUAL, left, right), batch)).containsExactly(true, false, null);
      assertThat(column(new Comparison(ComparisonOperator.LESS_THAN, left, right), batch)).containsExactly(false, true, null);
      Literal literal = new Literal(new BigDecimal("1.250"), type);
      assertThat(column(new Comparison(ComparisonOperator.GREATER_THAN_OR_EQUAL, literal, left), batch)).containsExactly(true, true, null);
      assertThat(column(new Round(left, 2), batch)).containsExactly(new BigDecimal("1.25"), new BigDecimal("-1.26"), null);
      assertThat(new Round(left, 2).type()).isEqualTo(ColumnType.decimal(type.precision() - 3 + 1 + 2, 2));
      assertThat(column(new Round(left, -1), batch)).containsExactly(BigDecimal.ZERO, BigDecimal.ZERO, null);
    }
  }

  private static List<Object> column(Expression expression, Batch batch) {
    ColumnVector vector = ExpressionCompiler.compile(expression).evaluate(batch);
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < batch.rowCount(); i++) {
      values.add(vector.getObject(i));
    }
    return values;
  }

  private static Object cast(ColumnType from, Object value, ColumnType to) {
    Batch batch = Batch.fromRows(schema(from), List.of(Arrays.asList(value)));
    Object asColumn = ExpressionCompiler.compile(new Cast(new BoundReference(0, from, true), to)).evaluate(batch).getObject(0);
    Object asLiteral = ExpressionCompiler.compile(new Cast(new Literal(value, from), to)).evaluate(batch).getObject(0);
    assertThat(asLiteral).as("cast of a literal %s", value).isEqualTo(asColumn);
    return asColumn;
  }

  /** Spark's result, computed here from the exact BigDecimal value. */
  private static BigDecimal reference(ArithmeticOperator operator, BigDecimal left, BigDecimal right, ColumnType type) {
    if (left == null || right == null) {
      return null;
    }
    BigDecimal exact;
    switch (operator) {
      case ADD -> exact = left.add(right).round(THIRTY_EIGHT_DIGITS);
      case SUBTRACT -> exact = left.subtract(right).round(THIRTY_EIGHT_DIGITS);
      case MULTIPLY -> exact = left.multiply(right).round(THIRTY_EIGHT_DIGITS);
      case DIVIDE -> {
        if (right.signum() == 0) {
          return null;
        }
        exact = left.divide(right, THIRTY_EIGHT_DIGITS);
      }
      case REMAINDER -> {
        if (right.signum() == 0) {
          return null;
        }
        exact = left.subtract(left.divide(right, 0, RoundingMode.DOWN).multiply(right));
      }
      default -> throw new IllegalStateException();
    }
    BigDecimal rounded = exact.setScale(type.scale(), RoundingMode.HALF_UP);
    return rounded.unscaledValue().abs().compareTo(BigInteger.TEN.pow(type.precision())) < 0 ? rounded : null;
  }

  private static ColumnType randomType(Random random) {
    int precision = 1 + random.nextInt(38);
    return ColumnType.decimal(precision, random.nextInt(precision + 1));
  }

  /** Any digit count up to the precision, now and then the largest value (to reach overflow). */
  private static BigDecimal value(Random random, ColumnType type) {
    BigInteger bound = BigInteger.TEN.pow(type.precision());
    BigInteger unscaled = random.nextInt(8) == 0
        ? bound.subtract(BigInteger.ONE)
        : new BigInteger(bound.bitLength() + 2, random).mod(BigInteger.TEN.pow(1 + random.nextInt(type.precision())));
    if (random.nextInt(20) == 0) {
      unscaled = BigInteger.ZERO;
    }
    return new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(), type.scale());
  }

  private static Schema schema(ColumnType... types) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < types.length; i++) {
      fields.add(Field.of("c" + i, types[i]));
    }
    return new Schema(fields);
  }
}
