package dev.ember.catalyst.planner;

import static dev.ember.catalyst.TestPlans.as;
import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.desc;
import static dev.ember.catalyst.TestPlans.lit;
import static dev.ember.catalyst.TestPlans.relation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.analysis.AnalysisFailure;
import dev.ember.catalyst.analysis.Analyzer;
import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.plan.JoinType;
import dev.ember.core.plan.PhysicalPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random DataFrame programs (chains of the analyzer's operations over relations with one or
 * several partitions, self-joins included) must plan into physical plans that
 * {@link PhysicalPlanCheck} accepts and the printer renders, for one and several shuffle partitions
 * and with automatic broadcasts.
 */
class RandomPlanTest {
  private final Analyzer analyzer = new Analyzer();
  private final Random random = new Random(7);
  private final int[] applied = new int[13];

  @Test
  void randomProgramsPlanIntoConsistentPhysicalPlans() {
    int planned = 0;
    for (int round = 0; round < 400; round++) {
      LogicalPlan plan = program(random.nextInt(6) + 1);
      for (PlannerSettings settings : List.of(new PlannerSettings(1), new PlannerSettings(4),
          new PlannerSettings(4, PlannerSettings.DEFAULT_AUTO_BROADCAST_JOIN_THRESHOLD))) {
        PhysicalPlan physical = new PhysicalPlanner(settings).plan(plan);
        PhysicalPlanCheck.verify(physical);
        assertThat(physical.schema().types()).isEqualTo(plan.output().stream().map(AttributeReference::type).toList());
        assertThat(PlanPrinter.physical(physical)).isNotBlank();
        assertThat(PlanPrinter.logical(plan)).isNotBlank();
        planned++;
      }
    }
    assertThat(planned).isEqualTo(1200);
    // Every kind of step took part in some program.
    assertThat(java.util.Arrays.stream(applied).min().orElse(0)).as(java.util.Arrays.toString(applied)).isGreaterThanOrEqualTo(20);
  }

  @Test
  void theCheckerRejectsBrokenPlans() {
    dev.ember.core.types.Schema schema = dev.ember.core.types.Schema.of(
        dev.ember.core.types.Field.of("a", dev.ember.core.types.ColumnType.INT));
    PhysicalPlan scan = new dev.ember.core.plan.InMemoryScanExec(schema, List.of(dev.ember.core.vector.Batch.empty(schema)));
    PhysicalPlan outOfRange = new dev.ember.core.plan.FilterExec(scan,
        new dev.ember.core.expression.IsNull(new dev.ember.core.expression.BoundReference(1, dev.ember.core.types.ColumnType.INT, true)));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PhysicalPlanCheck.verify(outOfRange))
        .isInstanceOf(AssertionError.class).hasMessageContaining("ordinal 1 outside");
    PhysicalPlan wrongType = new dev.ember.core.plan.FilterExec(scan,
        new dev.ember.core.expression.IsNull(new dev.ember.core.expression.BoundReference(0, dev.ember.core.types.ColumnType.LONG, true)));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PhysicalPlanCheck.verify(wrongType))
        .isInstanceOf(AssertionError.class).hasMessageContaining("is int not bigint");
    PhysicalPlan unaligned = new dev.ember.core.plan.NestedLoopJoinExec(
        new dev.ember.core.plan.ExchangeExec(scan, new dev.ember.core.plan.Partitioning.RoundRobin(2)), scan,
        JoinType.FULL_OUTER, null, schema.concat(schema));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PhysicalPlanCheck.verify(unaligned))
        .isInstanceOf(AssertionError.class).hasMessageContaining("nested-loop join needs");
  }

  private LogicalPlan program(int steps) {
    LogicalPlan plan = source();
    for (int step = 0; step < steps; step++) {
      try {
        plan = step(plan);
      } catch (AnalysisFailure rejected) {
        // A random step may be invalid (a name the plan lacks); the program goes on without it.
      }
    }
    return plan;
  }

  private LogicalPlan source() {
    return relation(1 + random.nextInt(3), "k INT, v LONG, s STRING, d DOUBLE");
  }

  private UnresolvedExpression someColumn(LogicalPlan plan) {
    List<AttributeReference> output = plan.output();
    return col(output.get(random.nextInt(output.size())).name());
  }

  private LogicalPlan step(LogicalPlan plan) {
    int kind = random.nextInt(13);
    LogicalPlan next = apply(kind, plan);
    applied[kind]++;
    return next;
  }

  private LogicalPlan apply(int kind, LogicalPlan plan) {
    return switch (kind) {
      case 0 -> analyzer.filter(plan, call("isnotnull", someColumn(plan)));
      case 1 -> analyzer.project(plan, List.of(someColumn(plan), as(call("+", someColumn(plan), lit(1)), "p")));
      case 2 -> analyzer.withColumn(plan, "w", call("*", someColumn(plan), lit(2)));
      case 3 -> analyzer.aggregate(plan, List.of(someColumn(plan)),
          List.of(call("count_star"), call("max", someColumn(plan)), call("sum", someColumn(plan))));
      case 4 -> analyzer.aggregate(plan, random.nextBoolean() ? List.of() : List.of(someColumn(plan)),
          List.of(call("count_distinct", someColumn(plan)), call("avg", someColumn(plan))));
      case 5 -> {
        LogicalPlan other = random.nextBoolean() ? plan : source();
        JoinType type = JoinType.values()[random.nextInt(JoinType.values().length)];
        LogicalPlan left = new SubqueryAlias("l", plan);
        LogicalPlan right = new SubqueryAlias("r", other);
        UnresolvedExpression leftColumn = col("l." + plan.output().get(random.nextInt(plan.output().size())).name());
        UnresolvedExpression rightColumn = col("r." + other.output().get(random.nextInt(other.output().size())).name());
        String operator = random.nextInt(3) == 0 ? "<" : "=";
        yield analyzer.join(left, right, call(operator, leftColumn, rightColumn), type, random.nextInt(4) == 0,
            random.nextInt(4) == 0);
      }
      case 6 -> analyzer.joinUsing(plan, source(), List.of(plan.output().get(0).name()),
          JoinType.values()[random.nextInt(JoinType.values().length)]);
      case 7 -> analyzer.union(plan, plan);
      case 8 -> analyzer.sort(plan, List.of(random.nextBoolean() ? desc(someColumn(plan)) : someColumn(plan)));
      case 9 -> new Limit(random.nextInt(5), plan);
      case 10 -> random.nextBoolean()
          ? analyzer.dropDuplicates(plan, List.of())
          : analyzer.dropDuplicates(plan, List.of(plan.output().get(0).name()));
      case 11 -> analyzer.repartition(plan, 1 + random.nextInt(4), true,
          random.nextBoolean() ? List.of() : List.of(someColumn(plan)));
      default -> analyzer.repartition(plan, 1 + random.nextInt(3), false, List.of());
    };
  }
}
