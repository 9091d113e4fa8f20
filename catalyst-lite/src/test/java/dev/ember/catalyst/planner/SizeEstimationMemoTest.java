package dev.ember.catalyst.planner;

import static dev.ember.catalyst.TestPlans.and;
import static dev.ember.catalyst.TestPlans.as;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ember.catalyst.optimizer.AnalyzedPlanBuilder;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.plan.JoinType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A {@link SizeEstimation#memoized()} estimator, asked about every subtree of a plan in a random
 * order (so that answers come from its memo of nodes seen before, parents before children and
 * children before parents), gives exactly the answers of the one-plan static methods, which start
 * from nothing for every question. Random plans of filters (and pushed filters), joins of every
 * type with and without residual conditions, aggregates, projections, sorts, limits, distincts and
 * unions (of one subtree instance with itself), over CSV scans and in-memory tables, empty ones
 * included.
 */
class SizeEstimationMemoTest {
  private final Random random = new Random(42);
  private int tables;

  @Test
  void aMemoizedEstimatorAnswersAsTheStaticEstimatesOnRandomPlans() {
    Set<JoinType> joinTypesSeen = new HashSet<>();
    for (int round = 0; round < 300; round++) {
      LogicalPlan plan = generate(random.nextInt(5) + 1).builder().build();
      List<LogicalPlan> subtrees = new ArrayList<>();
      collect(plan, subtrees);
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
          Collections.shuffle(asked, random);
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

  private record Generated(AnalyzedPlanBuilder builder, List<String> intColumns) {}

  private Generated generate(int depth) {
    if (depth == 0) {
      return leaf();
    }
    Generated input = generate(depth - 1);
    List<String> ints = input.intColumns();
    String column = ints.get(random.nextInt(ints.size()));
    return switch (random.nextInt(10)) {
      case 0, 1 -> new Generated(input.builder().filter(random.nextBoolean()
          ? eq(col(column), random.nextInt(10))
          : and(gt(col(column), random.nextInt(10)), eq(col(column), 4))), ints);
      case 2, 3, 4 -> join(input, generate(random.nextInt(depth)));
      case 5 -> {
        String name = "total" + tables++;
        yield random.nextBoolean()
            ? new Generated(input.builder().groupBy(List.of(col(column)), as(sum(col(column)), name)), List.of(column))
            : new Generated(input.builder().groupBy(List.of(), as(sum(col(column)), name)).select(col(name)),
                List.of(name));
      }
      case 6 -> new Generated(input.builder().select(col(column)), List.of(column));
      case 7 -> new Generated(random.nextBoolean() ? input.builder().orderBy(col(column)) : input.builder().limit(random.nextInt(50)), ints);
      case 8 -> new Generated(input.builder().distinct(), ints);
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
    var condition = switch (random.nextInt(3)) {
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
