package dev.ember.catalyst.planner;

import static dev.ember.catalyst.TestPlans.as;
import static dev.ember.catalyst.TestPlans.bound;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.relation;
import static dev.ember.catalyst.TestPlans.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.analysis.Analyzer;
import dev.ember.catalyst.analysis.ExpressionIds;
import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.RangeRelation;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.HashJoinExec;
import dev.ember.core.plan.JoinType;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.SortMergeJoinExec;
import dev.ember.core.types.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Join selection by estimated size against the broadcast threshold and the per-task join memory
 * budget, and exchanges only where a side is not already partitioned as the join needs.
 */
class JoinSelectionTest {
  private final Analyzer analyzer = new Analyzer();

  /** {@code range(0, rows)}: {@code rows × 8} estimated bytes, 4 partitions. */
  private static RangeRelation range(long rows) {
    return new RangeRelation(0, rows, 1, 4, new AttributeReference("id", ColumnType.LONG, false, ExpressionIds.next(), ""));
  }

  private LogicalPlan join(LogicalPlan left, LogicalPlan right, JoinType type) {
    return analyzer.join(left, right, eq(bound(left.output().get(0)), bound(right.output().get(0))), type);
  }

  private static String explain(LogicalPlan plan, PlannerSettings settings) {
    PhysicalPlan physical = new PhysicalPlanner(settings).plan(plan);
    PhysicalPlanCheck.verify(physical);
    return PlanPrinter.physical(physical);
  }

