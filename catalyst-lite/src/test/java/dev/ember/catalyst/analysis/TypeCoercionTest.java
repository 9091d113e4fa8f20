package dev.ember.catalyst.analysis;

import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.cast;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.lit;
import static dev.ember.catalyst.TestPlans.plus;
import static dev.ember.catalyst.TestPlans.relation;
import static dev.ember.catalyst.TestPlans.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.core.expression.And;
import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.CaseWhen;
import dev.ember.core.expression.Cast;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.DateAdd;
import dev.ember.core.expression.DatePart;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.In;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.Round;
import dev.ember.core.expression.ToDate;
import dev.ember.core.expression.Upper;
import dev.ember.core.types.ColumnType;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TypeCoercionTest {
  private final Analyzer analyzer = new Analyzer();
  private final LocalRelation table =
      relation("i INT, l LONG, d DOUBLE, s STRING, b BOOLEAN, day DATE, ts TIMESTAMP");
  private final AttributeReference i = table.output().get(0);
  private final AttributeReference l = table.output().get(1);
  private final AttributeReference d = table.output().get(2);
  private final AttributeReference s = table.output().get(3);
  private final AttributeReference day = table.output().get(5);
  private final AttributeReference ts = table.output().get(6);

  private Expression resolve(UnresolvedExpression expression) {
    return analyzer.resolve(expression, table);
  }

  @Test
  void arithmeticWidensIntLongDouble() {
    assertThat(resolve(plus(col("i"), col("l"))))
        .isEqualTo(new Arithmetic(ArithmeticOperator.ADD, new Cast(i, ColumnType.LONG), l));
    assertThat(resolve(call("*", col("l"), col("d"))))
        .isEqualTo(new Arithmetic(ArithmeticOperator.MULTIPLY, new Cast(l, ColumnType.DOUBLE), d));
    assertThat(resolve(plus(col("i"), 1)).type()).isEqualTo(ColumnType.INT);
    // Widened constants are folded, not cast at run time.
    assertThat(resolve(plus(col("l"), 1))).isEqualTo(new Arithmetic(ArithmeticOperator.ADD, l, Literal.of(1L)));
    assertThat(resolve(plus(col("i"), 1.5))).isEqualTo(
        new Arithmetic(ArithmeticOperator.ADD, new Cast(i, ColumnType.DOUBLE), Literal.of(1.5)));
  }

  @Test
  void divisionIsAlwaysDouble() {
    assertThat(resolve(call("/", col("i"), lit(2)))).isEqualTo(
        new Arithmetic(ArithmeticOperator.DIVIDE, new Cast(i, ColumnType.DOUBLE), Literal.of(2.0)));
    assertThat(resolve(call("%", col("i"), col("l"))).type()).isEqualTo(ColumnType.LONG);
  }

  @Test
  void stringsInArithmeticAreDoubles() {
    assertThat(resolve(plus(lit("1"), 1))).isEqualTo(
        new Arithmetic(ArithmeticOperator.ADD, new Cast(Literal.of("1"), ColumnType.DOUBLE), Literal.of(1.0)));
    assertThat(resolve(call("-", col("s"), col("s"))).type()).isEqualTo(ColumnType.DOUBLE);
  }

  @Test
  void incompatibleOperandsNameOperatorExpressionAndTypes() {
    assertThatThrownBy(() -> resolve(plus(col("s"), col("day"))))
        .isInstanceOf(AnalysisFailure.class)
        .hasMessage("[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve \"(s + day)\" due to data type mismatch:"
            + " the left and right operands of the binary operator have incompatible types (\"STRING\" and \"DATE\").");
    assertThatThrownBy(() -> resolve(plus(col("b"), col("b"))))
        .hasMessage("[DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE] Cannot resolve \"(b + b)\" due to data type mismatch:"
            + " the binary operator requires the input type (\"NUMERIC\"), not \"BOOLEAN\".");
    assertThatThrownBy(() -> resolve(plus(col("b"), col("i"))))
        .hasMessageContaining("(\"BOOLEAN\" and \"INT\")");
    assertThatThrownBy(() -> resolve(eq(col("day"), col("i"))))
        .hasMessageContaining("Cannot resolve \"(day = i)\"")
        .hasMessageContaining("(\"DATE\" and \"INT\")");
  }

  @Test
  void dateArithmeticWithDaysIsDateAdd() {
    assertThat(resolve(plus(col("day"), 1))).isEqualTo(new DateAdd(day, Literal.of(1)));
    assertThat(resolve(plus(lit(1), col("day")))).isEqualTo(new DateAdd(day, Literal.of(1)));
    assertThat(resolve(call("-", col("day"), lit(2))).type()).isEqualTo(ColumnType.DATE);
  }

  @Test
  void comparisonsCastStringsToTheOtherSide() {
    assertThat(resolve(eq(col("s"), 1))).isEqualTo(
        new Comparison(ComparisonOperator.EQUAL, new Cast(s, ColumnType.INT), Literal.of(1)));
    assertThat(resolve(call("<", col("s"), col("day")))).isEqualTo(
        new Comparison(ComparisonOperator.LESS_THAN, new Cast(s, ColumnType.DATE), day));
    assertThat(resolve(call(">", col("ts"), col("s")))).isEqualTo(
        new Comparison(ComparisonOperator.GREATER_THAN, ts, new Cast(s, ColumnType.TIMESTAMP)));
    assertThat(resolve(eq(col("day"), col("ts")))).isEqualTo(
        new Comparison(ComparisonOperator.EQUAL, new Cast(day, ColumnType.TIMESTAMP), ts));
    assertThat(resolve(eq(col("i"), col("d")))).isEqualTo(
        new Comparison(ComparisonOperator.EQUAL, new Cast(i, ColumnType.DOUBLE), d));
  }

  @Test
  void nullsTakeTheOtherOperandsType() {
    assertThat(resolve(plus(col("i"), null))).isEqualTo(
        new Arithmetic(ArithmeticOperator.ADD, i, Literal.nullOf(ColumnType.INT)));
    assertThat(resolve(eq(col("day"), null))).isEqualTo(
        new Comparison(ComparisonOperator.EQUAL, day, Literal.nullOf(ColumnType.DATE)));
    assertThat(resolve(lit(null))).isEqualTo(Literal.nullOf(ColumnType.STRING));
    assertThat(resolve(cast(lit(null), ColumnType.DATE))).isEqualTo(Literal.nullOf(ColumnType.DATE));
    assertThat(resolve(call("coalesce", lit(null), col("l"))).type()).isEqualTo(ColumnType.LONG);
  }

  @Test
  void javaValuesBecomeTypedLiterals() {
    assertThat(resolve(lit(3))).isEqualTo(Literal.of(3));
    assertThat(resolve(lit(3L))).isEqualTo(Literal.of(3L));
    assertThat(resolve(lit((short) 3))).isEqualTo(Literal.of(3));
    assertThat(resolve(lit(1.1f))).isEqualTo(Literal.of(1.1));
    assertThat(resolve(lit(true))).isEqualTo(Literal.of(true));
    assertThat(resolve(lit(LocalDate.of(1970, 1, 11)))).isEqualTo(new Literal(10, ColumnType.DATE));
    assertThat(resolve(lit(java.sql.Date.valueOf("1970-01-02")))).isEqualTo(new Literal(1, ColumnType.DATE));
    assertThat(resolve(lit(Instant.ofEpochSecond(2, 5_000)))).isEqualTo(new Literal(2_000_005L, ColumnType.TIMESTAMP));
    assertThat(resolve(lit(java.sql.Timestamp.from(Instant.ofEpochMilli(3))))).isEqualTo(new Literal(3_000L, ColumnType.TIMESTAMP));
    assertThat(resolve(lit(new java.math.BigDecimal("1.50"))))
        .isEqualTo(new Literal(new java.math.BigDecimal("1.50"), ColumnType.decimal(3, 2)));
    assertThat(resolve(lit(new java.math.BigDecimal("0.001"))))
        .isEqualTo(new Literal(new java.math.BigDecimal("0.001"), ColumnType.decimal(3, 3)));
    assertThat(resolve(lit(new java.math.BigDecimal("1E+3"))))
        .isEqualTo(new Literal(new java.math.BigDecimal("1000"), ColumnType.decimal(4, 0)));
    assertThatThrownBy(() -> resolve(lit(new java.math.BigDecimal("1" + "0".repeat(38)))))
        .isInstanceOf(AnalysisFailure.class)
        .hasMessageContaining("needs more than 38 digits");
  }

  @Test
  void caseWhenCoalesceAndInUseTheWiderCommonType() {
    CaseWhen caseWhen = (CaseWhen) resolve(when(eq(col("i"), 1), col("l"), 0));
    assertThat(caseWhen.type()).isEqualTo(ColumnType.LONG);
    assertThat(caseWhen.otherwise()).isEqualTo(Literal.of(0L));
    CaseWhen noElse = (CaseWhen) resolve(when(eq(col("i"), 1), col("day"), null));
    assertThat(noElse.otherwise()).isEqualTo(Literal.nullOf(ColumnType.DATE));
    assertThat(resolve(call("coalesce", col("day"), col("ts"))).type()).isEqualTo(ColumnType.TIMESTAMP);
    assertThat(resolve(call("coalesce", col("i"), col("s"))).type()).isEqualTo(ColumnType.STRING);
    In in = (In) resolve(call("in", col("i"), lit(1), lit(2L)));
    assertThat(in.value()).isEqualTo(new Cast(i, ColumnType.LONG));
    assertThat(in.list()).containsExactly(Literal.of(1L), Literal.of(2L));
    assertThatThrownBy(() -> resolve(when(eq(col("i"), 1), col("b"), 1)))
        .hasMessage("[DATATYPE_MISMATCH.DATA_DIFF_TYPES] Cannot resolve \"CASE WHEN (i = 1) THEN b ELSE 1 END\" due to"
            + " data type mismatch: Input to `casewhen` should all be the same type, but it's [\"BOOLEAN\", \"INT\"].");
    assertThatThrownBy(() -> resolve(when(col("i"), 1, 2)))
        .hasMessageContaining("Parameter 1 requires the \"BOOLEAN\" type, however \"i\" has the type \"INT\".");
  }

  @Test
  void betweenIsTwoComparisons() {
    assertThat(resolve(call("between", col("i"), lit(1), lit(5L)))).isEqualTo(new And(
        new Comparison(ComparisonOperator.GREATER_THAN_OR_EQUAL, i, Literal.of(1)),
        new Comparison(ComparisonOperator.LESS_THAN_OR_EQUAL, new Cast(i, ColumnType.LONG), Literal.of(5L))));
  }

  @Test
  void logicalOperatorsNeedBooleans() {
    assertThat(resolve(call("and", col("b"), lit(null))).type()).isEqualTo(ColumnType.BOOLEAN);
    assertThatThrownBy(() -> resolve(call("or", col("b"), col("i"))))
        .hasMessage("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"(b OR i)\" due to data type mismatch:"
            + " Parameter 2 requires the \"BOOLEAN\" type, however \"i\" has the type \"INT\".");
    assertThatThrownBy(() -> resolve(call("not", col("d")))).hasMessageContaining("\"(NOT d)\"");
  }

  @Test
  void stringFunctionsCastTheirArgumentsToString() {
    assertThat(resolve(call("upper", col("i")))).isEqualTo(new Upper(new Cast(i, ColumnType.STRING)));
    assertThat(resolve(call("concat", col("s"), col("i"), col("day"))).type()).isEqualTo(ColumnType.STRING);
    assertThat(resolve(call("like", col("s"), lit("a%"))).type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(resolve(call("startswith", col("i"), lit("1"))).type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(resolve(call("length", col("s"))).type()).isEqualTo(ColumnType.INT);
    assertThat(resolve(call("substring", col("s"), lit(2), lit(3))).type()).isEqualTo(ColumnType.STRING);
  }

  @Test
  void numericFunctionsKeepTheirType() {
    assertThat(resolve(call("abs", col("l"))).type()).isEqualTo(ColumnType.LONG);
    assertThat(resolve(call("round", col("i")))).isEqualTo(new Round(i, 0));
    assertThat(resolve(call("round", col("d"), lit(-1)))).isEqualTo(new Round(d, -1));
    assertThat(resolve(call("abs", col("s"))).type()).isEqualTo(ColumnType.DOUBLE);
    assertThatThrownBy(() -> resolve(call("abs", col("day"))))
        .hasMessageContaining("Parameter 1 requires the \"NUMERIC\" type, however \"day\" has the type \"DATE\".");
  }

  @Test
  void dateFunctionsAcceptDatesTimestampsAndStrings() {
    assertThat(resolve(call("year", col("day")))).isEqualTo(new DatePart(dev.ember.core.expression.DateField.YEAR, day));
    assertThat(resolve(call("month", col("ts")))).isEqualTo(
        new DatePart(dev.ember.core.expression.DateField.MONTH, new Cast(ts, ColumnType.DATE)));
    assertThat(resolve(call("dayofmonth", col("s"))).type()).isEqualTo(ColumnType.INT);
    assertThat(resolve(call("date_add", col("s"), lit(3)))).isEqualTo(
        new DateAdd(new Cast(s, ColumnType.DATE), Literal.of(3)));
    assertThat(resolve(call("to_date", col("s"), lit("dd/MM/yyyy")))).isEqualTo(new ToDate(s, "dd/MM/yyyy"));
    assertThat(resolve(call("to_date", col("ts")))).isEqualTo(new ToDate(ts, null));
    assertThatThrownBy(() -> resolve(call("year", col("i")))).hasMessageContaining("requires the \"DATE\" type");
    assertThatThrownBy(() -> resolve(call("date_add", col("day"), col("l")))).hasMessageContaining("requires the \"INT\" type");
    assertThatThrownBy(() -> resolve(call("to_date", col("i")))).hasMessageContaining("\"INT\"");
  }

  @Test
  void explicitCastsFollowSparksCastRules() {
    assertThat(resolve(cast(col("s"), ColumnType.INT))).isEqualTo(new Cast(s, ColumnType.INT));
    assertThat(resolve(cast(col("i"), ColumnType.INT))).isEqualTo(i);
    assertThat(resolve(cast(col("ts"), ColumnType.DATE)).type()).isEqualTo(ColumnType.DATE);
    assertThat(resolve(cast(col("b"), ColumnType.INT)).type()).isEqualTo(ColumnType.INT);
    assertThatThrownBy(() -> resolve(cast(col("day"), ColumnType.INT)))
        .hasMessage("[DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION] Cannot resolve \"CAST(day AS INT)\" due to data type"
            + " mismatch: cannot cast \"DATE\" to \"INT\".");
  }

  @Test
  void sortKeysOutsideSortFail() {
    assertThatThrownBy(() -> resolve(dev.ember.catalyst.TestPlans.desc(col("i"))))
        .hasMessageContaining("Sort directions are only allowed in orderBy/sort");
  }
}
