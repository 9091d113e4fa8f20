package dev.ember.catalyst.planner;

import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ember.catalyst.optimizer.AnalyzedPlanBuilder;
import dev.ember.catalyst.optimizer.RandomAnalyzedPlans;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.plan.JoinType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A {@link SizeEstimation#memoized()} estimator, asked about every subtree of a plan in a random
 * order (so that answers come from its memo of nodes seen before, parents before children and
 * children before parents), gives exactly the answers of the one-plan static methods, which start
 * from nothing for every question, on {@link RandomAnalyzedPlans}.
 */
class SizeEstimationMemoTest {
  private final RandomAnalyzedPlans plans = new RandomAnalyzedPlans(42);

  @Test
  void aMemoizedEstimatorAnswersAsTheStaticEstimatesOnRandomPlans() {
    Set<JoinType> joinTypesSeen = new HashSet<>();
    for (int round = 0; round < 300; round++) {
      LogicalPlan plan = plans.plan(plans.random().nextInt(5) + 1);
      List<LogicalPlan> subtrees = RandomAnalyzedPlans.subtrees(plan);
      subtrees.forEach(subtree -> {
        if (subtree instanceof dev.ember.catalyst.plan.Join join) {
          joinTypesSeen.add(join.joinType());
        }
      });
      for (int order = 0; order < 2; order++) {
        // Parents first, children first, then in a random order.
        List<LogicalPlan> asked = new ArrayList<>(subtrees);
        if (order == 1) {
          Collections.reverse(asked);
        }
        SizeEstimation memoized = SizeEstimation.memoized();
        for (int pass = 0; pass < 2; pass++) {
          for (LogicalPlan subtree : asked) {
            assertThat(memoized.estimatedRowCount(subtree)).as("rows of %s", subtree).isEqualTo(SizeEstimation.rowCount(subtree));
            assertThat(memoized.estimatedUnfilteredRowCount(subtree)).as("unfiltered rows of %s", subtree)
                .isEqualTo(SizeEstimation.unfilteredRowCount(subtree));
            assertThat(memoized.estimatedSizeInBytes(subtree)).as("bytes of %s", subtree)
                .isEqualTo(SizeEstimation.sizeInBytes(subtree));
          }
          Collections.shuffle(asked, plans.random());
        }
      }
    }
    assertThat(joinTypesSeen).containsExactlyInAnyOrder(JoinType.values());
  }

  @Test
  void filteredAndUnfilteredEstimatesOfOneNodeAreRememberedApart() {
    AnalyzedPlanBuilder facts = AnalyzedPlanBuilder.csv("facts", 32_000, "k INT, v DOUBLE, s STRING");
    LogicalPlan filtered = facts.filter(eq(col("k"), 3)).build();
    SizeEstimation memoized = SizeEstimation.memoized();
    // 1000 rows; the equality keeps a tenth, which only the filtered estimate counts.
    assertThat(memoized.estimatedUnfilteredRowCount(filtered)).isEqualTo(1000);
    assertThat(memoized.estimatedRowCount(filtered)).isCloseTo(100, within(1e-9));
    assertThat(memoized.estimatedUnfilteredRowCount(filtered)).isEqualTo(1000);
    assertThat(memoized.estimatedSizeInBytes(filtered)).isBetween(3200L, 3201L).isEqualTo(SizeEstimation.sizeInBytes(filtered));
  }
}
