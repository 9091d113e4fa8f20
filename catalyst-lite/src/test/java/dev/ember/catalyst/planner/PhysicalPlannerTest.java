package dev.ember.catalyst.planner;

import static dev.ember.catalyst.TestPlans.bound;
import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.desc;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.relation;
import static dev.ember.catalyst.TestPlans.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.analysis.Analyzer;
import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.plan.Distinct;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.plan.JoinType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhysicalPlannerTest {
  private final Analyzer analyzer = new Analyzer();
  private final PhysicalPlanner planner = new PhysicalPlanner(new PlannerSettings(4));
  private final LocalRelation orders = relation(3, "id INT, customer_id INT, total DOUBLE");
  private final LocalRelation customers = relation(2, "customer_id INT, name STRING");

  private String explain(LogicalPlan plan) {
    return PlanPrinter.physical(planner.plan(plan));
  }

  private UnresolvedExpression sameCustomer() {
    return eq(bound(orders.output().get(1)), bound(customers.output().get(0)));
  }

  private LogicalPlan join(JoinType type) {
    return analyzer.join(orders, customers, sameCustomer(), type);
  }

  private LogicalPlan nonEquiJoin(JoinType type) {
    return analyzer.join(orders, customers, gt(bound(orders.output().get(1)), bound(customers.output().get(0))), type);
  }

  @Test
  void groupedAggregateRunsInTwoPhasesAroundAHashExchange() {
    LogicalPlan plan = analyzer.aggregate(orders, List.of(col("customer_id")),
        List.of(sum(col("total")), call("avg", col("total")), call("count_star")));
    assertThat(explain(plan)).isEqualTo("""
        HashAggregate mode=FINAL, keys=[customer_id#0], functions=[sum(sum(total)#1), avg(avg(total).sum#2), count(1)], output=[customer_id, sum(total), avg(total), count(1)], resultStage=1, resultTasks=4
          Exchange hashpartitioning(customer_id#0, 4), endsStage=0, stageTasks=3
            HashAggregate mode=PARTIAL, keys=[customer_id#1], functions=[sum(total#2), avg(total#2), count(1)], output=[customer_id, sum(total), avg(total).sum, avg(total).count, count(1)]
              InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
        """);
  }

  @Test
  void globalAggregateGathersIntoOnePartition() {
    LogicalPlan plan = analyzer.aggregate(orders, List.of(), List.of(sum(col("total")), call("first", col("id"))));
    assertThat(explain(plan)).isEqualTo("""
        HashAggregate mode=FINAL, keys=[], functions=[sum(sum(total)#0), first(first(id).value#1)], output=[sum(total), first(id)], resultStage=1, resultTasks=1
          Exchange SinglePartition, endsStage=0, stageTasks=3
            HashAggregate mode=PARTIAL, keys=[], functions=[sum(total#2), first(id#0)], output=[sum(total), first(id).value, first(id).seen]
              InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
        """);
  }

  @Test
  void countDistinctShufflesRawRowsAndAggregatesOnce() {
    LogicalPlan plan = analyzer.aggregate(orders, List.of(col("customer_id")),
        List.of(call("count_distinct", col("id")), sum(col("total"))));
    assertThat(explain(plan)).isEqualTo("""
        HashAggregate mode=COMPLETE, keys=[customer_id#1], functions=[count(DISTINCT id#0), sum(total#2)], output=[customer_id, count(DISTINCT id), sum(total)], resultStage=1, resultTasks=4
          Exchange hashpartitioning(customer_id#1, 4), endsStage=0, stageTasks=3
            InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
        """);
    LogicalPlan global = analyzer.aggregate(orders, List.of(), List.of(call("count_distinct", col("id"))));
    assertThat(explain(global)).isEqualTo("""
        HashAggregate mode=COMPLETE, keys=[], functions=[count(DISTINCT id#0)], output=[count(DISTINCT id)], resultStage=1, resultTasks=1
          Exchange SinglePartition, endsStage=0, stageTasks=3
            InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
        """);
  }

  @Test
  void aSinglePartitionNeedsNoExchange() {
    LogicalPlan plan = analyzer.aggregate(relation("a INT, b INT"), List.of(col("a")), List.of(sum(col("b"))));
    assertThat(explain(plan)).isEqualTo("""
        HashAggregate mode=COMPLETE, keys=[a#0], functions=[sum(b#1)], output=[a, sum(b)], resultStage=0, resultTasks=1
          InMemoryScan output=[a#0, b#1], partitions=1, rows=0
        """);
    assertThat(explain(analyzer.sort(relation("a INT"), List.of(col("a"))))).isEqualTo("""
        Sort orders=[a#0 ASC NULLS FIRST], resultStage=0, resultTasks=1
          InMemoryScan output=[a#0], partitions=1, rows=0
        """);
  }

  @Test
  void distinctIsAnAggregateOnAllColumns() {
    assertThat(explain(new Distinct(orders))).isEqualTo("""
        HashAggregate mode=FINAL, keys=[id#0, customer_id#1, total#2], functions=[], output=[id, customer_id, total], resultStage=1, resultTasks=4
          Exchange hashpartitioning(id#0, customer_id#1, total#2, 4), endsStage=0, stageTasks=3
            HashAggregate mode=PARTIAL, keys=[id#0, customer_id#1, total#2], functions=[], output=[id, customer_id, total]
              InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
        """);
  }

  @Test
  void equiJoinsShuffleBothSidesOnTheirKeys() {
    for (JoinType type : List.of(JoinType.INNER, JoinType.LEFT_OUTER, JoinType.RIGHT_OUTER, JoinType.FULL_OUTER,
        JoinType.LEFT_SEMI, JoinType.LEFT_ANTI, JoinType.CROSS)) {
      String name = type == JoinType.CROSS ? "Inner" : type.sparkName();
      assertThat(explain(join(type))).as(type.name()).isEqualTo("""
          HashJoin type=%s, leftKeys=[customer_id#1], rightKeys=[customer_id#0], resultStage=2, resultTasks=4
            Exchange hashpartitioning(customer_id#1, 4), endsStage=0, stageTasks=3
              InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
            Exchange hashpartitioning(customer_id#0, 4), endsStage=1, stageTasks=2
              InMemoryScan output=[customer_id#0, name#1], partitions=2, rows=0
          """.formatted(name));
    }
  }

  @Test
  void equiJoinKeysOfDifferentTypesHashTheSameCastKeysAndKeepTheResidual() {
    LocalRelation wide = relation(2, "customer_id LONG, since DATE");
    LogicalPlan plan = analyzer.join(orders, wide, call("and",
        eq(bound(wide.output().get(0)), bound(orders.output().get(1))),
        call("<", bound(orders.output().get(0)), lit(10))), JoinType.INNER);
    assertThat(explain(plan)).isEqualTo("""
        HashJoin type=Inner, leftKeys=[cast(customer_id#1 as bigint)], rightKeys=[customer_id#0], condition=(id#0 < 10), resultStage=2, resultTasks=4
          Exchange hashpartitioning(cast(customer_id#1 as bigint), 4), endsStage=0, stageTasks=3
            InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
          Exchange hashpartitioning(customer_id#0, 4), endsStage=1, stageTasks=2
            InMemoryScan output=[customer_id#0, since#1], partitions=2, rows=0
        """);
  }

  private static UnresolvedExpression lit(Object value) {
    return dev.ember.catalyst.TestPlans.lit(value);
  }

  @Test
  void joinsWithoutEquiKeysBroadcastTheRightOrGatherBothSides() {
    for (JoinType type : List.of(JoinType.INNER, JoinType.LEFT_OUTER, JoinType.LEFT_SEMI, JoinType.LEFT_ANTI, JoinType.CROSS)) {
      assertThat(explain(nonEquiJoin(type))).as(type.name()).isEqualTo("""
          NestedLoopJoin type=%s, condition=(customer_id#1 > customer_id#3), resultStage=1, resultTasks=3
            InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
            BroadcastExchange endsStage=0, stageTasks=2
              InMemoryScan output=[customer_id#0, name#1], partitions=2, rows=0
          """.formatted(type.sparkName()));
    }
    for (JoinType type : List.of(JoinType.RIGHT_OUTER, JoinType.FULL_OUTER)) {
      assertThat(explain(nonEquiJoin(type))).as(type.name()).isEqualTo("""
          NestedLoopJoin type=%s, condition=(customer_id#1 > customer_id#3), resultStage=2, resultTasks=1
            Exchange SinglePartition, endsStage=0, stageTasks=3
              InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
            Exchange SinglePartition, endsStage=1, stageTasks=2
              InMemoryScan output=[customer_id#0, name#1], partitions=2, rows=0
          """.formatted(type.sparkName()));
    }
    assertThat(explain(analyzer.join(orders, customers, null, JoinType.CROSS))).isEqualTo("""
        NestedLoopJoin type=Cross, resultStage=1, resultTasks=3
          InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
          BroadcastExchange endsStage=0, stageTasks=2
            InMemoryScan output=[customer_id#0, name#1], partitions=2, rows=0
        """);
  }

  @Test
  void broadcastHintsBuildAHashJoinOnTheBroadcastSide() {
    LogicalPlan right = analyzer.join(orders, customers, sameCustomer(), JoinType.LEFT_OUTER, false, true);
    assertThat(explain(right)).isEqualTo("""
        HashJoin type=LeftOuter, leftKeys=[customer_id#1], rightKeys=[customer_id#0], resultStage=1, resultTasks=3
          InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
          BroadcastExchange endsStage=0, stageTasks=2
            InMemoryScan output=[customer_id#0, name#1], partitions=2, rows=0
        """);
    // A hinted left side is swapped to the build side; a projection restores the column order.
    LogicalPlan left = analyzer.join(orders, customers, sameCustomer(), JoinType.RIGHT_OUTER, true, false);
    assertThat(explain(left)).isEqualTo("""
        Project expressions=[id#2, customer_id#3, total#4, customer_id#0, name#1], resultStage=1, resultTasks=2
          HashJoin type=LeftOuter, leftKeys=[customer_id#0], rightKeys=[customer_id#1]
            InMemoryScan output=[customer_id#0, name#1], partitions=2, rows=0
            BroadcastExchange endsStage=0, stageTasks=3
              InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
        """);
    // A hint the join type cannot honour is ignored.
    LogicalPlan ignored = analyzer.join(orders, customers, sameCustomer(), JoinType.FULL_OUTER, false, true);
    assertThat(explain(ignored)).startsWith("HashJoin type=FullOuter").contains("Exchange hashpartitioning");
  }

  @Test
  void sidesAlreadyHashedOnTheKeysAreNotShuffledAgain() {
    LogicalPlan repartitioned = analyzer.repartition(orders, 4, true, List.of(col("customer_id")));
    LogicalPlan plan = analyzer.join(repartitioned, customers, sameCustomer(), JoinType.INNER);
    assertThat(explain(plan)).isEqualTo("""
        HashJoin type=Inner, leftKeys=[customer_id#1], rightKeys=[customer_id#0], resultStage=2, resultTasks=4
          Exchange hashpartitioning(customer_id#1, 4), endsStage=0, stageTasks=3
            InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
          Exchange hashpartitioning(customer_id#0, 4), endsStage=1, stageTasks=2
            InMemoryScan output=[customer_id#0, name#1], partitions=2, rows=0
        """);
    // Another partition count: the hashed side keeps it and the other side is shuffled to match.
    LogicalPlan other = analyzer.join(analyzer.repartition(orders, 3, true, List.of(col("customer_id"))), customers,
        sameCustomer(), JoinType.INNER);
    assertThat(explain(other)).isEqualTo("""
        HashJoin type=Inner, leftKeys=[customer_id#1], rightKeys=[customer_id#0], resultStage=2, resultTasks=3
          Exchange hashpartitioning(customer_id#1, 3), endsStage=0, stageTasks=3
            InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
          Exchange hashpartitioning(customer_id#0, 3), endsStage=1, stageTasks=2
            InMemoryScan output=[customer_id#0, name#1], partitions=2, rows=0
        """);
    // An aggregate on the join key after the join needs no exchange either.
    LogicalPlan joined = analyzer.joinUsing(orders, customers, List.of("customer_id"), JoinType.INNER);
    LogicalPlan aggregated = analyzer.aggregate(joined, List.of(col("customer_id")), List.of(sum(col("total"))));
    assertThat(explain(aggregated)).isEqualTo("""
        HashAggregate mode=COMPLETE, keys=[customer_id#0], functions=[sum(total#2)], output=[customer_id, sum(total)], resultStage=2, resultTasks=4
          Project expressions=[customer_id#1, id#0, total#2, name#4]
            HashJoin type=Inner, leftKeys=[customer_id#1], rightKeys=[customer_id#0]
              Exchange hashpartitioning(customer_id#1, 4), endsStage=0, stageTasks=3
                InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
              Exchange hashpartitioning(customer_id#0, 4), endsStage=1, stageTasks=2
                InMemoryScan output=[customer_id#0, name#1], partitions=2, rows=0
        """);
    // After a right outer join the left keys no longer cluster the rows.
    LogicalPlan rightJoined = analyzer.join(orders, customers, sameCustomer(), JoinType.RIGHT_OUTER);
    LogicalPlan afterRight = analyzer.aggregate(rightJoined, List.of(bound(orders.output().get(1))), List.of(sum(col("total"))));
    assertThat(explain(afterRight)).startsWith("HashAggregate mode=FINAL");
  }

  @Test
  void sortRangePartitionsThenSortsEachPartition() {
    assertThat(explain(analyzer.sort(orders, List.of(desc(col("total")))))).isEqualTo("""
        Sort orders=[total#2 DESC NULLS LAST], resultStage=2, resultTasks=4
          Exchange rangepartitioning(total#2 DESC NULLS LAST, 4), sampleStage=0, endsStage=1, stageTasks=3
            InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
        """);
  }

  @Test
  void limitOverSortIsATopNPerPartitionThenOverall() {
    assertThat(explain(new Limit(5, analyzer.sort(orders, List.of(desc(col("total"))))))).isEqualTo("""
        Limit limit=5, resultStage=1, resultTasks=1
          Sort orders=[total#2 DESC NULLS LAST]
            Exchange SinglePartition, endsStage=0, stageTasks=3
              Limit limit=5
                Sort orders=[total#2 DESC NULLS LAST]
                  InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
        """);
  }

  @Test
  void limitOverProjectionsAndFiltersOfASortIsStillATopN() {
    LogicalPlan sorted = analyzer.sort(orders, List.of(desc(col("total"))));
    LogicalPlan filtered = analyzer.filter(sorted, gt(col("id"), 0));
    LogicalPlan projected = analyzer.project(filtered, List.of(col("id")));
    assertThat(explain(new Limit(2, projected))).isEqualTo("""
        Project expressions=[id#0], resultStage=1, resultTasks=1
          Limit limit=2
            Sort orders=[total#2 DESC NULLS LAST]
              Exchange SinglePartition, endsStage=0, stageTasks=3
                Limit limit=2
                  Sort orders=[total#2 DESC NULLS LAST]
                    Filter condition=(id#0 > 0)
                      InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
        """);
    // A filter above the limit's projection is not moved: the limit keeps its usual plan.
    LogicalPlan filteredAfterProject = analyzer.filter(analyzer.project(sorted, List.of(col("id"))), gt(col("id"), 0));
    assertThat(explain(new Limit(2, filteredAfterProject))).startsWith("""
        Limit limit=2, resultStage=3, resultTasks=1
          Exchange SinglePartition, endsStage=2, stageTasks=4
            Limit limit=2
              Filter condition=(id#0 > 0)
        """);
  }

  @Test
  void limitIsLocalThenGlobal() {
    assertThat(explain(new Limit(5, orders))).isEqualTo("""
        Limit limit=5, resultStage=1, resultTasks=1
          Exchange SinglePartition, endsStage=0, stageTasks=3
            Limit limit=5
              InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
        """);
    assertThat(explain(new Limit(2, relation("a INT")))).isEqualTo("""
        Limit limit=2, resultStage=0, resultTasks=1
          InMemoryScan output=[a#0], partitions=1, rows=0
        """);
  }

  @Test
  void unionConcatenatesPartitions() {
    assertThat(explain(analyzer.union(orders, analyzer.project(customers, List.of(col("customer_id"),
        col("customer_id"), call("length", col("name"))))))).isEqualTo("""
        Union output=[id#0, customer_id#1, total#2], resultStage=0, resultTasks=5
          InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
          Project expressions=[customer_id#0, customer_id#0, cast(length(name)#2 as double) AS length(name)]
            Project expressions=[customer_id#0, customer_id#0, length(name#1) AS length(name)]
              InMemoryScan output=[customer_id#0, name#1], partitions=2, rows=0
        """);
  }

  @Test
  void repartitionShufflesAndCoalesceMerges() {
    assertThat(explain(analyzer.repartition(orders, 3, true, List.of(col("id"))))).isEqualTo("""
        Exchange hashpartitioning(id#0, 3), endsStage=0, stageTasks=3, resultStage=1, resultTasks=3
          InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
        """);
    assertThat(explain(analyzer.repartition(orders, 5, true, List.of()))).isEqualTo("""
        Exchange RoundRobinPartitioning(5), endsStage=0, stageTasks=3, resultStage=1, resultTasks=5
          InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
        """);
    assertThat(explain(analyzer.repartition(orders, 2, false, List.of()))).isEqualTo("""
        Coalesce partitions=2, resultStage=0, resultTasks=2
          InMemoryScan output=[id#0, customer_id#1, total#2], partitions=3, rows=0
        """);
  }
}