  @Test
  void theBudgetIsSixTenthsOfExecutorMemoryPerSlot() {
    assertThat(PlannerSettings.joinMemoryBudget(1L << 30, 4)).isEqualTo(161_061_273L);
    assertThat(PlannerSettings.joinMemoryBudget(1, 8)).isEqualTo(1);
    assertThatThrownBy(() -> PlannerSettings.joinMemoryBudget(0, 4)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("executor memory 0 bytes and 4 slots");
    assertThatThrownBy(() -> new PlannerSettings(4, -1, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("join memory budget must be positive: 0 bytes");
    PlannerSettings settings = new PlannerSettings(4, -1, 100);
    assertThat(settings.hashTableFits(400, 4)).isTrue();
    assertThat(settings.hashTableFits(401, 4)).isFalse();
    assertThat(new PlannerSettings(4).joinMemoryBudget()).isEqualTo(PlannerSettings.UNLIMITED_JOIN_MEMORY);
  }

  @Test
  void aRightSideThatFitsBuildsTheHashTable() {
    // right: 100 rows × 8 bytes / 4 tasks = 200 bytes per task, within 500.
    String text = explain(join(range(10_000), range(100), JoinType.INNER), new PlannerSettings(4, -1, 500));
    assertThat(text).isEqualTo("""
        HashJoin type=Inner, leftKeys=[id#0], rightKeys=[id#0], resultStage=2, resultTasks=4
          Exchange hashpartitioning(id#0, 4), endsStage=0, stageTasks=4
            Range start=0, end=10000, step=1, partitions=4
          Exchange hashpartitioning(id#0, 4), endsStage=1, stageTasks=4
            Range start=0, end=100, step=1, partitions=4
        """);
  }

  @Test
  void aLeftSideThatFitsWhenTheRightDoesNotBuildsOnTheLeft() {
    for (JoinType type : List.of(JoinType.INNER, JoinType.LEFT_OUTER, JoinType.RIGHT_OUTER, JoinType.FULL_OUTER)) {
      LogicalPlan plan = join(range(100), range(10_000), type);
      PhysicalPlan physical = new PhysicalPlanner(new PlannerSettings(4, -1, 500)).plan(plan);
      PhysicalPlanCheck.verify(physical);
      String expectedType = switch (type) {
        case LEFT_OUTER -> "RightOuter";
        case RIGHT_OUTER -> "LeftOuter";
        default -> type.sparkName();
      };
      // The small left side is the hash join's right (build) input; a projection restores the column order.
      assertThat(PlanPrinter.physical(physical)).as(type.toString()).startsWith("Project expressions=[id#1, id#0]")
          .contains("HashJoin type=" + expectedType + ", leftKeys=[id#0], rightKeys=[id#0]\n")
          .contains("""
                Exchange hashpartitioning(id#0, 4), endsStage=0, stageTasks=4
                  Range start=0, end=10000, step=1, partitions=4
                Exchange hashpartitioning(id#0, 4), endsStage=1, stageTasks=4
                  Range start=0, end=100, step=1, partitions=4
            """);
      assertThat(physical.schema()).isEqualTo(dev.ember.catalyst.planner.Binder.schema(plan.output()));
    }
  }

  @Test
  void neitherSideFittingMakesASortMergeJoin() {
    String text = explain(join(range(10_000), range(5_000), JoinType.LEFT_OUTER), new PlannerSettings(4, -1, 500));
    assertThat(text).isEqualTo("""
        SortMergeJoin type=LeftOuter, leftKeys=[id#0], rightKeys=[id#0], resultStage=2, resultTasks=4
          Exchange hashpartitioning(id#0, 4), endsStage=0, stageTasks=4
            Range start=0, end=10000, step=1, partitions=4
          Exchange hashpartitioning(id#0, 4), endsStage=1, stageTasks=4
            Range start=0, end=5000, step=1, partitions=4
        """);
    // Semi and anti joins build on the right only: a small left side does not help.
    for (JoinType type : List.of(JoinType.LEFT_SEMI, JoinType.LEFT_ANTI)) {
      PhysicalPlan physical = new PhysicalPlanner(new PlannerSettings(4, -1, 500)).plan(join(range(10), range(10_000), type));
      assertThat(physical).as(type.toString()).isInstanceOf(SortMergeJoinExec.class);
    }
    // More partitions shrink each task's share until the hash table fits.
    assertThat(new PhysicalPlanner(new PlannerSettings(100, -1, 500)).plan(join(range(10_000), range(5_000), JoinType.INNER)))
        .isInstanceOf(HashJoinExec.class);
  }

  @Test
  void broadcastStillWinsOverTheMemoryBudget() {
    PhysicalPlan physical = new PhysicalPlanner(new PlannerSettings(4, 1_000, 10)).plan(join(range(10_000), range(100), JoinType.INNER));
    assertThat(physical).isInstanceOf(HashJoinExec.class);
    assertThat(((ExchangeExec) ((HashJoinExec) physical).right()).partitioning())
        .isInstanceOf(dev.ember.core.plan.Partitioning.Broadcast.class);
  }

  @Test
  void joinAfterJoinOnTheSameKeyThenGroupByShufflesEachInputOnce() {
    LocalRelation a = relation(3, "k INT, x DOUBLE");
    LocalRelation b = relation(2, "k INT, y STRING");
    LocalRelation c = relation(2, "k INT, z LONG");
    LogicalPlan ab = analyzer.joinUsing(a, b, List.of("k"), JoinType.INNER);
    LogicalPlan abc = analyzer.joinUsing(ab, c, List.of("k"), JoinType.INNER);
    LogicalPlan grouped = analyzer.aggregate(abc, List.of(col("k")), List.of(sum(col("z"))));
    assertThat(explain(grouped, new PlannerSettings(4))).isEqualTo("""
        HashAggregate mode=COMPLETE, keys=[k#0], functions=[sum(z#3)], output=[k, sum(z)], resultStage=3, resultTasks=4
          Project expressions=[k#0, x#1, y#2, z#4]
            HashJoin type=Inner, leftKeys=[k#0], rightKeys=[k#0]
              Project expressions=[k#0, x#1, y#3]
                HashJoin type=Inner, leftKeys=[k#0], rightKeys=[k#0]
                  Exchange hashpartitioning(k#0, 4), endsStage=0, stageTasks=3
                    InMemoryScan output=[k#0, x#1], partitions=3, rows=0
                  Exchange hashpartitioning(k#0, 4), endsStage=1, stageTasks=2
                    InMemoryScan output=[k#0, y#1], partitions=2, rows=0
              Exchange hashpartitioning(k#0, 4), endsStage=2, stageTasks=2
                InMemoryScan output=[k#0, z#1], partitions=2, rows=0
        """);
  }

  @Test
  void renamedKeysAndTheRightSideKeysOfAnInnerJoinStillCountAsPartitioned() {
    LocalRelation a = relation(3, "k INT, x DOUBLE");
    LocalRelation b = relation(2, "k2 INT, y STRING");
    LocalRelation c = relation(2, "k3 INT, z LONG");
    LogicalPlan ab = analyzer.join(a, b, eq(col("k"), col("k2")), JoinType.INNER);
    // Rename the right side's key, then join and group on it: hashing k or k2 placed the rows alike.
    LogicalPlan renamed = analyzer.project(ab, List.of(as(col("k2"), "key"), col("x"), col("y")));
    LogicalPlan abc = analyzer.join(renamed, c, eq(col("key"), col("k3")), JoinType.INNER);
    LogicalPlan grouped = analyzer.aggregate(abc, List.of(col("key")), List.of(sum(col("x"))));
    String text = explain(grouped, new PlannerSettings(4));
    assertThat(text.split("Exchange", -1)).hasSize(4);
    assertThat(text).startsWith("HashAggregate mode=COMPLETE").contains("Exchange hashpartitioning(k3#0, 4)");
    // A different key does need its exchange.
    LogicalPlan byY = analyzer.aggregate(abc, List.of(col("y")), List.of(sum(col("x"))));
    assertThat(explain(byY, new PlannerSettings(4))).startsWith("HashAggregate mode=FINAL");
  }

  @Test
  void afterARightOuterJoinTheRightKeysStillClusterTheRows() {
    LocalRelation a = relation(3, "k INT, x DOUBLE");
    LocalRelation b = relation(2, "k2 INT, y STRING");
    LogicalPlan joined = analyzer.join(a, b, eq(col("k"), col("k2")), JoinType.RIGHT_OUTER);
    assertThat(explain(analyzer.aggregate(joined, List.of(col("k2")), List.of(sum(col("x")))), new PlannerSettings(4)))
        .startsWith("HashAggregate mode=COMPLETE");
    assertThat(explain(analyzer.aggregate(joined, List.of(col("k")), List.of(sum(col("x")))), new PlannerSettings(4)))
        .startsWith("HashAggregate mode=FINAL");
    LogicalPlan full = analyzer.join(a, b, eq(col("k"), col("k2")), JoinType.FULL_OUTER);
    assertThat(explain(analyzer.aggregate(full, List.of(col("k2")), List.of(sum(col("x")))), new PlannerSettings(4)))
        .startsWith("HashAggregate mode=FINAL");
  }

  @Test
  void aSideHashedOnSomeOfTheKeysKeepsItsPartitioningAndTheOtherSideMatches() {
    LocalRelation a = relation(3, "k INT, j INT, x DOUBLE");
    LocalRelation b = relation(2, "k2 INT, j2 INT, y STRING");
    LogicalPlan hashedOnK = analyzer.repartition(a, 5, true, List.of(col("k")));
    LogicalPlan plan = analyzer.join(hashedOnK, b,
        dev.ember.catalyst.TestPlans.and(eq(col("j"), col("j2")), eq(col("k"), col("k2"))), JoinType.INNER);
    assertThat(explain(plan, new PlannerSettings(4))).isEqualTo("""
        HashJoin type=Inner, leftKeys=[j#1, k#0], rightKeys=[j2#1, k2#0], resultStage=2, resultTasks=5
          Exchange hashpartitioning(k#0, 5), endsStage=0, stageTasks=3
            InMemoryScan output=[k#0, j#1, x#2], partitions=3, rows=0
          Exchange hashpartitioning(k2#0, 5), endsStage=1, stageTasks=2
            InMemoryScan output=[k2#0, j2#1, y#2], partitions=2, rows=0
        """);
  }
}
