package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.TestPlans.and;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.normalizeIds;
import static dev.ember.catalyst.optimizer.AnalyzedPlanBuilder.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.optimizer.FixedPointDriver;
import dev.ember.catalyst.optimizer.AnalyzedPlanBuilder;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.core.plan.JoinType;
import org.junit.jupiter.api.Test;

class ReorderJoinTest {
  // 1000, 100 and 10 rows.
  private final AnalyzedPlanBuilder big = table("big", 1000, "bx INT");
  private final AnalyzedPlanBuilder medium = table("medium", 100, "mx INT, my INT");
  private final AnalyzedPlanBuilder small = table("small", 10, "sy INT");

  @Test
  void theFactTableStreamsThroughItsDimensionsWithoutACrossProduct() {
    // Written with a cross product first; the condition connects big-medium and medium-small.
    AnalyzedPlanBuilder query = big.crossJoin(medium).join(small, and(eq(col("my"), col("sy")), eq(col("bx"), col("mx"))));
    LogicalPlan plan = FixedPointDriver.run(query.build(), new ReorderJoin());
    assertThat(plan.output()).isEqualTo(query.build().output());
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Join type=Inner, condition=(my#1 = sy#2)
          Join type=Inner, condition=(bx#3 = mx#4)
            LocalRelation output=[bx#3], partitions=1, rows=1000
            LocalRelation output=[mx#4, my#1], partitions=1, rows=100
          LocalRelation output=[sy#2], partitions=1, rows=10
        """);
    // A second run finds the chain in this order and leaves it.
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
            Join type=Inner, condition=(my#3 = sy#5)
              Join type=Inner, condition=(bx#1 = mx#2)
                LocalRelation output=[bx#1], partitions=1, rows=1000
                LocalRelation output=[mx#2, my#3], partitions=1, rows=100
              LocalRelation output=[sy#5], partitions=1, rows=10
            LocalRelation output=[ox#4], partitions=1, rows=5
        """);
  }

  @Test
  void theMostSelectiveDimensionIsJoinedFirst() {
    // Both reference tables are dimensions of the facts; the filtered one drops 90% of the stream.
    AnalyzedPlanBuilder facts = table("facts", 1000, "fa INT, fb INT");
    AnalyzedPlanBuilder first = table("first", 10, "a INT");
    AnalyzedPlanBuilder second = table("second", 100, "b INT, bn INT").filter(eq(col("bn"), 3));
    AnalyzedPlanBuilder query = facts.join(first, eq(col("fa"), col("a"))).join(second, eq(col("fb"), col("b")))
        .join(table("third", 5, "t INT"), eq(col("a"), col("t")));
    LogicalPlan plan = FixedPointDriver.run(query.build(), new ReorderJoin());
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Project expressions=[fa#1, fb#2, a#3, b#4, bn#5, t#6]
          Join type=Inner, condition=(a#3 = t#6)
            Join type=Inner, condition=(fa#1 = a#3)
              Join type=Inner, condition=(fb#2 = b#4)
                LocalRelation output=[fa#1, fb#2], partitions=1, rows=1000
                Filter condition=(bn#5 = 3)
                  LocalRelation output=[b#4, bn#5], partitions=1, rows=100
              LocalRelation output=[a#3], partitions=1, rows=10
            LocalRelation output=[t#6], partitions=1, rows=5
        """);
  }

  /** TPC-H Q5's chain in FROM order, at SF1's row ratios / 1000, filters already at the scans. */
  @Test
  void aDimensionWithItsOwnFilteredDimensionIsJoinedToItFirst() {
    // Q3: lineitem references orders, orders references customer, and only customer's segment is
    // filtered. Orders joined to the segment's customers first, the stream probes far fewer orders.
    AnalyzedPlanBuilder customer = table("customer", 150, "c_custkey INT, c_segment INT").filter(eq(col("c_segment"), 1));
    AnalyzedPlanBuilder orders = table("orders", 1500, "o_orderkey INT, o_custkey INT");
    AnalyzedPlanBuilder lineitem = table("lineitem", 6000, "l_orderkey INT");
    LogicalPlan query = customer.join(orders, eq(col("c_custkey"), col("o_custkey")))
        .join(lineitem, eq(col("l_orderkey"), col("o_orderkey"))).build();
    LogicalPlan plan = FixedPointDriver.run(query, new ReorderJoin());
    assertThat(plan.output()).isEqualTo(query.output());
    assertThat(normalizeIds(PlanPrinter.logical(((Project) plan).child()))).isEqualTo("""
        Join type=Inner, condition=(l_orderkey#1 = o_orderkey#2)
          LocalRelation output=[l_orderkey#1], partitions=1, rows=6000
          Join type=Inner, condition=(c_custkey#3 = o_custkey#4)
            LocalRelation output=[o_orderkey#2, o_custkey#4], partitions=1, rows=1500
            Filter condition=(c_segment#5 = 1)
              LocalRelation output=[c_custkey#3, c_segment#5], partitions=1, rows=150
        """);
    assertThat(new ReorderJoin().apply(((Project) plan).child())).isSameAs(((Project) plan).child());
  }

  @Test
  void aDimensionWhoseOwnDimensionsAreUnfilteredStaysOneInput() {
    // Q10's customer and nation: nothing filtered below orders, so pre-joining would only widen
    // the build side; the stream probes each table in turn.
    AnalyzedPlanBuilder nation = table("nation", 5, "n_nationkey INT");
    AnalyzedPlanBuilder customer = table("customer", 150, "c_custkey INT, c_nationkey INT");
    AnalyzedPlanBuilder orders = table("orders", 1500, "o_orderkey INT, o_custkey INT, o_date INT")
        .filter(gt(col("o_date"), 7));
    AnalyzedPlanBuilder lineitem = table("lineitem", 6000, "l_orderkey INT");
    LogicalPlan query = lineitem.join(orders, eq(col("l_orderkey"), col("o_orderkey")))
        .join(customer, eq(col("c_custkey"), col("o_custkey")))
        .join(nation, eq(col("c_nationkey"), col("n_nationkey"))).build();
    LogicalPlan plan = FixedPointDriver.run(query, new ReorderJoin());
    LogicalPlan chain = plan instanceof Project project ? project.child() : plan;
    while (chain instanceof Join join) {
      assertThat(join.right()).isNotInstanceOf(Join.class);
      chain = join.left();
    }
  }

  private static AnalyzedPlanBuilder q5Shape(boolean customerFirst) {
    AnalyzedPlanBuilder customer = table("customer", 150, "c_custkey INT, c_nationkey INT");
    AnalyzedPlanBuilder orders = table("orders", 1500, "o_orderkey INT, o_custkey INT, o_orderdate INT")
        .filter(and(gt(col("o_orderdate"), 10), gt(col("o_orderdate"), 20)));
    AnalyzedPlanBuilder lineitem = table("lineitem", 6000, "l_orderkey INT, l_suppkey INT");
    AnalyzedPlanBuilder supplier = table("supplier", 10, "s_suppkey INT, s_nationkey INT");
    AnalyzedPlanBuilder nation = table("nation", 5, "n_nationkey INT, n_regionkey INT");
    AnalyzedPlanBuilder region = table("region", 5, "r_regionkey INT, r_name INT").filter(eq(col("r_name"), 2));
    AnalyzedPlanBuilder start = customerFirst
        ? customer.join(orders, eq(col("c_custkey"), col("o_custkey"))).join(lineitem, eq(col("l_orderkey"), col("o_orderkey")))
        : lineitem.join(orders, eq(col("l_orderkey"), col("o_orderkey")));
    AnalyzedPlanBuilder withSupplier = start.join(supplier, customerFirst
        ? and(eq(col("l_suppkey"), col("s_suppkey")), eq(col("c_nationkey"), col("s_nationkey")))
        : eq(col("l_suppkey"), col("s_suppkey")));
    AnalyzedPlanBuilder rest = withSupplier.join(nation, eq(col("s_nationkey"), col("n_nationkey")))
        .join(region, eq(col("n_regionkey"), col("r_regionkey")));
    return customerFirst
        ? rest
        : rest.join(customer, and(eq(col("c_custkey"), col("o_custkey")), eq(col("c_nationkey"), col("s_nationkey"))));
  }

  @Test
  void q5NeverJoinsCustomerToSupplierByNationOnly() {
    // Customer (150 rows) meets supplier (10 rows) by nation key, which is a key of neither: each
    // supplier would meet every customer of its nation. Customer is a dimension of orders only.
    LogicalPlan plan = FixedPointDriver.run(q5Shape(true).build(), new ReorderJoin());
    // Supplier comes with its own filtered dimensions (nation, the one region): that branch is
    // joined first, so the stream probes only the region's suppliers.
    assertThat(normalizeIds(PlanPrinter.logical(((Project) plan).child()))).isEqualTo("""
        Join type=Inner, condition=((c_custkey#1 = o_custkey#2) AND (c_nationkey#3 = s_nationkey#4))
          Join type=Inner, condition=(l_suppkey#5 = s_suppkey#6)
            Join type=Inner, condition=(l_orderkey#7 = o_orderkey#8)
              LocalRelation output=[l_orderkey#7, l_suppkey#5], partitions=1, rows=6000
              Filter condition=((o_orderdate#9 > 10) AND (o_orderdate#9 > 20))
                LocalRelation output=[o_orderkey#8, o_custkey#2, o_orderdate#9], partitions=1, rows=1500
            Join type=Inner, condition=(s_nationkey#4 = n_nationkey#10)
              LocalRelation output=[s_suppkey#6, s_nationkey#4], partitions=1, rows=10
              Join type=Inner, condition=(n_regionkey#11 = r_regionkey#12)
                LocalRelation output=[n_nationkey#10, n_regionkey#11], partitions=1, rows=5
                Filter condition=(r_name#13 = 2)
                  LocalRelation output=[r_regionkey#12, r_name#13], partitions=1, rows=5
          LocalRelation output=[c_custkey#1, c_nationkey#3], partitions=1, rows=150
        """);
    // The stream (lineitem) runs down the left spine; customer meets it by its key, with the nation
    // equality a residual of that join, never a join of its own.
    LogicalPlan chain = ((Project) plan).child();
    while (chain instanceof Join join) {
      chain = join.left();
    }
    assertThat(PlanPrinter.logical(chain)).contains("l_orderkey");
    // A second run leaves the bushy order as it is.
    assertThat(new ReorderJoin().apply(((Project) plan).child())).isSameAs(((Project) plan).child());
  }

  @Test
  void notForTwoInputsNorAcrossOuterJoinsNorForAChainInFactFirstOrder() {
    LogicalPlan two = big.join(medium, eq(col("bx"), col("mx"))).build();
    assertThat(new ReorderJoin().apply(two)).isSameAs(two);
    LogicalPlan outer = big.crossJoin(medium).join(small, and(eq(col("my"), col("sy")), eq(col("bx"), col("mx"))),
        JoinType.LEFT_OUTER).build();
    assertThat(new ReorderJoin().apply(outer)).isSameAs(outer);
    LogicalPlan ordered = big.join(medium, eq(col("bx"), col("mx"))).join(small, eq(col("my"), col("sy"))).build();
    assertThat(new ReorderJoin().apply(ordered)).isSameAs(ordered);
    // The Q5 chain once ordered: nothing more to change.
    LogicalPlan q5 = FixedPointDriver.run(q5Shape(false).build(), new ReorderJoin());
    assertThat(new ReorderJoin().apply(q5)).isSameAs(q5);
    // No equality between two inputs: no order makes a hash join, the written order stays.
    LogicalPlan theta = big.crossJoin(medium).join(small, and(gt(col("my"), col("sy")), gt(col("bx"), col("mx")))).build();
    assertThat(new ReorderJoin().apply(theta)).isSameAs(theta);
  }
}
