package dev.ember.catalyst.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.RandomAnalyzedPlans;
import dev.ember.catalyst.optimizer.rules.InferFiltersFromConstraints;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.Expression;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A {@link RuleContext} shared by many questions answers each as a fresh computation does: the
 * constraints of every subtree of random plans, asked in several orders (so that a subtree's
 * predicates come from the memo of a parent asked before, or the other way round), are those of
 * {@link Constraints#of(LogicalPlan)}, in the same order; and constraint inference with a shared
 * context rewrites every join as it does alone.
 */
class RuleContextTest {
  private final RandomAnalyzedPlans plans = new RandomAnalyzedPlans(11);

  @Test
  void sharedConstraintsAreThoseOfAFreshComputationOnRandomPlans() {
    int withConstraints = 0;
    for (int round = 0; round < 300; round++) {
      List<LogicalPlan> subtrees = RandomAnalyzedPlans.subtrees(plans.plan(plans.random().nextInt(6) + 1));
      for (int order = 0; order < 3; order++) {
        List<LogicalPlan> asked = new ArrayList<>(subtrees);
        if (order == 1) {
          Collections.reverse(asked);
        } else if (order == 2) {
          Collections.shuffle(asked, plans.random());
        }
        RuleContext context = new RuleContext();
        for (LogicalPlan subtree : asked) {
          Map<Expression, Expression> fresh = Constraints.of(subtree);
          assertThat(new ArrayList<>(context.constraints(subtree).entrySet())).as("constraints of %s", subtree)
              .isEqualTo(new ArrayList<>(fresh.entrySet()));
          // Asked again: the remembered answer.
          assertThat(context.constraints(subtree)).isSameAs(context.constraints(subtree));
          withConstraints += fresh.isEmpty() ? 0 : 1;
        }
      }
    }
    assertThat(withConstraints).as("subtrees with some constraint").isGreaterThan(1000);
  }

  @Test
  void inferenceWithASharedContextRewritesEveryJoinAsItDoesAlone() {
    InferFiltersFromConstraints rule = new InferFiltersFromConstraints();
    int rewritten = 0;
    for (int round = 0; round < 300; round++) {
      List<LogicalPlan> subtrees = RandomAnalyzedPlans.subtrees(plans.plan(plans.random().nextInt(6) + 1));
      RuleContext context = new RuleContext();
      for (LogicalPlan subtree : subtrees) {
        if (subtree instanceof Join) {
          LogicalPlan alone = rule.apply(subtree);
          assertThat(rule.apply(subtree, context)).as("inference over %s", subtree).isEqualTo(alone);
          rewritten += alone == subtree ? 0 : 1;
        }
      }
    }
    assertThat(rewritten).as("joins that got inferred filters").isGreaterThan(50);
  }
}
