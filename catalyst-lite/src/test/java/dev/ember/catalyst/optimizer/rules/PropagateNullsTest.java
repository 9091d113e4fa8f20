package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.optimizer.PlanBuilder.and;
import static dev.ember.catalyst.optimizer.PlanBuilder.as;
import static dev.ember.catalyst.optimizer.PlanBuilder.coalesce;
import static dev.ember.catalyst.optimizer.PlanBuilder.gt;
import static dev.ember.catalyst.optimizer.PlanBuilder.isNotNull;
import static dev.ember.catalyst.optimizer.PlanBuilder.isNull;
import static dev.ember.catalyst.optimizer.PlanBuilder.lit;
import static dev.ember.catalyst.optimizer.PlanBuilder.nullOf;
import static dev.ember.catalyst.optimizer.PlanBuilder.optimizedText;
import static dev.ember.catalyst.optimizer.PlanBuilder.or;
import static dev.ember.catalyst.optimizer.PlanBuilder.plus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.PlanBuilder;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.In;
import dev.ember.core.expression.Upper;
import dev.ember.core.types.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PropagateNullsTest {
  private final PlanBuilder t = PlanBuilder.relation("a INT, b INT NOT NULL, c INT, s STRING");
  private final AttributeReference a = t.attribute("a");
  private final AttributeReference b = t.attribute("b");
  private final AttributeReference c = t.attribute("c");
  private final AttributeReference s = t.attribute("s");

  @Test
  void nullOperandsMakeNullIntolerantExpressionsNull() {
    LogicalPlan plan = t.where(or(gt(plus(a, nullOf(ColumnType.INT)), lit(1)), isNotNull(b)))
        .select(as(new Upper(nullOf(ColumnType.STRING)), "u"), as(isNull(b), "never"), as(plus(nullOf(ColumnType.INT), b), "n"),
            as(new In(nullOf(ColumnType.INT), List.of(a, lit(1))), "nin"))
        .build();

    assertThat(optimizedText(plan, new PropagateNulls())).isEqualTo("""
        Project expressions=[null AS u, false AS never, null AS n, null AS nin]
          Filter condition=(null OR true)
            LocalRelation output=[a, b, c, s], partitions=1, rows=1000
        """);
  }

  @Test
  void coalesceDropsNullLiteralsAndStopsAtTheFirstNonNullableArgument() {
    LogicalPlan plan = t.select(
        as(coalesce(nullOf(ColumnType.INT), a, b, c), "x"),
        as(coalesce(nullOf(ColumnType.INT), a), "y"),
        as(coalesce(nullOf(ColumnType.INT), nullOf(ColumnType.INT)), "z")).build();

    LogicalPlan optimized = PlanBuilder.optimizeWith(plan, new PropagateNulls());

    assertThat(PlanBuilder.text(optimized)).isEqualTo("""
        Project expressions=[coalesce(a, b) AS x, a AS y, null AS z]
          LocalRelation output=[a, b, c, s], partitions=1, rows=1000
        """);
    assertThat(optimized.output().get(0).nullable()).isFalse();
  }

  @Test
  void doesNotFireOnAndOrInOrNullTestsOfNullableColumns() {
    // null AND false is false, null OR true is true, and 1 IN (1, null) is true: none is simply null.
    LogicalPlan plan = t.where(and(nullOf(ColumnType.BOOLEAN), gt(a, lit(1))))
        .where(or(nullOf(ColumnType.BOOLEAN), gt(a, lit(2))))
        .select(as(new In(a, List.of(lit(1), nullOf(ColumnType.INT))), "inList"), as(isNull(a), "n"),
            as(isNotNull(s), "m"), as(coalesce(a, c), "k")).build();

    assertThat(PlanBuilder.optimizeWith(plan, new PropagateNulls())).isSameAs(plan);
  }
}
