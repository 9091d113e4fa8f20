package dev.ember.catalyst.optimizer;

import static dev.ember.catalyst.TestPlans.and;
import static dev.ember.catalyst.TestPlans.as;
import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.plus;
import static dev.ember.catalyst.TestPlans.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.planner.PhysicalPlanner;
import dev.ember.catalyst.planner.PlannerSettings;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.plan.JoinType;
import dev.ember.core.plan.PhysicalPlan;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random programs over in-memory tables and CSV relations through all the pushdown batches: the
 * batches must reach their fixed point (the test driver fails on a pass cap, so rules that undo
 * each other show up), no rule may change a node's output, and the result must still plan.
 */
class RandomPushdownPlanTest {
  private final Random random = new Random(11);
  private int counter;

  @Test
  void randomProgramsReachAFixedPointAndStillPlan() {
    int changed = 0;
    for (int round = 0; round < 300; round++) {
      LogicalPlan plan = program(1 + random.nextInt(5)).build();
      LogicalPlan optimized = FixedPointDriver.runBatches(plan, DefaultRuleBatches.pushdownBatches());
      assertThat(optimized.output().stream().map(AttributeReference::id).toList())
          .isEqualTo(plan.output().stream().map(AttributeReference::id).toList());
      PhysicalPlan physical = new PhysicalPlanner(new PlannerSettings(3, 1000)).plan(optimized);
      assertThat(physical.schema().types()).isEqualTo(plan.output().stream().map(AttributeReference::type).toList());
      changed += optimized.equals(plan) ? 0 : 1;
      // Optimizing again changes nothing.
      assertThat(FixedPointDriver.runBatches(optimized, DefaultRuleBatches.pushdownBatches())).isEqualTo(optimized);
    }
    // The rules had something to do in most programs.
    assertThat(changed).isGreaterThan(150);
  }

  /** A relation with columns named {@code <prefix>k, <prefix>v, <prefix>w} of a random kind and size. */
  private AnalyzedPlanBuilder relation() {
    String p = "t" + (counter++) + "_";
    String columns = p + "k INT, " + p + "v INT, " + p + "w STRING";
    return random.nextBoolean()
        ? AnalyzedPlanBuilder.table(p, random.nextInt(50), columns)
        : AnalyzedPlanBuilder.csv(p, 1 + random.nextInt(5000), columns);
  }

  /** A random program of {@code steps} steps (OptimizerMemoTest draws its programs here too). */
  AnalyzedPlanBuilder program(int steps) {
    AnalyzedPlanBuilder plan = relation();
    for (int step = 0; step < steps; step++) {
      List<AttributeReference> output = plan.build().output();
      AttributeReference first = output.get(random.nextInt(output.size()));
      AttributeReference intColumn = output.stream().filter(a -> a.type().kind().isNumeric()).findFirst().orElse(null);
      if (intColumn == null) {
        plan = plan.select(as(call("length", bound(first)), "n" + (counter++)));
        continue;
      }
      switch (random.nextInt(10)) {
        case 0, 1 -> plan = plan.filter(and(gt(bound(intColumn), random.nextInt(5)), call("isnotnull", bound(first))));
        case 2 -> plan = plan.select(bound(first), as(plus(bound(intColumn), 1), "p" + (counter++)));
        case 3, 4, 5 -> {
          AnalyzedPlanBuilder other = relation();
          if (random.nextBoolean()) {
            other = other.filter(gt(bound(other.build().output().get(1)), 0));
          }
          JoinType type = JoinType.values()[random.nextInt(JoinType.values().length)];
          AttributeReference otherKey = other.build().output().get(0);
          UnresolvedExpression condition = and(eq(bound(intColumn), bound(otherKey)),
              gt(bound(other.build().output().get(1)), random.nextInt(3)));
          plan = type == JoinType.CROSS ? plan.crossJoin(other) : plan.join(other, condition, type);
        }
        case 6 -> plan = plan.groupBy(List.of(bound(first)), as(sum(bound(intColumn)), "s" + (counter++)));
        case 7 -> plan = plan.union(plan).filter(gt(bound(intColumn), 1));
        case 8 -> plan = plan.orderBy(bound(first)).limit(1 + random.nextInt(5));
        default -> plan = plan.distinct().repartition(2, true, bound(first));
      }
    }
    if (random.nextBoolean()) {
      List<AttributeReference> output = plan.build().output();
      plan = plan.select(bound(output.get(random.nextInt(output.size()))));
    }
    return plan;
  }

  private static UnresolvedExpression bound(AttributeReference attribute) {
    return dev.ember.catalyst.TestPlans.bound(attribute);
  }
}
