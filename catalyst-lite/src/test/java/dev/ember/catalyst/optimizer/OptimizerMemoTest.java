package dev.ember.catalyst.optimizer;

import static dev.ember.catalyst.optimizer.PlanBuilder.gt;
import static dev.ember.catalyst.optimizer.PlanBuilder.lit;
import static dev.ember.catalyst.optimizer.PlanBuilder.plus;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.optimizer.rules.FoldConstants;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.core.expression.AttributeReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The optimizer does not run a rule again over a plan instance that the same rule instance left
 * unchanged (in a later pass, or in a later batch that lists the same instance). An independent
 * driver written here runs every rule over every node in every pass; on random programs through
 * all the default batches both give the same plan and the same rule applications, in order.
 */
class OptimizerMemoTest {
  private final PlanBuilder table = PlanBuilder.relation("a INT, b INT NOT NULL");
  private final AttributeReference a = table.attribute("a");

  @Test
  void skippingRulesChangesNoPlanAndNoApplicationOnRandomPrograms() {
    RandomPushdownPlanTest programs = new RandomPushdownPlanTest();
    List<RuleBatch> batches = DefaultRuleBatches.batches();
    Optimizer optimizer = new Optimizer(OptimizerSettings.defaults(), batches);
    int changed = 0;
    for (int round = 0; round < 300; round++) {
      LogicalPlan plan = programs.program(1 + round % 6).build();
      OptimizationResult result = optimizer.optimize(plan);
      EveryRuleEveryPass reference = EveryRuleEveryPass.run(plan, batches);
      assertThat(result.plan()).as("round %d", round).isEqualTo(reference.plan);
      assertThat(result.applications()).extracting(application -> application.batch() + ": " + application.rule())
          .as("round %d", round).containsExactlyElementsOf(reference.applications);
      changed += result.applications().isEmpty() ? 0 : 1;
    }
    assertThat(changed).as("programs the rules rewrote").isGreaterThan(150);
  }

  @Test
  void aRuleIsNotRunAgainOverAPlanItLeftUnchangedInALaterPassOrBatch() {
    // Filter (a > 1 + 1) over a relation: FoldConstants changes it once, the counting rule never.
    LogicalPlan plan = table.where(gt(a, plus(lit(1), lit(1)))).build();
    CountingRule counting = new CountingRule();
    FoldConstants folding = new FoldConstants();
    Optimizer optimizer = new Optimizer(OptimizerSettings.defaults(), List.of(
        new RuleBatch("fold then count", 10, List.of(folding, counting)),
        new RuleBatch("count again", 10, List.of(counting))));

    OptimizationResult result = optimizer.optimize(plan);

    assertThat(result.applications()).extracting(RuleApplication::rule).containsExactly("FoldConstants");
    // Pass 1 counts over the folded plan's 2 nodes; pass 2 (FoldConstants finds nothing) and the
    // second batch skip it: it left that very plan unchanged. Every rule every pass would count 6.
    assertThat(counting.visits).isEqualTo(2);
  }

  @Test
  void aRuleRunsAgainOnceAnotherRuleChangedThePlan() {
    LogicalPlan plan = table.where(gt(a, plus(lit(1), lit(1)))).build();
    CountingRule counting = new CountingRule();
    Optimizer optimizer = new Optimizer(OptimizerSettings.defaults(), List.of(
        new RuleBatch("count then fold", 10, List.of(counting, new FoldConstants()))));

    optimizer.optimize(plan);

    // Pass 1 over the plan as given, pass 2 over the folded plan; pass 3 is not needed (pass 2 changed nothing).
    assertThat(counting.visits).isEqualTo(4);
  }

  @Test
  void distinctInstancesOfAStatefulTestRuleAreNotShared() {
    // Two instances, two memo slots: the second batch's instance runs over the plan the first left unchanged.
    LogicalPlan plan = table.where(gt(a, lit(2))).build();
    CountingRule first = new CountingRule();
    CountingRule second = new CountingRule();
    Optimizer optimizer = new Optimizer(OptimizerSettings.defaults(), List.of(
        new RuleBatch("first", 10, List.of(first)), new RuleBatch("second", 10, List.of(second))));

    optimizer.optimize(plan);

    assertThat(first.visits).isEqualTo(2);
    assertThat(second.visits).isEqualTo(2);
  }

  /** Changes nothing; counts the nodes it is applied to. */
  private static final class CountingRule implements OptimizerRule {
    int visits;

    @Override
    public LogicalPlan apply(LogicalPlan node) {
      visits++;
      return node;
    }

    @Override
    public Set<Class<? extends LogicalPlan>> requiredNodes() {
      return Set.of();
    }
  }

  /**
   * The reference: every rule over every node (in the rule's traversal order) in every pass, a
   * batch to its fixed point or its pass cap; no rule skipped for any reason.
   */
  private static final class EveryRuleEveryPass {
    LogicalPlan plan;
    final List<String> applications = new ArrayList<>();

    static EveryRuleEveryPass run(LogicalPlan plan, List<RuleBatch> batches) {
      EveryRuleEveryPass run = new EveryRuleEveryPass();
      run.plan = plan;
      for (RuleBatch batch : batches) {
        for (int pass = 1; ; pass++) {
          LogicalPlan passStart = run.plan;
          for (OptimizerRule rule : batch.rules()) {
            LogicalPlan after = transform(run.plan, rule);
            if (!after.equals(run.plan)) {
              run.plan = after;
              run.applications.add(batch.name() + ": " + rule.name());
            }
          }
          if (run.plan.equals(passStart) || pass >= batch.maxPasses()) {
            break;
          }
        }
      }
      return run;
    }

    private static LogicalPlan transform(LogicalPlan node, OptimizerRule rule) {
      return switch (rule.traversal()) {
        case TOP_DOWN -> withChildren(rule.apply(node), rule);
        case BOTTOM_UP -> rule.apply(withChildren(node, rule));
      };
    }

    private static LogicalPlan withChildren(LogicalPlan node, OptimizerRule rule) {
      List<LogicalPlan> children = new ArrayList<>();
      boolean changed = false;
      for (LogicalPlan child : node.children()) {
        LogicalPlan transformed = transform(child, rule);
        changed |= transformed != child;
        children.add(transformed);
      }
      return changed ? node.withChildren(children) : node;
    }
  }
}
