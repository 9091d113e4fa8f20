package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.optimizer.PlanBuilder.as;
import static dev.ember.catalyst.optimizer.PlanBuilder.cast;
import static dev.ember.catalyst.optimizer.PlanBuilder.gt;
import static dev.ember.catalyst.optimizer.PlanBuilder.lit;
import static dev.ember.catalyst.optimizer.PlanBuilder.nullOf;
import static dev.ember.catalyst.optimizer.PlanBuilder.optimizedText;
import static dev.ember.catalyst.optimizer.PlanBuilder.plus;
import static dev.ember.catalyst.optimizer.PlanBuilder.times;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.PlanBuilder;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.ToDate;
import dev.ember.core.expression.Upper;
import dev.ember.core.expression.UserFunction;
import dev.ember.core.expression.UserFunctionCall;
import dev.ember.core.types.ColumnType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FoldConstantsTest {
  private final PlanBuilder t = PlanBuilder.relation("a INT, s STRING");
  private final AttributeReference a = t.attribute("a");

  @Test
  void foldsNestedConstantsInFiltersAndProjections() {
    LogicalPlan plan = t.where(gt(plus(a, plus(lit(1), times(lit(2), lit(3)))), lit(0)))
        .select(as(new Upper(lit("abc")), "u"), as(cast(lit("12"), ColumnType.INT), "n")).build();

    assertThat(optimizedText(plan, new FoldConstants())).isEqualTo("""
        Project expressions=['ABC' AS u, 12 AS n]
          Filter condition=((a + 7) > 0)
            LocalRelation output=[a, s], partitions=1, rows=1000
        """);
  }

  @Test
  void usesTheEngineSemantics() {
    // Integer overflow wraps, division by zero is null, a non-number string cast to INT is null.
    LogicalPlan plan = t.select(
        as(plus(lit(Integer.MAX_VALUE), lit(1)), "wrapped"),
        as(new Arithmetic(ArithmeticOperator.DIVIDE, lit(1.0), lit(0.0)), "byZero"),
        as(cast(lit("x1"), ColumnType.INT), "bad"),
        as(new ToDate(lit("2020-01-05"), null), "day")).build();

    assertThat(optimizedText(plan, new FoldConstants())).isEqualTo("""
        Project expressions=[-2147483648 AS wrapped, null AS byZero, null AS bad, DATE '2020-01-05' AS day]
          LocalRelation output=[a, s], partitions=1, rows=1000
        """);
  }

  @Test
  void foldsDecimalConstantsToLiteralsOfTheirType() {
    // TPC-H Q6's discount bounds: a decimal literal cast to the column's type, compared per row.
    ColumnType money = ColumnType.decimal(15, 2);
    LogicalPlan plan = t.where(gt(cast(a, money), cast(lit(new BigDecimal("0.05")), money)))
        .select(as(times(lit(new BigDecimal("1.5")), lit(new BigDecimal("2.25"))), "product"),
            as(cast(lit(new BigDecimal("123456789012345678.9")), ColumnType.decimal(5, 1)), "overflow"))
        .build();

    LogicalPlan folded = PlanBuilder.optimizeWith(plan, new FoldConstants());

    assertThat(PlanBuilder.text(folded)).isEqualTo("""
        Project expressions=[3.375BD AS product, null AS overflow]
          Filter condition=(cast(a as decimal(15,2)) > 0.05BD)
            LocalRelation output=[a, s], partitions=1, rows=1000
        """);
    assertThat(FoldConstants.fold(cast(lit(new BigDecimal("0.05")), money)))
        .isEqualTo(new Literal(new BigDecimal("0.05"), money));
    assertThat(folded.output().get(0).type()).isEqualTo(times(lit(new BigDecimal("1.5")), lit(new BigDecimal("2.25"))).type());
  }

  @Test
  void doesNotFoldAttributesAliasesOrLiterals() {
    LogicalPlan plan = t.where(gt(plus(a, lit(1)), lit(0))).select(as(lit(5), "five"), a).build();

    assertThat(PlanBuilder.optimizeWith(plan, new FoldConstants())).isSameAs(plan);
  }

  @Test
  void aNullOperandFoldsToATypedNull() {
    LogicalPlan plan = t.select(as(plus(lit(1), nullOf(ColumnType.INT)), "n")).build();

    LogicalPlan folded = PlanBuilder.optimizeWith(plan, new FoldConstants());

    assertThat(PlanBuilder.text(folded)).contains("null AS n");
    assertThat(folded.output().get(0).type()).isEqualTo(ColumnType.INT);
    assertThat(FoldConstants.fold(plus(lit(1), nullOf(ColumnType.INT)))).isEqualTo(Literal.nullOf(ColumnType.INT));
  }

  @Test
  void doesNotFoldAUserFunctionOfLiteralsNorAnExpressionAboveIt() {
    // Folding would run the user's function here, once, instead of on executors for each row.
    UserFunction seven = UserFunction.of("seven", arguments -> 7, "test", 1, ColumnType.INT, true);
    LogicalPlan plan = t.select(as(new UserFunctionCall(seven, java.util.List.of(lit(1))), "u"),
        as(plus(new UserFunctionCall(seven, java.util.List.of(lit(2))), lit(3)), "v")).build();

    assertThat(PlanBuilder.optimizeWith(plan, new FoldConstants())).isSameAs(plan);
    assertThat(optimizedText(plan, new FoldConstants())).contains("seven(1) AS u", "(seven(2) + 3) AS v");
  }
}
