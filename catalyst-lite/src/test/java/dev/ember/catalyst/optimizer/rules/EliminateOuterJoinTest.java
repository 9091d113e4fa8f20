package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.optimizer.PlanBuilder.and;
import static dev.ember.catalyst.optimizer.PlanBuilder.coalesce;
import static dev.ember.catalyst.optimizer.PlanBuilder.eq;
import static dev.ember.catalyst.optimizer.PlanBuilder.gt;
import static dev.ember.catalyst.optimizer.PlanBuilder.isNotNull;
import static dev.ember.catalyst.optimizer.PlanBuilder.isNull;
import static dev.ember.catalyst.optimizer.PlanBuilder.lit;
import static dev.ember.catalyst.optimizer.PlanBuilder.or;
import static dev.ember.catalyst.optimizer.PlanBuilder.plus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.PlanBuilder;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.UserFunction;
import dev.ember.core.expression.UserFunctionCall;
import dev.ember.core.plan.JoinType;
import org.junit.jupiter.api.Test;

class EliminateOuterJoinTest {
  private final PlanBuilder left = PlanBuilder.relation("la INT NOT NULL, lb INT");
  private final PlanBuilder right = PlanBuilder.relation("ra INT NOT NULL, rb INT");
  private final AttributeReference la = left.attribute("la");
  private final AttributeReference lb = left.attribute("lb");
  private final AttributeReference ra = right.attribute("ra");
  private final AttributeReference rb = right.attribute("rb");

  private JoinType after(JoinType type, Expression filter) {
    LogicalPlan plan = left.join(right, type, eq(la, ra)).where(filter).build();
    LogicalPlan optimized = PlanBuilder.optimizeWith(plan, new EliminateOuterJoin());
    return ((Join) ((Filter) optimized).child()).joinType();
  }

  @Test
  void aNullRejectingFilterOnTheNullSuppliedSideMakesTheJoinLessOuter() {
    assertThat(after(JoinType.LEFT_OUTER, gt(rb, lit(1)))).isEqualTo(JoinType.INNER);
    assertThat(after(JoinType.RIGHT_OUTER, gt(lb, lit(1)))).isEqualTo(JoinType.INNER);
    assertThat(after(JoinType.FULL_OUTER, gt(lb, lit(1)))).isEqualTo(JoinType.LEFT_OUTER);
    assertThat(after(JoinType.FULL_OUTER, gt(rb, lit(1)))).isEqualTo(JoinType.RIGHT_OUTER);
    assertThat(after(JoinType.FULL_OUTER, and(isNotNull(ra), eq(plus(lb, lit(1)), lit(3))))).isEqualTo(JoinType.INNER);
    // A non-nullable column of the null-supplied side is null in a filled row too.
    assertThat(after(JoinType.LEFT_OUTER, isNotNull(ra))).isEqualTo(JoinType.INNER);
  }

  @Test
  void thePlanTextShowsTheNewJoinTypeAndKeepsTheFilter() {
    LogicalPlan plan = left.join(right, JoinType.LEFT_OUTER, eq(la, ra)).where(gt(rb, lit(1))).build();

    assertThat(PlanBuilder.optimizedText(plan, new EliminateOuterJoin())).isEqualTo("""
        Filter condition=(rb > 1)
          Join type=Inner, condition=(la = ra)
            LocalRelation output=[la, lb], partitions=1, rows=1000
            LocalRelation output=[ra, rb], partitions=1, rows=1000
        """);
  }

  @Test
  void doesNotFireWhenAFilledRowCanPass() {
    assertThat(after(JoinType.LEFT_OUTER, isNull(rb))).isEqualTo(JoinType.LEFT_OUTER);
    assertThat(after(JoinType.LEFT_OUTER, gt(coalesce(rb, lit(5)), lit(1)))).isEqualTo(JoinType.LEFT_OUTER);
    // Reads both sides: a filled row has lb set and may pass.
    assertThat(after(JoinType.LEFT_OUTER, or(gt(rb, lit(1)), gt(lb, lit(1))))).isEqualTo(JoinType.LEFT_OUTER);
    // A filter on the preserved side rejects nothing that the join filled.
    assertThat(after(JoinType.LEFT_OUTER, gt(lb, lit(1)))).isEqualTo(JoinType.LEFT_OUTER);
    assertThat(after(JoinType.RIGHT_OUTER, gt(rb, lit(1)))).isEqualTo(JoinType.RIGHT_OUTER);
    LogicalPlan inner = left.join(right, JoinType.INNER, eq(la, ra)).where(gt(rb, lit(1))).build();
    assertThat(PlanBuilder.optimizeWith(inner, new EliminateOuterJoin())).isSameAs(inner);
  }

  @Test
  void doesNotCallAUserFunctionWithNullsToLearnWhetherItRejectsThem() {
    // Called with a null it would say false (null-rejecting), but a UDF runs on executors only, never here.
    UserFunction present = UserFunction.of("present", arguments -> arguments[0] != null, "test", 1,
        dev.ember.core.types.ColumnType.BOOLEAN, true);
    assertThat(after(JoinType.LEFT_OUTER, new UserFunctionCall(present, java.util.List.of(rb))))
        .isEqualTo(JoinType.LEFT_OUTER);
  }
}
