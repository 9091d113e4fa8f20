package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.TestPlans.and;
import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.lit;
import static dev.ember.catalyst.optimizer.AnalyzedPlanBuilder.csv;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.normalizeIds;
import static dev.ember.catalyst.optimizer.AnalyzedPlanBuilder.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.optimizer.FixedPointDriver;
import dev.ember.catalyst.optimizer.AnalyzedPlanBuilder;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.plan.JoinType;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ReorderJoinTest {
  // Estimated row counts: 1000, 100 and 10.
  private final AnalyzedPlanBuilder big = table("big", 1000, "bx INT");
  private final AnalyzedPlanBuilder medium = table("medium", 100, "mx INT, my INT");
  private final AnalyzedPlanBuilder small = table("small", 10, "sy INT");

  @Test
  void noCrossProductWhileAConditionConnectsAndTheSmallerSideBuilds() {
    AnalyzedPlanBuilder query = big.crossJoin(medium).join(small, and(eq(col("my"), col("sy")), eq(col("bx"), col("mx"))));
    LogicalPlan plan = FixedPointDriver.run(query.build(), new ReorderJoin());
    assertThat(plan.output()).isEqualTo(query.build().output());
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Join type=Inner, condition=(bx#1 = mx#2)
          LocalRelation output=[bx#1], partitions=1, rows=1000
          Join type=Inner, condition=(my#3 = sy#4)
            LocalRelation output=[mx#2, my#3], partitions=1, rows=100
            LocalRelation output=[sy#4], partitions=1, rows=10
        """);
    // A second run finds the chain in greedy order and leaves it.
    assertThat(new ReorderJoin().apply(plan)).isSameAs(plan);
  }

  @Test
  void aCrossProductOnlyWhenNothingConnects() {
    AnalyzedPlanBuilder other = table("other", 5, "ox INT");
    AnalyzedPlanBuilder query = big.join(medium, eq(col("bx"), col("mx"))).crossJoin(other).join(small, eq(col("my"), col("sy")));
    LogicalPlan plan = FixedPointDriver.run(query.build(), new ReorderJoin());
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Project expressions=[bx#1, mx#2, my#3, ox#4, sy#5]
          Join type=Cross
            Join type=Inner, condition=(bx#1 = mx#2)
              LocalRelation output=[bx#1], partitions=1, rows=1000
              Join type=Inner, condition=(my#3 = sy#5)
                LocalRelation output=[mx#2, my#3], partitions=1, rows=100
                LocalRelation output=[sy#5], partitions=1, rows=10
            LocalRelation output=[ox#4], partitions=1, rows=5
        """);
  }

  @Test
  void notForTwoInputsNorAcrossOuterJoinsNorForAChainInGreedyOrder() {
    LogicalPlan two = big.join(medium, eq(col("bx"), col("mx"))).build();
    assertThat(new ReorderJoin().apply(two)).isSameAs(two);
    LogicalPlan outer = big.crossJoin(medium).join(small, and(eq(col("my"), col("sy")), eq(col("bx"), col("mx"))),
        JoinType.LEFT_OUTER).build();
    assertThat(new ReorderJoin().apply(outer)).isSameAs(outer);
    LogicalPlan greedy = big.join(medium.join(small, eq(col("my"), col("sy"))), eq(col("bx"), col("mx"))).build();
    assertThat(new ReorderJoin().apply(greedy)).isSameAs(greedy);
  }

  // TPC-H SF1 file sizes (bytes); each scan already carries the filters pushdown moved onto it.
  private static AnalyzedPlanBuilder customer() {
    return csv("customer", 24_000_000, "c_custkey INT, c_nationkey INT, c_mktsegment STRING, c_comment STRING");
  }

  private static AnalyzedPlanBuilder orders() {
    return csv("orders", 160_000_000, "o_orderkey INT, o_custkey INT, o_orderdate DATE, o_shippriority INT, "
        + "o_comment STRING");
  }

  private static AnalyzedPlanBuilder lineitem() {
    return csv("lineitem", 700_000_000, "l_orderkey INT, l_suppkey INT, l_extendedprice DOUBLE, l_discount DOUBLE, "
        + "l_shipdate DATE, l_comment STRING");
  }

  @Test
  void tpchQ3ProbesLineitemAgainstTheFilteredCustomersAndOrders() {
    LocalDate day = LocalDate.of(1995, 3, 15);
    // FROM order: customer, orders, lineitem. Estimated rows (file bytes / row width * selectivity):
    // customer 500,000 * 0.1; orders 4,444,444 / 3; lineitem 14,583,333 / 3. The filtered customers
    // build for the orders, and their join (an orders-sized estimate) builds for lineitem.
    AnalyzedPlanBuilder query = customer().filter(eq(col("c_mktsegment"), "BUILDING"))
        .join(orders().filter(call("<", col("o_orderdate"), lit(day))), eq(col("c_custkey"), col("o_custkey")))
        .join(lineitem().filter(gt(col("l_shipdate"), day)), eq(col("l_orderkey"), col("o_orderkey")));
    LogicalPlan plan = FixedPointDriver.run(query.build(), new ReorderJoin());
    assertThat(plan.output()).isEqualTo(query.build().output());
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Project expressions=[c_custkey#1, c_nationkey#2, c_mktsegment#3, c_comment#4, o_orderkey#5, o_custkey#6, o_orderdate#7, o_shippriority#8, o_comment#9, l_orderkey#10, l_suppkey#11, l_extendedprice#12, l_discount#13, l_shipdate#14, l_comment#15]
          Join type=Inner, condition=(l_orderkey#10 = o_orderkey#5)
            Filter condition=(l_shipdate#14 > DATE '1995-03-15')
              CsvRelation output=[l_orderkey#10, l_suppkey#11, l_extendedprice#12, l_discount#13, l_shipdate#14, l_comment#15], paths=[/data/lineitem.csv], splits=1
            Join type=Inner, condition=(c_custkey#1 = o_custkey#6)
              Filter condition=(o_orderdate#7 < DATE '1995-03-15')
                CsvRelation output=[o_orderkey#5, o_custkey#6, o_orderdate#7, o_shippriority#8, o_comment#9], paths=[/data/orders.csv], splits=1
              Filter condition=(c_mktsegment#3 = 'BUILDING')
                CsvRelation output=[c_custkey#1, c_nationkey#2, c_mktsegment#3, c_comment#4], paths=[/data/customer.csv], splits=1
        """);
  }

  @Test
  void tpchQ5JoinsTheDimensionsFirstAndLineitemLast() {
    // Smallest first: ASIA's region, nation, supplier, customer, the 1994 orders (1/9 of them);
    // lineitem last, probing with both of its keys.
    LocalDate from = LocalDate.of(1994, 1, 1);
    AnalyzedPlanBuilder supplier = csv("supplier", 1_400_000, "s_suppkey INT, s_nationkey INT, s_comment STRING");
    AnalyzedPlanBuilder nation = csv("nation", 2_200, "n_nationkey INT, n_name STRING, n_regionkey INT");
    AnalyzedPlanBuilder region = csv("region", 400, "r_regionkey INT, r_name STRING");
    AnalyzedPlanBuilder query = customer()
        .join(orders().filter(and(call(">=", col("o_orderdate"), lit(from)),
            call("<", col("o_orderdate"), lit(from.plusYears(1))))), eq(col("c_custkey"), col("o_custkey")))
        .join(lineitem(), eq(col("l_orderkey"), col("o_orderkey")))
        .join(supplier, and(eq(col("l_suppkey"), col("s_suppkey")), eq(col("c_nationkey"), col("s_nationkey"))))
        .join(nation, eq(col("s_nationkey"), col("n_nationkey")))
        .join(region.filter(eq(col("r_name"), "ASIA")), eq(col("n_regionkey"), col("r_regionkey")));
    LogicalPlan plan = FixedPointDriver.run(query.build(), new ReorderJoin());
    assertThat(plan.output()).isEqualTo(query.build().output());
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Project expressions=[c_custkey#1, c_nationkey#2, c_mktsegment#3, c_comment#4, o_orderkey#5, o_custkey#6, o_orderdate#7, o_shippriority#8, o_comment#9, l_orderkey#10, l_suppkey#11, l_extendedprice#12, l_discount#13, l_shipdate#14, l_comment#15, s_suppkey#16, s_nationkey#17, s_comment#18, n_nationkey#19, n_name#20, n_regionkey#21, r_regionkey#22, r_name#23]
          Join type=Inner, condition=((l_orderkey#10 = o_orderkey#5) AND (l_suppkey#11 = s_suppkey#16))
            CsvRelation output=[l_orderkey#10, l_suppkey#11, l_extendedprice#12, l_discount#13, l_shipdate#14, l_comment#15], paths=[/data/lineitem.csv], splits=1
            Join type=Inner, condition=(c_custkey#1 = o_custkey#6)
              Join type=Inner, condition=(c_nationkey#2 = s_nationkey#17)
                CsvRelation output=[c_custkey#1, c_nationkey#2, c_mktsegment#3, c_comment#4], paths=[/data/customer.csv], splits=1
                Join type=Inner, condition=(s_nationkey#17 = n_nationkey#19)
                  CsvRelation output=[s_suppkey#16, s_nationkey#17, s_comment#18], paths=[/data/supplier.csv], splits=1
                  Join type=Inner, condition=(n_regionkey#21 = r_regionkey#22)
                    CsvRelation output=[n_nationkey#19, n_name#20, n_regionkey#21], paths=[/data/nation.csv], splits=1
                    Filter condition=(r_name#23 = 'ASIA')
                      CsvRelation output=[r_regionkey#22, r_name#23], paths=[/data/region.csv], splits=1
              Filter condition=((o_orderdate#7 >= DATE '1994-01-01') AND (o_orderdate#7 < DATE '1995-01-01'))
                CsvRelation output=[o_orderkey#5, o_custkey#6, o_orderdate#7, o_shippriority#8, o_comment#9], paths=[/data/orders.csv], splits=1
        """);
  }

  @Test
  void notWithoutAnEquiConditionNorAcrossAFullOuterJoin() {
    LogicalPlan nonEqui = big.join(medium, call("<", col("bx"), col("mx"))).join(small, call("<", col("my"), col("sy")))
        .build();
    assertThat(new ReorderJoin().apply(nonEqui)).isSameAs(nonEqui);
    // Across a full outer join: two inputs on each side of it, none reordered.
    LogicalPlan acrossFull = big.join(medium, eq(col("bx"), col("mx")), JoinType.FULL_OUTER)
        .join(small, eq(col("my"), col("sy"))).build();
    assertThat(new ReorderJoin().apply(acrossFull)).isSameAs(acrossFull);
  }
}
