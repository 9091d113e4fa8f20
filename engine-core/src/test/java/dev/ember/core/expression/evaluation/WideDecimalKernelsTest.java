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
import dev.ember.core.testing.TestSeeds;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DecimalVector;
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
 * The 128-bit decimal kernels on the shapes TPC-H and the 38-digit edge produce, against BigDecimal
 * with Spark's rules (exact, to 38 significant digits HALF_UP, then HALF_UP to the result scale,
 * null beyond the result precision): the money chain {@code price * (1 - discount) * (1 + tax)} on
 * DECIMAL(15,2), results whose scale Spark lowers (rounding on 128 bits, and rows beyond 38 digits
 * that need Spark's double rounding), sums at ±(10^38 - 1), comparisons and casts of wide columns.
 */
class WideDecimalKernelsTest {
  private static final MathContext THIRTY_EIGHT_DIGITS = new MathContext(38, RoundingMode.HALF_UP);
  private static final ColumnType MONEY = ColumnType.decimal(15, 2);

  @Test
  void theMoneyChainIsExactOn128Bits() {
    long seed = TestSeeds.seed(1992);
    Random random = new Random(seed);
    int rows = 2_000;
    List<List<Object>> data = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      data.add(Arrays.asList(money(random), random.nextInt(15) == 0 ? null : money(random), money(random)));
    }
    Batch batch = Batch.fromRows(schema(MONEY, MONEY, MONEY), data);
    Expression price = new BoundReference(0, MONEY, true);
    Expression discount = new BoundReference(1, MONEY, true);
    Expression tax = new BoundReference(2, MONEY, true);
    Literal one = new Literal(BigDecimal.ONE, ColumnType.decimal(1, 0));
    Expression discounted = new Arithmetic(ArithmeticOperator.MULTIPLY, price, new Arithmetic(ArithmeticOperator.SUBTRACT, one, discount));
    Expression charged = new Arithmetic(ArithmeticOperator.MULTIPLY, discounted, new Arithmetic(ArithmeticOperator.ADD, one, tax));
    ColumnVector discountedValues = ExpressionCompiler.compile(discounted).evaluate(batch);
    ColumnVector chargedValues = ExpressionCompiler.compile(charged).evaluate(batch);
    assertThat(discountedValues).isInstanceOf(DecimalVector.class);
    assertThat(discountedValues.type()).isEqualTo(ColumnType.decimal(32, 4));
    assertThat(chargedValues.type()).isEqualTo(ColumnType.decimal(38, 6));
    for (int i = 0; i < rows; i++) {
      BigDecimal p = (BigDecimal) data.get(i).get(0);
      BigDecimal d = (BigDecimal) data.get(i).get(1);
      BigDecimal t = (BigDecimal) data.get(i).get(2);
      // Exact products; only the huge random discounts and taxes (not TPC-H's) leave 38 digits, then null.
      BigDecimal expectedDiscounted = p == null || d == null ? null : p.multiply(BigDecimal.ONE.subtract(d));
      BigDecimal expectedCharged = expectedDiscounted == null || t == null
          ? null
          : fitOrNull(expectedDiscounted.multiply(BigDecimal.ONE.add(t)).round(THIRTY_EIGHT_DIGITS), ColumnType.decimal(38, 6));
      String context = p + " " + d + " " + t + ", " + TestSeeds.describe(seed);
      assertThat(discountedValues.getObject(i)).as(context).isEqualTo(expectedDiscounted);
      assertThat(chargedValues.getObject(i)).as(context).isEqualTo(expectedCharged);
    }
  }

  @Test
  void loweredResultScalesRoundLikeSparkIncludingBeyond38Digits() {
    long seed = TestSeeds.seed(1993);
    Random random = new Random(seed);
    ColumnType type = ColumnType.decimal(38, 10);
    int rows = 3_000;
    List<List<Object>> data = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      // Digit counts from 1 to 38 on both sides: products from 2 to 76 digits.
      data.add(Arrays.asList(value(random, type), value(random, type)));
    }
    Batch batch = Batch.fromRows(schema(type, type), data);
    int computed = 0;
    int nulls = 0;
    for (ArithmeticOperator operator : List.of(ArithmeticOperator.MULTIPLY, ArithmeticOperator.ADD, ArithmeticOperator.SUBTRACT)) {
      Arithmetic arithmetic = new Arithmetic(operator, new BoundReference(0, type, true), new BoundReference(1, type, true));
      ColumnType resultType = arithmetic.type();
      ColumnVector result = ExpressionCompiler.compile(arithmetic).evaluate(batch);
      for (int i = 0; i < rows; i++) {
        BigDecimal a = (BigDecimal) data.get(i).get(0);
        BigDecimal b = (BigDecimal) data.get(i).get(1);
        BigDecimal exact = switch (operator) {
          case MULTIPLY -> a.multiply(b);
          case ADD -> a.add(b);
          default -> a.subtract(b);
        };
        BigDecimal expected = fitOrNull(exact.round(THIRTY_EIGHT_DIGITS), resultType);
        nulls += expected == null ? 1 : 0;
        computed++;
        assertThat(result.getObject(i)).as("%s %s %s -> %s, %s", a, operator.symbol(), b, resultType, TestSeeds.describe(seed))
            .isEqualTo(expected);
      }
    }
    assertThat(computed).isEqualTo(3 * rows);
    assertThat(nulls).isGreaterThan(100);
  }

  @Test
  void theThirtyEightDigitEdgeOverflowsToNull() {
    ColumnType type = ColumnType.decimal(38, 0);
    BigDecimal maximum = new BigDecimal(BigInteger.TEN.pow(38).subtract(BigInteger.ONE));
    Batch batch = Batch.fromRows(schema(type, type), List.of(
        Arrays.asList(maximum, BigDecimal.ZERO),
        Arrays.asList(maximum, BigDecimal.ONE),
        Arrays.asList(maximum.negate(), BigDecimal.ONE),
        Arrays.asList(maximum.negate(), BigDecimal.ONE.negate()),
        Arrays.asList(maximum, maximum.negate())));
    Expression left = new BoundReference(0, type, true);
    Expression right = new BoundReference(1, type, true);
    assertThat(values(new Arithmetic(ArithmeticOperator.ADD, left, right), batch))
        .containsExactly(maximum, null, maximum.negate().add(BigDecimal.ONE), null, BigDecimal.ZERO);
    assertThat(values(new Arithmetic(ArithmeticOperator.SUBTRACT, left, right), batch))
        .containsExactly(maximum, maximum.subtract(BigDecimal.ONE), null, maximum.negate().add(BigDecimal.ONE), null);
    assertThat(values(new Arithmetic(ArithmeticOperator.MULTIPLY, left, right), batch))
        .containsExactly(BigDecimal.ZERO, maximum, maximum.negate(), maximum, null);
  }

  @Test
  void wideComparisonsAndCastsMatchBigDecimal() {
    long seed = TestSeeds.seed(1994);
    Random random = new Random(seed);
    ColumnType wide = ColumnType.decimal(30, 4);
    int rows = 1_000;
    List<List<Object>> data = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      data.add(Arrays.asList(random.nextInt(10) == 0 ? null : value(random, wide), value(random, wide)));
    }
    Batch batch = Batch.fromRows(schema(wide, wide), data);
    Expression left = new BoundReference(0, wide, true);
    Expression right = new BoundReference(1, wide, true);
    BigDecimal literalValue = new BigDecimal("12345.6789");
    List<ColumnType> targets = List.of(ColumnType.decimal(38, 0), ColumnType.decimal(20, 2), ColumnType.decimal(12, 6), ColumnType.decimal(38, 20));
    for (ComparisonOperator operator : ComparisonOperator.values()) {
      List<Object> columns = values(new Comparison(operator, left, right), batch);
      List<Object> withLiteral = values(new Comparison(operator, left, new Literal(literalValue, wide)), batch);
      for (int i = 0; i < rows; i++) {
        BigDecimal a = (BigDecimal) data.get(i).get(0);
        BigDecimal b = (BigDecimal) data.get(i).get(1);
        assertThat(columns.get(i)).as("%s %s %s", a, operator, b).isEqualTo(a == null ? null : DecimalComparison.holds(operator, a.compareTo(b)));
        assertThat(withLiteral.get(i)).isEqualTo(a == null ? null : DecimalComparison.holds(operator, a.compareTo(literalValue)));
      }
    }
    for (ColumnType target : targets) {
      List<Object> cast = values(new Cast(left, target), batch);
      for (int i = 0; i < rows; i++) {
        BigDecimal a = (BigDecimal) data.get(i).get(0);
        assertThat(cast.get(i)).as("%s as %s, %s", a, target, TestSeeds.describe(seed)).isEqualTo(a == null ? null : fitOrNull(a, target));
      }
    }
    // Integers into a wide decimal on 128 bits, at the limits of a long.
    ColumnType longs = ColumnType.LONG;
    Batch integers = Batch.fromRows(schema(longs), List.of(Arrays.asList(Long.MAX_VALUE), Arrays.asList(Long.MIN_VALUE), Arrays.asList(-1L)));
    assertThat(values(new Cast(new BoundReference(0, longs, true), ColumnType.decimal(38, 18)), integers)).containsExactly(
        new BigDecimal(Long.MAX_VALUE).setScale(18), new BigDecimal(Long.MIN_VALUE).setScale(18), BigDecimal.ONE.negate().setScale(18));
    assertThat(values(new Cast(new BoundReference(0, longs, true), ColumnType.decimal(20, 2)), integers)).containsExactly(null, null, new BigDecimal("-1.00"));
  }

  /**
   * Every pair of values at the 64-bit word boundaries (equal high words with low words on either
   * side of the sign bit, high words differing by one, equal values), column against column and
   * against each as a literal.
   */
  @Test
  void wideComparisonsAtWordBoundariesMatchBigDecimal() {
    ColumnType wide = ColumnType.decimal(38, 0);
    BigInteger twoTo64 = BigInteger.ONE.shiftLeft(64);
    List<BigInteger> unscaled = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE.negate(),
        BigInteger.valueOf(Long.MAX_VALUE), BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
        BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE), twoTo64, twoTo64.subtract(BigInteger.ONE),
        twoTo64.add(BigInteger.ONE), twoTo64.negate(), twoTo64.negate().add(BigInteger.ONE), twoTo64.negate().subtract(BigInteger.ONE),
        BigInteger.TEN.pow(38).subtract(BigInteger.ONE), BigInteger.TEN.pow(38).subtract(BigInteger.ONE).negate()));
    List<List<Object>> data = new ArrayList<>();
    for (BigInteger a : unscaled) {
      for (BigInteger b : unscaled) {
        data.add(Arrays.asList(new BigDecimal(a), new BigDecimal(b)));
      }
    }
    Batch batch = Batch.fromRows(schema(wide, wide), data);
    Expression left = new BoundReference(0, wide, true);
    Expression right = new BoundReference(1, wide, true);
    for (ComparisonOperator operator : ComparisonOperator.values()) {
      List<Object> columns = values(new Comparison(operator, left, right), batch);
      for (int i = 0; i < data.size(); i++) {
        BigDecimal a = (BigDecimal) data.get(i).get(0);
        BigDecimal b = (BigDecimal) data.get(i).get(1);
        assertThat(columns.get(i)).as("%s %s %s", a, operator, b).isEqualTo(DecimalComparison.holds(operator, a.compareTo(b)));
      }
      for (BigInteger literal : unscaled) {
        BigDecimal literalValue = new BigDecimal(literal);
        List<Object> withLiteral = values(new Comparison(operator, left, new Literal(literalValue, wide)), batch);
        for (int i = 0; i < data.size(); i++) {
          BigDecimal a = (BigDecimal) data.get(i).get(0);
          assertThat(withLiteral.get(i)).as("%s %s %s", a, operator, literalValue)
              .isEqualTo(DecimalComparison.holds(operator, a.compareTo(literalValue)));
        }
      }
    }
  }

  private static BigDecimal fitOrNull(BigDecimal value, ColumnType type) {
    BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
    return scaled.unscaledValue().abs().compareTo(BigInteger.TEN.pow(type.precision())) < 0 ? scaled : null;
  }

  private static List<Object> values(Expression expression, Batch batch) {
    ColumnVector vector = ExpressionCompiler.compile(expression).evaluate(batch);
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < batch.rowCount(); i++) {
      values.add(vector.getObject(i));
    }
    return values;
  }

  /** A DECIMAL(15,2) value of any size up to 15 digits, either sign; now and then the largest or null. */
  private static BigDecimal money(Random random) {
    int choice = random.nextInt(20);
    if (choice == 0) {
      return null;
    }
    long unscaled = choice == 1 ? 999_999_999_999_999L : random.nextLong(1, 1_000_000_000_000_000L) / (long) Math.pow(10, random.nextInt(14));
    return BigDecimal.valueOf(random.nextInt(4) == 0 ? -unscaled : unscaled, 2);
  }

  /** 1 to precision random digits, either sign, now and then the largest value. */
  private static BigDecimal value(Random random, ColumnType type) {
    BigInteger bound = BigInteger.TEN.pow(type.precision());
    BigInteger unscaled = random.nextInt(10) == 0
        ? bound.subtract(BigInteger.ONE)
        : new BigInteger(bound.bitLength() + 2, random).mod(BigInteger.TEN.pow(1 + random.nextInt(type.precision())));
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
