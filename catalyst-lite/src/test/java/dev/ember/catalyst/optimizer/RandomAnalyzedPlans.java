package dev.ember.catalyst.optimizer;

import static dev.ember.catalyst.TestPlans.and;
import static dev.ember.catalyst.TestPlans.as;
import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.plus;
import static dev.ember.catalyst.TestPlans.sum;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.plan.JoinType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random analyzed plans for checking that a memo answers as the computation it remembers: filters
 * (equalities, ranges, not-null checks), joins of every type with equi-keys, residual conditions
 * or none, grouped and global aggregates, projections with aliases, sorts, limits, distincts and
 * unions (of one subtree instance with itself), over CSV scans and in-memory tables, empty ones
 * included. Column names are unique per table, so every condition resolves.
 */
public final class RandomAnalyzedPlans {
  private final Random random;
  private int tables;

  public RandomAnalyzedPlans(long seed) {
    this.random = new Random(seed);
  }

  public Random random() {
    return random;
  }

  /** A plan of about {@code depth} operators over the leaves. */
  public LogicalPlan plan(int depth) {
    return generate(depth).builder().build();
  }

  /** The plan and every subtree of it, parents before children. */
  public static List<LogicalPlan> subtrees(LogicalPlan plan) {
    List<LogicalPlan> subtrees = new ArrayList<>();
    collect(plan, subtrees);
    return subtrees;
  }

  private record Generated(AnalyzedPlanBuilder builder, List<String> intColumns) {}

  private Generated generate(int depth) {
    if (depth == 0) {
      return leaf();
    }
    Generated input = generate(depth - 1);
    List<String> ints = input.intColumns();
    String column = ints.get(random.nextInt(ints.size()));
    return switch (random.nextInt(11)) {
      case 0, 1 -> new Generated(input.builder().filter(switch (random.nextInt(3)) {
        case 0 -> eq(col(column), random.nextInt(10));
        case 1 -> and(gt(col(column), random.nextInt(10)), eq(col(column), 4));
        default -> call("isnotnull", col(column));
      }), ints);
      case 2, 3, 4 -> join(input, generate(random.nextInt(depth)));
      case 5 -> {
        String name = "total" + tables++;
        yield random.nextBoolean()
            ? new Generated(input.builder().groupBy(List.of(col(column)), as(sum(col(column)), name)), List.of(column))
            : new Generated(input.builder().groupBy(List.of(), as(sum(col(column)), name)).select(col(name)),
                List.of(name));
      }
      case 6 -> new Generated(input.builder().select(col(column)), List.of(column));
      case 7 -> {
        // An alias of an expression and a renamed column: constraints are restated through both.
        String shifted = "shifted" + tables;
        String renamed = "renamed" + tables++;
        yield new Generated(input.builder().select(col(column), as(plus(col(column), 1), shifted), as(col(column), renamed)),
            List.of(column, shifted, renamed));
      }
      case 8 -> new Generated(random.nextBoolean() ? input.builder().orderBy(col(column)) : input.builder().limit(random.nextInt(50)), ints);
      case 9 -> new Generated(input.builder().distinct(), ints);
      default -> new Generated(input.builder().union(input.builder()), ints);
    };
  }

  private Generated join(Generated left, Generated right) {
    String leftKey = left.intColumns().get(random.nextInt(left.intColumns().size()));
    String rightKey = right.intColumns().get(random.nextInt(right.intColumns().size()));
    JoinType type = JoinType.values()[random.nextInt(JoinType.values().length)];
    if (type == JoinType.CROSS) {
      return new Generated(left.builder().crossJoin(right.builder()), both(left, right));
    }
    UnresolvedExpression condition = switch (random.nextInt(3)) {
      case 0 -> eq(col(leftKey), col(rightKey));
      case 1 -> and(eq(col(leftKey), col(rightKey)), gt(col(leftKey), 5));
      default -> gt(col(leftKey), col(rightKey));
    };
    AnalyzedPlanBuilder joined = left.builder().join(right.builder(), condition, type);
    boolean leftOnly = type == JoinType.LEFT_SEMI || type == JoinType.LEFT_ANTI;
    return new Generated(joined, leftOnly ? left.intColumns() : both(left, right));
  }

  private static List<String> both(Generated left, Generated right) {
    List<String> all = new ArrayList<>(left.intColumns());
    all.addAll(right.intColumns());
    return all;
  }

  private Generated leaf() {
    int table = tables++;
    String key = "k" + table;
    String other = "n" + table;
    String columns = key + " INT, " + other + " INT, v" + table + " DOUBLE, s" + table + " STRING";
    AnalyzedPlanBuilder builder = random.nextBoolean()
        ? AnalyzedPlanBuilder.csv("t" + table, random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(1_000_000_000), columns)
        : AnalyzedPlanBuilder.table("t" + table, random.nextInt(3) == 0 ? 0 : random.nextInt(40), columns);
    return new Generated(builder, List.of(key, other));
  }

  private static void collect(LogicalPlan plan, List<LogicalPlan> into) {
    into.add(plan);
    for (LogicalPlan child : plan.children()) {
      collect(child, into);
    }
  }
}
