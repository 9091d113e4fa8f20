package dev.ember.catalyst.planner;

import static dev.ember.catalyst.TestPlans.as;
import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.desc;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.lit;
import static dev.ember.catalyst.TestPlans.normalizeIds;
import static dev.ember.catalyst.TestPlans.relation;
import static dev.ember.catalyst.TestPlans.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.analysis.Analyzer;
import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.core.plan.JoinType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A whole DataFrame query through the analyzer and the planner, as {@code explain()} shows it. */
class QueryPlanTest {
  private final Analyzer analyzer = new Analyzer();

  @Test
  void topCustomersByRevenue() {
    LogicalPlan orders = new SubqueryAlias("o", relation(3, "order_id INT, customer_id INT, amount DOUBLE, day DATE"));
    LogicalPlan customers = new SubqueryAlias("c", relation(2, "customer_id LONG, name STRING"));
    // orders.filter(year(day) >= 2024).join(customers, "customer_id")
    //   .groupBy("name").agg(sum(amount).as("revenue"), count(*)).orderBy(desc("revenue")).limit(3)
    LogicalPlan recent = analyzer.filter(orders, call(">=", call("year", col("day")), lit(2024)));
    LogicalPlan joined = analyzer.joinUsing(recent, customers, List.of("customer_id"), JoinType.INNER);
    LogicalPlan revenue = analyzer.aggregate(joined, List.of(col("name")),
        List.of(as(sum(col("amount")), "revenue"), call("count_star")));
    LogicalPlan query = new Limit(3, analyzer.sort(revenue, List.of(desc(col("revenue")))));

    assertThat(normalizeIds(PlanPrinter.logical(query))).isEqualTo("""
        Limit limit=3
          Sort orders=[revenue#1 DESC NULLS LAST]
            Aggregate groupings=[name#2], aggregates=[sum(amount#3) AS revenue#1, count(1) AS count(1)#4]
              Project expressions=[customer_id#5, order_id#6, amount#3, day#7, name#2]
                Join type=Inner, condition=(cast(customer_id#5 as bigint) = customer_id#8)
                  Filter condition=(year(day#7) >= 2024)
                    SubqueryAlias alias=o
                      LocalRelation output=[order_id#6, customer_id#5, amount#3, day#7], partitions=3, rows=0
                  SubqueryAlias alias=c
                    LocalRelation output=[customer_id#8, name#2], partitions=2, rows=0
        """);
    assertThat(PlanPrinter.physical(new PhysicalPlanner(new PlannerSettings(4)).plan(query))).isEqualTo("""
        Limit limit=3, resultStage=4, resultTasks=1
          Sort orders=[revenue#1 DESC NULLS LAST]
            Exchange SinglePartition, endsStage=3, stageTasks=4
              Limit limit=3
                Sort orders=[revenue#1 DESC NULLS LAST]
                  HashAggregate mode=FINAL, keys=[name#0], functions=[sum(revenue#1), count(1)], output=[name, revenue, count(1)]
                    Exchange hashpartitioning(name#0, 4), endsStage=2, stageTasks=4
                      HashAggregate mode=PARTIAL, keys=[name#4], functions=[sum(amount#2), count(1)], output=[name, revenue, count(1)]
                        Project expressions=[customer_id#1, order_id#0, amount#2, day#3, name#5]
                          HashJoin type=Inner, leftKeys=[cast(customer_id#1 as bigint)], rightKeys=[customer_id#0]
                            Exchange hashpartitioning(cast(customer_id#1 as bigint), 4), endsStage=0, stageTasks=3
                              Filter condition=(year(day#3) >= 2024)
                                InMemoryScan output=[order_id#0, customer_id#1, amount#2, day#3], partitions=3, rows=0
                            Exchange hashpartitioning(customer_id#0, 4), endsStage=1, stageTasks=2
                              InMemoryScan output=[customer_id#0, name#1], partitions=2, rows=0
        """);
  }

  @Test
  void selfJoinThroughAliases() {
    LogicalPlan employees = relation(2, "id INT, manager_id INT, name STRING");
    LogicalPlan pairs = analyzer.join(new SubqueryAlias("e", employees), new SubqueryAlias("m", employees),
        eq(col("e.manager_id"), col("m.id")), JoinType.LEFT_OUTER);
    LogicalPlan named = analyzer.project(pairs, List.of(col("e.name"), as(col("m.name"), "manager")));
    LogicalPlan filtered = analyzer.filter(named, gt(call("length", col("manager")), 0));
    // The right side's re-aliasing projection renames ids only and disappears from the physical plan.
    assertThat(PlanPrinter.physical(new PhysicalPlanner(new PlannerSettings(2)).plan(filtered))).isEqualTo("""
        Filter condition=(length(manager#1) > 0), resultStage=2, resultTasks=2
          Project expressions=[name#2, name#5 AS manager]
            HashJoin type=LeftOuter, leftKeys=[manager_id#1], rightKeys=[id#0]
              Exchange hashpartitioning(manager_id#1, 2), endsStage=0, stageTasks=2
                InMemoryScan output=[id#0, manager_id#1, name#2], partitions=2, rows=0
              Exchange hashpartitioning(id#0, 2), endsStage=1, stageTasks=2
                InMemoryScan output=[id#0, manager_id#1, name#2], partitions=2, rows=0
        """);
  }
}
