package dev.ember.core.expression.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.expression.Abs;
import dev.ember.core.expression.And;
import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.CaseWhen;
import dev.ember.core.expression.Cast;
import dev.ember.core.expression.Coalesce;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Concat;
import dev.ember.core.expression.DateAdd;
import dev.ember.core.expression.DateField;
import dev.ember.core.expression.DatePart;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.In;
import dev.ember.core.expression.IsNotNull;
import dev.ember.core.expression.IsNull;
import dev.ember.core.expression.Length;
import dev.ember.core.expression.Like;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.Lower;
import dev.ember.core.expression.Not;
import dev.ember.core.expression.Or;
import dev.ember.core.expression.Round;
import dev.ember.core.expression.StringMatch;
import dev.ember.core.expression.StringMatchOperator;
import dev.ember.core.expression.Substring;
import dev.ember.core.expression.ToDate;
import dev.ember.core.expression.Upper;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Hand-written cases with the answers Spark 3.5 gives (non-ANSI, UTC). Each case runs with its
 * operands as literals and as columns, so the scalar specializations and the column kernels
 * must agree with Spark alike.
 */
class SparkSemanticsTest {

  /** The value of {@code make(operand)} with the operand as a literal and as a column, which must agree. */
  private static Object unary(Function<Expression, Expression> make, ColumnType type, Object operand) {
    return evaluateAllShapes(operands -> make.apply(operands.get(0)), List.of(type), Arrays.asList(operand));
  }

  private static Object binary(BiFunction<Expression, Expression, Expression> make, ColumnType type, Object left, Object right) {
    return evaluateAllShapes(
        operands -> make.apply(operands.get(0), operands.get(1)), List.of(type, type), Arrays.asList(left, right));
  }

