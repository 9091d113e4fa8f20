package dev.ember.sql;

import static dev.ember.sql.functions.abs;
import static dev.ember.sql.functions.avg;
import static dev.ember.sql.functions.coalesce;
import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.concat;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.countDistinct;
import static dev.ember.sql.functions.date_add;
import static dev.ember.sql.functions.dayofmonth;
import static dev.ember.sql.functions.first;
import static dev.ember.sql.functions.length;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.lower;
import static dev.ember.sql.functions.max;
import static dev.ember.sql.functions.min;
import static dev.ember.sql.functions.month;
import static dev.ember.sql.functions.not;
import static dev.ember.sql.functions.round;
import static dev.ember.sql.functions.substring;
import static dev.ember.sql.functions.sum;
import static dev.ember.sql.functions.to_date;
import static dev.ember.sql.functions.upper;
import static dev.ember.sql.functions.when;
import static dev.ember.sql.functions.year;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.expression.UnresolvedExpression.CastTo;
import dev.ember.catalyst.expression.UnresolvedExpression.FunctionCall;
import dev.ember.catalyst.expression.UnresolvedExpression.LiteralValue;
import dev.ember.catalyst.expression.UnresolvedExpression.SortKey;
import dev.ember.core.types.ColumnType;
import dev.ember.sql.types.DataTypes;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnTest {
  private final Column a = col("a");

  @Test
  void comparisonsAndArithmeticRenderLikeSpark() {
    assertThat(a.gt(1).toString()).isEqualTo("(a > 1)");
    assertThat(a.geq(1).toString()).isEqualTo("(a >= 1)");
    assertThat(a.lt(col("b")).toString()).isEqualTo("(a < b)");
    assertThat(a.leq(2.5).toString()).isEqualTo("(a <= 2.5)");
    assertThat(a.equalTo("x").toString()).isEqualTo("(a = x)");
    assertThat(a.notEqual(1).toString()).isEqualTo("(NOT (a = 1))");
    assertThat(a.plus(1).multiply(col("b")).toString()).isEqualTo("((a + 1) * b)");
    assertThat(a.minus(1).divide(2).mod(3).toString()).isEqualTo("(((a - 1) / 2) % 3)");
    assertThat(a.gt(1).and(col("b").isNull()).or(col("c").isNotNull()).toString())
        .isEqualTo("(((a > 1) AND (b IS NULL)) OR (c IS NOT NULL))");
    assertThat(a.isin(1, 2, 3).toString()).isEqualTo("(a IN (1, 2, 3))");
    assertThat(a.between(1, 5).toString()).isEqualTo("((a >= 1) AND (a <= 5))");
  }

  @Test
  void stringFunctionsRenderLikeSpark() {
    assertThat(a.like("x%").toString()).isEqualTo("a LIKE x%");
    assertThat(a.startsWith("x").toString()).isEqualTo("startswith(a, x)");
    assertThat(a.endsWith("x").toString()).isEqualTo("endswith(a, x)");
    assertThat(a.contains("x").toString()).isEqualTo("contains(a, x)");
    assertThat(upper(a).toString()).isEqualTo("upper(a)");
    assertThat(lower(a).toString()).isEqualTo("lower(a)");
    assertThat(length(a).toString()).isEqualTo("length(a)");
    assertThat(concat(a, col("b")).toString()).isEqualTo("concat(a, b)");
    assertThat(substring(a, 1, 3).toString()).isEqualTo("substring(a, 1, 3)");
  }

  @Test
  void aggregatesAndFunctionsRenderLikeSpark() {
    assertThat(sum(a).toString()).isEqualTo("sum(a)");
    assertThat(avg("a").toString()).isEqualTo("avg(a)");
    assertThat(min(a).toString()).isEqualTo("min(a)");
    assertThat(max(a).toString()).isEqualTo("max(a)");
    assertThat(count(a).toString()).isEqualTo("count(a)");
    assertThat(count(col("*")).toString()).isEqualTo("count(1)");
    assertThat(count("*").toString()).isEqualTo("count(1)");
    assertThat(countDistinct(a, col("b")).toString()).isEqualTo("count(DISTINCT a, b)");
    assertThat(first(a).toString()).isEqualTo("first(a)");
    assertThat(coalesce(a, lit(0)).toString()).isEqualTo("coalesce(a, 0)");
    assertThat(not(a).toString()).isEqualTo("(NOT a)");
    assertThat(abs(a).toString()).isEqualTo("abs(a)");
    assertThat(round(a).toString()).isEqualTo("round(a, 0)");
    assertThat(round(a, -2).toString()).isEqualTo("round(a, -2)");
    assertThat(year(a).toString()).isEqualTo("year(a)");
    assertThat(month(a).toString()).isEqualTo("month(a)");
    assertThat(dayofmonth(a).toString()).isEqualTo("dayofmonth(a)");
    assertThat(to_date(a).toString()).isEqualTo("to_date(a)");
    assertThat(to_date(a, "dd/MM/yyyy").toString()).isEqualTo("to_date(a, dd/MM/yyyy)");
    assertThat(date_add(a, 3).toString()).isEqualTo("date_add(a, 3)");
  }

  @Test
  void namesCastsAndSortKeys() {
    assertThat(a.as("b").toString()).isEqualTo("a AS b");
    assertThat(a.plus(1).alias("b").toString()).isEqualTo("(a + 1) AS b");
    assertThat(a.cast(DataTypes.LongType).toString()).isEqualTo("CAST(a AS BIGINT)");
    assertThat(a.cast("int").expression()).isEqualTo(new CastTo(a.expression(), ColumnType.INT));
    assertThat(a.cast("STRING").toString()).isEqualTo("CAST(a AS STRING)");
    assertThatThrownBy(() -> a.cast("varchar")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VARCHAR");
    assertThat(a.asc().toString()).isEqualTo("a ASC NULLS FIRST");
    assertThat(a.desc().toString()).isEqualTo("a DESC NULLS LAST");
    assertThat(a.asc_nulls_last().toString()).isEqualTo("a ASC NULLS LAST");
    assertThat(a.desc_nulls_first().toString()).isEqualTo("a DESC NULLS FIRST");
    assertThat(a.desc().asc().expression()).isEqualTo(new SortKey(a.expression(), true, true));
  }

  @Test
  void whenOtherwise() {
    Column chained = when(a.gt(1), "big").when(a.gt(0), "small").otherwise("none");
    assertThat(chained.toString()).isEqualTo("CASE WHEN (a > 1) THEN big WHEN (a > 0) THEN small ELSE none END");
    assertThat(when(a.isNull(), 0).toString()).isEqualTo("CASE WHEN (a IS NULL) THEN 0 END");
    assertThatThrownBy(() -> a.when(a.gt(1), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("when() can only be applied on a Column previously generated by when()");
    assertThatThrownBy(() -> a.otherwise(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("otherwise() can only be applied on a Column previously generated by when()");
    assertThatThrownBy(() -> chained.otherwise(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only be applied once");
    assertThatThrownBy(() -> chained.when(a.gt(5), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("once otherwise() is applied");
  }

  @Test
  void literals() {
    assertThat(lit(null).toString()).isEqualTo("NULL");
    assertThat(lit(null).expression()).isEqualTo(new LiteralValue(null));
    assertThat(lit(true).toString()).isEqualTo("true");
    assertThat(lit(a)).isSameAs(a);
    assertThat(lit(LocalDate.of(2020, 1, 2)).expression()).isEqualTo(new LiteralValue(LocalDate.of(2020, 1, 2)));
    assertThat(lit('c').expression()).isEqualTo(new LiteralValue("c"));
    assertThat(a.plus(1L).expression()).isEqualTo(
        new FunctionCall("+", List.<UnresolvedExpression>of(a.expression(), new LiteralValue(1L))));
    assertThatThrownBy(() -> lit(List.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Literal for '[1]'");
    assertThat(lit(new BigDecimal("1.5")).expression()).isEqualTo(new LiteralValue(new BigDecimal("1.5")));
  }

  @Test
  void equalityIsByExpression() {
    assertThat(col("a").gt(1)).isEqualTo(col("a").gt(1));
    assertThat(col("a").gt(1).hashCode()).isEqualTo(col("a").gt(1).hashCode());
    assertThat(col("a").gt(1)).isNotEqualTo(col("a").gt(2));
    assertThat(new Column("x")).isEqualTo(col("x"));
  }

  @Test
  void functionCallNamesMatchTheAnalyzersVocabulary() {
    assertThat(((FunctionCall) count(col("*")).expression()).name()).isEqualTo("count_star");
    assertThat(((FunctionCall) count(col("*")).expression()).arguments()).isEmpty();
    assertThat(((FunctionCall) countDistinct("a").expression()).name()).isEqualTo("count_distinct");
    assertThat(((FunctionCall) a.isNull().expression()).name()).isEqualTo("isnull");
    assertThat(((FunctionCall) a.startsWith("x").expression()).name()).isEqualTo("startswith");
    assertThat(((FunctionCall) a.like("x").expression()).arguments().get(1)).isEqualTo(new LiteralValue("x"));
  }
}
