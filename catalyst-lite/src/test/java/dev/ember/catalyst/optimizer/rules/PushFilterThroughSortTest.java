package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.TestPlans.and;
import static dev.ember.catalyst.TestPlans.as;
import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.lit;
import static dev.ember.catalyst.TestPlans.plus;
import static dev.ember.catalyst.TestPlans.sum;
import static dev.ember.catalyst.optimizer.AnalyzedPlanBuilder.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.AnalyzedPlanBuilder;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.core.plan.JoinType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PushFilterThroughSort}, with the other rules for nodes that pass rows through unchanged
 * ({@link PushFilterThroughRepartition}, {@link PushFilterThroughDistinct}) where a case stacks them. */
class PushFilterThroughSortTest {
  private static final List<OptimizerRule> RULES = List.of(new PushFilterThroughSort(), new PushFilterThroughRepartition(), new PushFilterThroughDistinct());
  private final AnalyzedPlanBuilder left = table("l", 3, "a INT, b INT");
  private final AnalyzedPlanBuilder right = table("r", 3, "x INT, y INT");

  private static String optimized(AnalyzedPlanBuilder query) {
    return PredicatePushdownTesting.optimized(query, RULES);
  }

  private static void assertUnchanged(AnalyzedPlanBuilder query) {
    PredicatePushdownTesting.assertUnchanged(query, RULES);
  }

  @Test
  void throughSortRepartitionCoalesceAndDistinct() {
    AnalyzedPlanBuilder query = left.distinct().repartition(3, true, col("a")).repartition(1, false).orderBy(col("b"))
        .filter(gt(col("a"), 3));
    assertThat(optimized(query)).isEqualTo("""
        Sort orders=[b#1 ASC NULLS FIRST]
          Repartition partitions=1, shuffle=false
            Repartition partitions=3, shuffle=true, keys=[a#2]
              Distinct
                Filter condition=(a#2 > 3)
                  LocalRelation output=[a#2, b#1], partitions=1, rows=3
        """);
  }

  @Test
  void aloneItMovesTheFilterBelowTheSortOnly() {
    AnalyzedPlanBuilder query = left.distinct().orderBy(col("b")).filter(gt(col("a"), 3));
    assertThat(PredicatePushdownTesting.optimized(query, List.of(new PushFilterThroughSort()))).isEqualTo("""
        Sort orders=[b#1 ASC NULLS FIRST]
          Filter condition=(a#2 > 3)
            Distinct
              LocalRelation output=[a#2, b#1], partitions=1, rows=3
        """);
  }

  @Test
  void notBelowALimit() {
    assertUnchanged(left.orderBy(col("b")).limit(2).filter(gt(col("a"), 3)));
  }
}