  /** Evaluates with every combination of literal and column operands, checks they agree, returns the value. */
  private static Object evaluateAllShapes(Function<List<Expression>, Expression> make, List<ColumnType> types, List<Object> values) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      fields.add(Field.of("c" + i, types.get(i)));
    }
    Batch batch = Batch.fromRows(new Schema(fields), List.of(values));
    Object first = null;
    for (int mask = 0; mask < 1 << types.size(); mask++) {
      List<Expression> operands = new ArrayList<>();
      for (int i = 0; i < types.size(); i++) {
        operands.add((mask & (1 << i)) != 0
            ? new BoundReference(i, types.get(i), true)
            : new Literal(values.get(i), types.get(i)));
      }
      Expression expression = make.apply(operands);
      Object value = ExpressionCompiler.compile(expression).evaluate(batch).getObject(0);
      if (mask == 0) {
        first = value;
      } else {
        assertThat(DifferentialCheck.same(first, value)).as("%s gives %s, the all-literal form %s", expression, value, first).isTrue();
      }
    }
    return first;
  }

  private static Object cast(Object value, ColumnType from, ColumnType to) {
    return unary(child -> new Cast(child, to), from, value);
  }

  private static int day(String isoDate) {
    return (int) LocalDate.parse(isoDate).toEpochDay();
  }

  @Test
  void stringToNumberCastsTruncateAndRejectLikeSpark() {
    assertThat(cast("3.7", ColumnType.STRING, ColumnType.INT)).isEqualTo(3);
    assertThat(cast("-3.7", ColumnType.STRING, ColumnType.INT)).isEqualTo(-3);
    assertThat(cast(" 12 ", ColumnType.STRING, ColumnType.INT)).isEqualTo(12);
    assertThat(cast("abc", ColumnType.STRING, ColumnType.INT)).isNull();
    assertThat(cast("", ColumnType.STRING, ColumnType.INT)).isNull();
    assertThat(cast("1e5", ColumnType.STRING, ColumnType.INT)).isNull();
    assertThat(cast("2147483648", ColumnType.STRING, ColumnType.INT)).isNull();
    assertThat(cast("-2147483648", ColumnType.STRING, ColumnType.INT)).isEqualTo(Integer.MIN_VALUE);
    assertThat(cast("2147483648", ColumnType.STRING, ColumnType.LONG)).isEqualTo(2147483648L);
    assertThat(cast("9223372036854775808", ColumnType.STRING, ColumnType.LONG)).isNull();
    assertThat(cast("-9223372036854775808.9", ColumnType.STRING, ColumnType.LONG)).isEqualTo(Long.MIN_VALUE);
    assertThat(cast("5.", ColumnType.STRING, ColumnType.INT)).isEqualTo(5);
    assertThat(cast("-", ColumnType.STRING, ColumnType.INT)).isNull();
    assertThat(cast("1e5", ColumnType.STRING, ColumnType.DOUBLE)).isEqualTo(100000.0);
    assertThat(cast(" -inf ", ColumnType.STRING, ColumnType.DOUBLE)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(cast("NaN", ColumnType.STRING, ColumnType.DOUBLE)).isEqualTo(Double.NaN);
    assertThat(cast("1.5x", ColumnType.STRING, ColumnType.DOUBLE)).isNull();
  }

  @Test
  void numericCastsWrapTruncateAndSaturate() {
    assertThat(cast(3_000_000_000L, ColumnType.LONG, ColumnType.INT)).isEqualTo(-1_294_967_296);
    assertThat(cast(3.9e10, ColumnType.DOUBLE, ColumnType.INT)).isEqualTo(Integer.MAX_VALUE);
    assertThat(cast(-3.9e30, ColumnType.DOUBLE, ColumnType.LONG)).isEqualTo(Long.MIN_VALUE);
    assertThat(cast(Double.NaN, ColumnType.DOUBLE, ColumnType.INT)).isEqualTo(0);
    assertThat(cast(-3.9, ColumnType.DOUBLE, ColumnType.INT)).isEqualTo(-3);
    assertThat(cast(2.0, ColumnType.DOUBLE, ColumnType.BOOLEAN)).isEqualTo(true);
    assertThat(cast(Double.NaN, ColumnType.DOUBLE, ColumnType.BOOLEAN)).isEqualTo(true);
    assertThat(cast(0, ColumnType.INT, ColumnType.BOOLEAN)).isEqualTo(false);
    assertThat(cast(true, ColumnType.BOOLEAN, ColumnType.INT)).isEqualTo(1);
    assertThat(cast(true, ColumnType.BOOLEAN, ColumnType.DOUBLE)).isEqualTo(1.0);
    assertThat(cast(7, ColumnType.INT, ColumnType.INT)).isEqualTo(7);
  }

  @Test
  void stringToBooleanAcceptsSparkWords() {
    for (String yes : List.of("t", "TRUE", " yes ", "Y", "1")) {
      assertThat(cast(yes, ColumnType.STRING, ColumnType.BOOLEAN)).as(yes).isEqualTo(true);
    }
    for (String no : List.of("f", "False", "no", "N", "0")) {
      assertThat(cast(no, ColumnType.STRING, ColumnType.BOOLEAN)).as(no).isEqualTo(false);
    }
    for (String neither : List.of("maybe", "", "2", "on")) {
      assertThat(cast(neither, ColumnType.STRING, ColumnType.BOOLEAN)).as(neither).isNull();
    }
  }

  @Test
  void numbersPrintAsSparkPrintsThem() {
    assertThat(cast(1.0, ColumnType.DOUBLE, ColumnType.STRING)).isEqualTo("1.0");
    assertThat(cast(1.0e10, ColumnType.DOUBLE, ColumnType.STRING)).isEqualTo("1.0E10");
    assertThat(cast(-0.0, ColumnType.DOUBLE, ColumnType.STRING)).isEqualTo("-0.0");
    assertThat(cast(0.001, ColumnType.DOUBLE, ColumnType.STRING)).isEqualTo("0.001");
    assertThat(cast(Double.NaN, ColumnType.DOUBLE, ColumnType.STRING)).isEqualTo("NaN");
    assertThat(cast(false, ColumnType.BOOLEAN, ColumnType.STRING)).isEqualTo("false");
    assertThat(cast(Long.MIN_VALUE, ColumnType.LONG, ColumnType.STRING)).isEqualTo("-9223372036854775808");
  }

  @Test
  void datesAndTimestampsConvertInUtc() {
    assertThat(cast("2020-01-05 12:00:00", ColumnType.STRING, ColumnType.DATE)).isEqualTo(day("2020-01-05"));
    assertThat(cast("2020-1-5", ColumnType.STRING, ColumnType.DATE)).isEqualTo(day("2020-01-05"));
    assertThat(cast("2020", ColumnType.STRING, ColumnType.DATE)).isEqualTo(day("2020-01-01"));
    assertThat(cast("2020-02-30", ColumnType.STRING, ColumnType.DATE)).isNull();
    assertThat(cast("2020-01-05x", ColumnType.STRING, ColumnType.DATE)).isNull();
    assertThat(cast(day("2020-02-29"), ColumnType.DATE, ColumnType.STRING)).isEqualTo("2020-02-29");
    assertThat(cast(day("1969-12-31"), ColumnType.DATE, ColumnType.TIMESTAMP)).isEqualTo(-86_400_000_000L);

    assertThat(cast("2020-01-05 12:30:45.120", ColumnType.STRING, ColumnType.TIMESTAMP))
        .isEqualTo(1_578_227_445_120_000L);
    assertThat(cast("2020-01-05T12:30:45+01:00", ColumnType.STRING, ColumnType.TIMESTAMP))
        .isEqualTo(1_578_223_845_000_000L);
    assertThat(cast(1_578_227_445_120_000L, ColumnType.TIMESTAMP, ColumnType.STRING)).isEqualTo("2020-01-05 12:30:45.12");
    assertThat(cast(0L, ColumnType.TIMESTAMP, ColumnType.STRING)).isEqualTo("1970-01-01 00:00:00");
    assertThat(cast(-1L, ColumnType.TIMESTAMP, ColumnType.STRING)).isEqualTo("1969-12-31 23:59:59.999999");
    assertThat(cast(-1L, ColumnType.TIMESTAMP, ColumnType.DATE)).isEqualTo(-1);
    assertThat(cast(-1L, ColumnType.TIMESTAMP, ColumnType.LONG)).isEqualTo(-1L);
    assertThat(cast(1_500_000L, ColumnType.TIMESTAMP, ColumnType.DOUBLE)).isEqualTo(1.5);
    assertThat(cast(1.5, ColumnType.DOUBLE, ColumnType.TIMESTAMP)).isEqualTo(1_500_000L);
    assertThat(cast(Double.NaN, ColumnType.DOUBLE, ColumnType.TIMESTAMP)).isNull();
    assertThat(cast(60, ColumnType.INT, ColumnType.TIMESTAMP)).isEqualTo(60_000_000L);
    assertThat(cast(Long.MAX_VALUE, ColumnType.LONG, ColumnType.TIMESTAMP)).isEqualTo(Long.MAX_VALUE);
    assertThat(cast(day("2020-01-05"), ColumnType.DATE, ColumnType.INT)).isNull();
  }

  @Test
  void arithmeticWrapsAndDividesByZeroToNull() {
    BiFunction<Expression, Expression, Expression> divide = (l, r) -> new Arithmetic(ArithmeticOperator.DIVIDE, l, r);
    BiFunction<Expression, Expression, Expression> remainder = (l, r) -> new Arithmetic(ArithmeticOperator.REMAINDER, l, r);
    BiFunction<Expression, Expression, Expression> add = (l, r) -> new Arithmetic(ArithmeticOperator.ADD, l, r);
    assertThat(binary(divide, ColumnType.DOUBLE, 7.0, 0.0)).isNull();
    assertThat(binary(divide, ColumnType.DOUBLE, 7.0, -0.0)).isNull();
    assertThat(binary(divide, ColumnType.DOUBLE, 7.0, 2.0)).isEqualTo(3.5);
    assertThat(binary(remainder, ColumnType.INT, 7, 0)).isNull();
    assertThat(binary(remainder, ColumnType.LONG, 7L, 0L)).isNull();
    assertThat(binary(remainder, ColumnType.DOUBLE, 7.5, 0.0)).isNull();
    assertThat(binary(remainder, ColumnType.INT, -7, 3)).isEqualTo(-1);
    assertThat(binary(remainder, ColumnType.INT, 7, -3)).isEqualTo(1);
    assertThat(binary(remainder, ColumnType.DOUBLE, -7.5, 2.0)).isEqualTo(-1.5);
    assertThat(binary(add, ColumnType.INT, Integer.MAX_VALUE, 1)).isEqualTo(Integer.MIN_VALUE);
    assertThat(binary(add, ColumnType.LONG, Long.MAX_VALUE, 1L)).isEqualTo(Long.MIN_VALUE);
    assertThat(binary(add, ColumnType.INT, 1, null)).isNull();
    assertThat(binary((l, r) -> new Arithmetic(ArithmeticOperator.MULTIPLY, l, r), ColumnType.DOUBLE, Double.NaN, 0.0))
        .isEqualTo(Double.NaN);
  }

  @Test
  void comparisonsOrderDoublesAsSpark() {
    BiFunction<Expression, Expression, Expression> equal = (l, r) -> new Comparison(ComparisonOperator.EQUAL, l, r);
    BiFunction<Expression, Expression, Expression> less = (l, r) -> new Comparison(ComparisonOperator.LESS_THAN, l, r);
    assertThat(binary(equal, ColumnType.DOUBLE, Double.NaN, Double.NaN)).isEqualTo(true);
    assertThat(binary(equal, ColumnType.DOUBLE, -0.0, 0.0)).isEqualTo(true);
    assertThat(binary(less, ColumnType.DOUBLE, -0.0, 0.0)).isEqualTo(false);
    assertThat(binary(less, ColumnType.DOUBLE, Double.POSITIVE_INFINITY, Double.NaN)).isEqualTo(true);
    assertThat(binary(less, ColumnType.DOUBLE, Double.NaN, 1.0)).isEqualTo(false);
    assertThat(binary(less, ColumnType.STRING, "a", "ab")).isEqualTo(true);
    assertThat(binary(less, ColumnType.BOOLEAN, false, true)).isEqualTo(true);
    assertThat(binary(equal, ColumnType.INT, null, 1)).isNull();
    assertThat(binary((l, r) -> new Comparison(ComparisonOperator.GREATER_THAN_OR_EQUAL, l, r), ColumnType.TIMESTAMP, 5L, 5L))
        .isEqualTo(true);
  }

  @Test
  void threeValuedLogic() {
    BiFunction<Expression, Expression, Expression> and = And::new;
    BiFunction<Expression, Expression, Expression> or = Or::new;
    assertThat(binary(and, ColumnType.BOOLEAN, null, false)).isEqualTo(false);
    assertThat(binary(and, ColumnType.BOOLEAN, false, null)).isEqualTo(false);
    assertThat(binary(and, ColumnType.BOOLEAN, null, true)).isNull();
    assertThat(binary(and, ColumnType.BOOLEAN, true, true)).isEqualTo(true);
    assertThat(binary(or, ColumnType.BOOLEAN, null, true)).isEqualTo(true);
    assertThat(binary(or, ColumnType.BOOLEAN, null, false)).isNull();
    assertThat(binary(or, ColumnType.BOOLEAN, false, false)).isEqualTo(false);
    assertThat(unary(Not::new, ColumnType.BOOLEAN, null)).isNull();
    assertThat(unary(Not::new, ColumnType.BOOLEAN, true)).isEqualTo(false);
    assertThat(unary(IsNull::new, ColumnType.INT, null)).isEqualTo(true);
    assertThat(unary(IsNotNull::new, ColumnType.INT, null)).isEqualTo(false);
    assertThat(unary(IsNull::new, ColumnType.STRING, "")).isEqualTo(false);
  }

  @Test
  void inFollowsSqlNullRules() {
    assertThat(evaluateAllShapes(operands -> new In(operands.get(0), operands.subList(1, 3)),
        List.of(ColumnType.INT, ColumnType.INT, ColumnType.INT), Arrays.asList(1, 2, null))).isNull();
    assertThat(evaluateAllShapes(operands -> new In(operands.get(0), operands.subList(1, 3)),
        List.of(ColumnType.INT, ColumnType.INT, ColumnType.INT), Arrays.asList(1, 1, null))).isEqualTo(true);
    assertThat(evaluateAllShapes(operands -> new In(operands.get(0), operands.subList(1, 3)),
        List.of(ColumnType.INT, ColumnType.INT, ColumnType.INT), Arrays.asList(1, 2, 3))).isEqualTo(false);
    assertThat(evaluateAllShapes(operands -> new In(operands.get(0), operands.subList(1, 2)),
        List.of(ColumnType.INT, ColumnType.INT), Arrays.asList(null, 1))).isNull();
    assertThat(evaluateAllShapes(operands -> new In(operands.get(0), operands.subList(1, 3)),
        List.of(ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE), Arrays.asList(Double.NaN, 1.0, Double.NaN)))
        .isEqualTo(true);
    assertThat(evaluateAllShapes(operands -> new In(operands.get(0), operands.subList(1, 2)),
        List.of(ColumnType.DOUBLE, ColumnType.DOUBLE), Arrays.asList(0.0, -0.0))).isEqualTo(true);
    assertThat(evaluateAllShapes(operands -> new In(operands.get(0), operands.subList(1, 3)),
        List.of(ColumnType.STRING, ColumnType.STRING, ColumnType.STRING), Arrays.asList("b", "a", "b"))).isEqualTo(true);
  }

  @Test
  void conditionalsTakeTheFirstTrueBranchAndTheFirstNonNull() {
    assertThat(evaluateAllShapes(operands -> new Coalesce(operands),
        List.of(ColumnType.INT, ColumnType.INT, ColumnType.INT), Arrays.asList(null, null, 3))).isEqualTo(3);
    assertThat(evaluateAllShapes(operands -> new Coalesce(operands),
        List.of(ColumnType.STRING, ColumnType.STRING), Arrays.asList(null, null))).isNull();
    assertThat(evaluateAllShapes(
        operands -> new CaseWhen(List.of(operands.get(0), operands.get(1)), List.of(operands.get(2), operands.get(3)),
            operands.get(4)),
        List.of(ColumnType.BOOLEAN, ColumnType.BOOLEAN, ColumnType.STRING, ColumnType.STRING, ColumnType.STRING),
        Arrays.asList(null, true, "first", "second", "else"))).isEqualTo("second");
    assertThat(evaluateAllShapes(
        operands -> new CaseWhen(List.of(operands.get(0)), List.of(operands.get(1)), operands.get(2)),
        List.of(ColumnType.BOOLEAN, ColumnType.DOUBLE, ColumnType.DOUBLE), Arrays.asList(false, 1.0, null))).isNull();
  }

  @Test
  void stringFunctionsCountCodePoints() {
    assertThat(unary(child -> new Substring(child, -3, 2), ColumnType.STRING, "Spark SQL")).isEqualTo("SQ");
    assertThat(unary(child -> new Substring(child, 0, 5), ColumnType.STRING, "Spark SQL")).isEqualTo("Spark");
    assertThat(unary(child -> new Substring(child, 1, 5), ColumnType.STRING, "Spark SQL")).isEqualTo("Spark");
    assertThat(unary(child -> new Substring(child, 5, -1), ColumnType.STRING, "Spark SQL")).isEqualTo("");
    assertThat(unary(child -> new Substring(child, -100, 3), ColumnType.STRING, "Spark SQL")).isEqualTo("");
    assertThat(unary(child -> new Substring(child, -10, 3), ColumnType.STRING, "Spark SQL")).isEqualTo("Sp");
    assertThat(unary(child -> new Substring(child, 2, 1), ColumnType.STRING, "a😀b")).isEqualTo("😀");
    assertThat(unary(child -> new Substring(child, 7, Integer.MAX_VALUE), ColumnType.STRING, "Spark SQL")).isEqualTo("SQL");
    assertThat(unary(Length::new, ColumnType.STRING, "a😀b")).isEqualTo(3);
    assertThat(unary(Length::new, ColumnType.STRING, "")).isEqualTo(0);
    assertThat(unary(Upper::new, ColumnType.STRING, "straße")).isEqualTo("STRASSE");
    assertThat(unary(Lower::new, ColumnType.STRING, "ÀB")).isEqualTo("àb");
    assertThat(binary((l, r) -> new Concat(List.of(l, r)), ColumnType.STRING, "a", null)).isNull();
    assertThat(binary((l, r) -> new Concat(List.of(l, r)), ColumnType.STRING, "a", "😀")).isEqualTo("a😀");
    assertThat(binary((l, r) -> new StringMatch(StringMatchOperator.CONTAINS, l, r), ColumnType.STRING, "abc", ""))
        .isEqualTo(true);
    assertThat(binary((l, r) -> new StringMatch(StringMatchOperator.STARTS_WITH, l, r), ColumnType.STRING, "abc", "ab"))
        .isEqualTo(true);
    assertThat(binary((l, r) -> new StringMatch(StringMatchOperator.ENDS_WITH, l, r), ColumnType.STRING, "abc", "ab"))
        .isEqualTo(false);
  }

  @Test
  void likeMatchesWholeStringsWithEscapes() {
    assertThat(unary(child -> new Like(child, "a%"), ColumnType.STRING, "abc")).isEqualTo(true);
    assertThat(unary(child -> new Like(child, "a"), ColumnType.STRING, "abc")).isEqualTo(false);
    assertThat(unary(child -> new Like(child, "a\\_c"), ColumnType.STRING, "a_c")).isEqualTo(true);
    assertThat(unary(child -> new Like(child, "a\\_c"), ColumnType.STRING, "abc")).isEqualTo(false);
    assertThat(unary(child -> new Like(child, "a_c"), ColumnType.STRING, "abc")).isEqualTo(true);
    assertThat(unary(child -> new Like(child, "a_b"), ColumnType.STRING, "a\nb")).isEqualTo(true);
    assertThat(unary(child -> new Like(child, "_"), ColumnType.STRING, "😀")).isEqualTo(true);
    assertThat(unary(child -> new Like(child, "100\\%"), ColumnType.STRING, "100%")).isEqualTo(true);
    assertThat(unary(child -> new Like(child, "%.*%"), ColumnType.STRING, "a.*b")).isEqualTo(true);
    assertThat(unary(child -> new Like(child, "%.*%"), ColumnType.STRING, "ab")).isEqualTo(false);
    assertThat(unary(child -> new Like(child, "%"), ColumnType.STRING, null)).isNull();
  }

  @Test
  void roundIsHalfUpThroughDecimals() {
    assertThat(unary(child -> new Round(child, 0), ColumnType.DOUBLE, 2.5)).isEqualTo(3.0);
    assertThat(unary(child -> new Round(child, 0), ColumnType.DOUBLE, -2.5)).isEqualTo(-3.0);
    assertThat(unary(child -> new Round(child, 2), ColumnType.DOUBLE, 1.005)).isEqualTo(1.01);
    assertThat(unary(child -> new Round(child, -1), ColumnType.DOUBLE, 15.0)).isEqualTo(20.0);
    assertThat(unary(child -> new Round(child, 0), ColumnType.DOUBLE, -0.4)).isEqualTo(0.0);
    assertThat(unary(child -> new Round(child, 0), ColumnType.DOUBLE, Double.NaN)).isEqualTo(Double.NaN);
    assertThat(unary(child -> new Round(child, 3), ColumnType.DOUBLE, Double.NEGATIVE_INFINITY))
        .isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(unary(child -> new Round(child, -2), ColumnType.INT, 1234)).isEqualTo(1200);
    assertThat(unary(child -> new Round(child, -2), ColumnType.INT, 1250)).isEqualTo(1300);
    assertThat(unary(child -> new Round(child, -2), ColumnType.INT, -1250)).isEqualTo(-1300);
    assertThat(unary(child -> new Round(child, 2), ColumnType.INT, 1234)).isEqualTo(1234);
    assertThat(unary(child -> new Round(child, -1), ColumnType.LONG, Long.MAX_VALUE)).isEqualTo(-9223372036854775806L);
    assertThat(unary(Abs::new, ColumnType.INT, Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
    assertThat(unary(Abs::new, ColumnType.DOUBLE, -0.0)).isEqualTo(0.0);
  }

  @Test
  void dateFunctions() {
    assertThat(unary(child -> new DatePart(DateField.YEAR, child), ColumnType.DATE, day("2020-02-29"))).isEqualTo(2020);
    assertThat(unary(child -> new DatePart(DateField.MONTH, child), ColumnType.DATE, day("2020-02-29"))).isEqualTo(2);
    assertThat(unary(child -> new DatePart(DateField.DAY_OF_MONTH, child), ColumnType.DATE, day("2020-02-29")))
        .isEqualTo(29);
    assertThat(unary(child -> new DatePart(DateField.YEAR, child), ColumnType.DATE, -1)).isEqualTo(1969);
    assertThat(evaluateAllShapes(operands -> new DateAdd(operands.get(0), operands.get(1)),
        List.of(ColumnType.DATE, ColumnType.INT), Arrays.asList(day("2020-02-28"), 1))).isEqualTo(day("2020-02-29"));
    assertThat(evaluateAllShapes(operands -> new DateAdd(operands.get(0), operands.get(1)),
        List.of(ColumnType.DATE, ColumnType.INT), Arrays.asList(day("2021-02-28"), 1))).isEqualTo(day("2021-03-01"));
    assertThat(evaluateAllShapes(operands -> new DateAdd(operands.get(0), operands.get(1)),
        List.of(ColumnType.DATE, ColumnType.INT), Arrays.asList(day("2021-03-01"), -366))).isEqualTo(day("2020-02-29"));
    assertThat(unary(child -> new ToDate(child, null), ColumnType.STRING, "2020-01-05 12:00:00")).isEqualTo(day("2020-01-05"));
    assertThat(unary(child -> new ToDate(child, null), ColumnType.TIMESTAMP, -1L)).isEqualTo(-1);
    assertThat(unary(child -> new ToDate(child, "dd/MM/yyyy"), ColumnType.STRING, "05/01/2020")).isEqualTo(day("2020-01-05"));
    assertThat(unary(child -> new ToDate(child, "dd/MM/yyyy"), ColumnType.STRING, "31/02/2020")).isNull();
    assertThat(unary(child -> new ToDate(child, "dd/MM/yyyy"), ColumnType.STRING, "05/01/2020 extra")).isNull();
    assertThat(unary(child -> new ToDate(child, "yyyy"), ColumnType.STRING, "2020")).isEqualTo(day("2020-01-01"));
    assertThat(unary(child -> new ToDate(child, "MMM d, yyyy"), ColumnType.STRING, "jan 5, 2020")).isEqualTo(day("2020-01-05"));
    assertThat(unary(child -> new ToDate(child, "yyyy-MM-dd'T'HH:mm"), ColumnType.STRING, "2020-01-05T23:59"))
        .isEqualTo(day("2020-01-05"));
  }
}
