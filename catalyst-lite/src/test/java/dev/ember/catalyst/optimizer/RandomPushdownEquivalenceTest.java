package dev.ember.catalyst.optimizer;

import static dev.ember.catalyst.TestPlans.and;
import static dev.ember.catalyst.TestPlans.as;
import static dev.ember.catalyst.TestPlans.bound;
import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.plus;
import static dev.ember.catalyst.TestPlans.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.TestPlans;
import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random programs (filters, projections, joins of every type with single-side and cross-side
 * conditions, aggregates, unions, distinct, sorts) over small tables with nulls and duplicate
 * keys: the result after the pushdown batches equals the result before, as multisets, computed
 * by {@link ReferenceInterpreter}.
 */
class RandomPushdownEquivalenceTest {
  private final Random random = new Random(23);
  private int counter;

  @Test
  void rewrittenPlansKeepTheirResults() {
    int changed = 0;
    for (int round = 0; round < 400; round++) {
      LogicalPlan plan = program(1 + random.nextInt(5)).build();
      LogicalPlan optimized = FixedPointDriver.runBatches(plan, DefaultRuleBatches.pushdownBatches());
      changed += optimized.equals(plan) ? 0 : 1;
      assertThat(sorted(ReferenceInterpreter.run(optimized)))
          .as("before:\n%safter:\n%s", PlanPrinter.logical(plan), PlanPrinter.logical(optimized))
          .isEqualTo(sorted(ReferenceInterpreter.run(plan)));
    }
    assertThat(changed).isGreaterThan(200);
  }

  private static List<String> sorted(List<List<Object>> rows) {
    return rows.stream().map(Object::toString).sorted(Comparator.naturalOrder()).toList();
  }

  /** A table {@code <p>k INT, <p>v INT, <p>w STRING} of up to 8 rows of small values with nulls. */
  private AnalyzedPlanBuilder relation() {
    String p = "t" + (counter++) + "_";
    LocalRelation shape = TestPlans.relation(p + "k INT, " + p + "v INT, " + p + "w STRING");
    Schema schema = new Schema(shape.output().stream().map(a -> Field.of(a.name(), a.type())).toList());
    List<List<Object>> rows = new ArrayList<>();
    int count = random.nextInt(8);
    for (int i = 0; i < count; i++) {
      rows.add(Arrays.asList(value(random.nextInt(4)), value(random.nextInt(6)),
          random.nextInt(5) == 0 ? null : String.valueOf((char) ('a' + random.nextInt(3)))));
    }
    return new AnalyzedPlanBuilder(new LocalRelation(shape.output(), List.of(Batch.fromRows(schema, rows))));
  }

  private Integer value(int value) {
    return random.nextInt(6) == 0 ? null : value;
  }

  private AnalyzedPlanBuilder program(int steps) {
    AnalyzedPlanBuilder plan = relation();
    for (int step = 0; step < steps; step++) {
      List<AttributeReference> output = plan.build().output();
      AttributeReference any = output.get(random.nextInt(output.size()));
      List<AttributeReference> ints = output.stream().filter(a -> a.type().kind().isNumeric()).toList();
      if (ints.isEmpty()) {
        plan = plan.select(bound(any), as(call("length", bound(any)), "n" + (counter++)));
        continue;
      }
      AttributeReference number = ints.get(random.nextInt(ints.size()));
      switch (random.nextInt(11)) {
        case 0, 1 -> plan = plan.filter(predicate(output));
        case 2 -> plan = plan.select(bound(any), bound(number), as(plus(bound(number), 1), "p" + (counter++)));
        case 3, 4, 5, 6 -> {
          AnalyzedPlanBuilder other = relation();
          if (random.nextBoolean()) {
            other = other.filter(predicate(other.build().output()));
          }
          List<AttributeReference> otherOutput = other.build().output();
          JoinType type = JoinType.values()[random.nextInt(JoinType.values().length)];
          UnresolvedExpression condition = eq(bound(number), bound(otherOutput.get(random.nextInt(2))));
          switch (random.nextInt(3)) {
            case 0 -> condition = and(condition, predicate(otherOutput));
            case 1 -> condition = and(condition, predicate(output));
            default -> { }
          }
          plan = type == JoinType.CROSS ? plan.crossJoin(other) : plan.join(other, condition, type);
          if (random.nextBoolean()) {
            plan = plan.filter(predicate(plan.build().output()));
          }
        }
        case 7 -> plan = plan.groupBy(List.of(bound(any)), as(sum(bound(number)), "s" + (counter++)), call("count_star"));
        case 8 -> plan = plan.union(plan.filter(gt(bound(number), 1))).filter(predicate(output));
        case 9 -> plan = plan.orderBy(bound(any)).filter(predicate(output));
        default -> plan = plan.distinct().repartition(2, true, bound(any)).filter(predicate(output));
      }
    }
    List<AttributeReference> output = plan.build().output();
    if (random.nextBoolean()) {
      plan = plan.select(bound(output.get(random.nextInt(output.size()))));
    }
    return plan;
  }

  /** A random predicate over the columns: comparisons, null checks, and combinations. */
  private UnresolvedExpression predicate(List<AttributeReference> columns) {
    AttributeReference column = columns.get(random.nextInt(columns.size()));
    UnresolvedExpression single = switch (random.nextInt(4)) {
      case 0 -> call("isnotnull", bound(column));
      case 1 -> call("isnull", bound(column));
      default -> column.type().kind().isNumeric()
          ? call(random.nextBoolean() ? ">" : "=", bound(column), TestPlans.lit(random.nextInt(4)))
          : call("=", bound(column), TestPlans.lit("a"));
    };
    if (random.nextInt(3) == 0) {
      AttributeReference second = columns.get(random.nextInt(columns.size()));
      UnresolvedExpression other = second.type().equals(column.type())
          ? call("=", bound(column), bound(second))
          : call("isnotnull", bound(second));
      return random.nextBoolean() ? and(single, other) : call("or", single, other);
    }
    return single;
  }
}
