package dev.ember.catalyst.optimizer;

import static dev.ember.catalyst.TestPlans.and;
import static dev.ember.catalyst.TestPlans.as;
import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.desc;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.lit;
import static dev.ember.catalyst.TestPlans.minus;
import static dev.ember.catalyst.TestPlans.normalizeIds;
import static dev.ember.catalyst.TestPlans.sum;
import static dev.ember.catalyst.optimizer.AnalyzedPlanBuilder.csv;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.plan.ReplicateRows;
import dev.ember.catalyst.plan.Aggregate;
import dev.ember.catalyst.plan.CsvRelation;
import dev.ember.catalyst.plan.Distinct;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.InMemoryRelation;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.NamedAggregate;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.plan.RangeRelation;
import dev.ember.catalyst.plan.Repartition;
import dev.ember.catalyst.plan.Sort;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.catalyst.plan.Union;
import dev.ember.catalyst.planner.PhysicalPlanner;
import dev.ember.catalyst.planner.PlannerSettings;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.SortOrder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import dev.ember.catalyst.rewrite.PlanRewrites;

/**
 * TPC-H Q5 in the DSL, written as a DataFrame user would (joins in FROM order, all filters at the
 * end), through the pushdown batches and the test driver: every filter must end in or right above
 * a scan, and every scan must read only the columns the query uses.
 */
class TpchQ5PushdownTest {

  static LogicalPlan q5() {
    AnalyzedPlanBuilder customer = csv("customer", 24_000_000, "c_custkey INT, c_name STRING, c_address STRING, c_nationkey INT, "
        + "c_phone STRING, c_acctbal DOUBLE, c_mktsegment STRING, c_comment STRING");
    AnalyzedPlanBuilder orders = csv("orders", 160_000_000, "o_orderkey INT, o_custkey INT, o_orderstatus STRING, "
        + "o_totalprice DOUBLE, o_orderdate DATE, o_orderpriority STRING, o_clerk STRING, o_shippriority INT, o_comment STRING");
    AnalyzedPlanBuilder lineitem = csv("lineitem", 700_000_000, "l_orderkey INT, l_partkey INT, l_suppkey INT, l_linenumber INT, "
        + "l_quantity DOUBLE, l_extendedprice DOUBLE, l_discount DOUBLE, l_tax DOUBLE, l_returnflag STRING, "
        + "l_linestatus STRING, l_shipdate DATE, l_commitdate DATE, l_receiptdate DATE, l_shipinstruct STRING, "
        + "l_shipmode STRING, l_comment STRING");
    AnalyzedPlanBuilder supplier = csv("supplier", 1_400_000, "s_suppkey INT, s_name STRING, s_address STRING, s_nationkey INT, "
        + "s_phone STRING, s_acctbal DOUBLE, s_comment STRING");
    AnalyzedPlanBuilder nation = csv("nation", 2_200, "n_nationkey INT, n_name STRING, n_regionkey INT, n_comment STRING");
    AnalyzedPlanBuilder region = csv("region", 400, "r_regionkey INT, r_name STRING, r_comment STRING");
    return customer.join(orders, eq(col("c_custkey"), col("o_custkey")))
        .join(lineitem, eq(col("l_orderkey"), col("o_orderkey")))
        .join(supplier, and(eq(col("l_suppkey"), col("s_suppkey")), eq(col("c_nationkey"), col("s_nationkey"))))
        .join(nation, eq(col("s_nationkey"), col("n_nationkey")))
        .join(region, eq(col("n_regionkey"), col("r_regionkey")))
        .filter(and(eq(col("r_name"), "ASIA"), and(call(">=", col("o_orderdate"), lit(LocalDate.of(1994, 1, 1))),
            call("<", col("o_orderdate"), lit(LocalDate.of(1995, 1, 1))))))
        .groupBy(List.of(col("n_name")),
            as(sum(call("*", col("l_extendedprice"), minus(lit(1), col("l_discount")))), "revenue"))
        .orderBy(desc(col("revenue")))
        .build();
  }

  @Test
  void everyFilterEndsInOrAboveAScanAndEveryScanReadsOnlyUsedColumns() {
    LogicalPlan analyzed = q5();
    LogicalPlan optimized = FixedPointDriver.runBatches(analyzed, DefaultRuleBatches.pushdownBatches());
    assertThat(optimized.output()).isEqualTo(analyzed.output());
    String text = PlanPrinter.logical(optimized);

    List<Filter> filters = new ArrayList<>();
    List<CsvRelation> scans = new ArrayList<>();
    collect(optimized, filters, scans);
    for (Filter filter : filters) {
      assertThat(filter.child()).as("a filter not right above a scan in\n%s", text).isInstanceOf(CsvRelation.class);
    }
    Set<Long> used = usedColumns(optimized);
    Map<String, List<String>> columns = new LinkedHashMap<>();
    for (CsvRelation scan : scans) {
      for (AttributeReference column : scan.output()) {
        assertThat(used).as("scan column %s is never used in\n%s", column, text).contains(column.id());
      }
      columns.put(scan.paths().get(0), scan.output().stream().map(AttributeReference::name).toList());
    }
    assertThat(columns).containsExactlyInAnyOrderEntriesOf(Map.of(
        "/data/customer.csv", List.of("c_custkey", "c_nationkey"),
        "/data/orders.csv", List.of("o_orderkey", "o_custkey", "o_orderdate"),
        "/data/lineitem.csv", List.of("l_orderkey", "l_suppkey", "l_extendedprice", "l_discount"),
        "/data/supplier.csv", List.of("s_suppkey", "s_nationkey"),
        "/data/nation.csv", List.of("n_nationkey", "n_name", "n_regionkey"),
        "/data/region.csv", List.of("r_regionkey", "r_name")));
    CsvRelation region = scans.stream().filter(scan -> scan.paths().get(0).contains("region")).findFirst().orElseThrow();
    assertThat(region.pushedFilters().toString()).contains("(r_name#" ).contains(" = 'ASIA')");
    CsvRelation orders = scans.stream().filter(scan -> scan.paths().get(0).contains("orders")).findFirst().orElseThrow();
    assertThat(orders.pushedFilters().toString()).contains("o_orderdate#").contains(">=").contains("<");
    // The optimized plan still plans.
    assertThat(PlanPrinter.physical(new PhysicalPlanner(new PlannerSettings(4, 10L << 20)).plan(optimized)))
        .contains("pushedFilters=");
    // The pruning projections right above the scans were absorbed into them, except where a
    // column that only a pushed filter reads is dropped again.
    assertThat(normalizeIds(text))
        .containsPattern("Project expressions=\\[o_orderkey#\\d+, o_custkey#\\d+\\]\n"
            + " +CsvRelation output=\\[o_orderkey#\\d+, o_custkey#\\d+, o_orderdate#\\d+\\]")
        .doesNotContainPattern("Project expressions=\\[s_suppkey#\\d+, s_nationkey#\\d+\\]\n +CsvRelation");
  }

  private static void collect(LogicalPlan plan, List<Filter> filters, List<CsvRelation> scans) {
    if (plan instanceof Filter filter) {
      filters.add(filter);
    }
    if (plan instanceof CsvRelation scan) {
      scans.add(scan);
    }
    for (LogicalPlan child : plan.children()) {
      collect(child, filters, scans);
    }
  }

  /** Columns that an expression computes with (projections that only pass a column on do not count), and the root's. */
  private static Set<Long> usedColumns(LogicalPlan root) {
    Set<Long> used = new HashSet<>(PlanRewrites.ids(root.output()));
    List<LogicalPlan> stack = new ArrayList<>(List.of(root));
    while (!stack.isEmpty()) {
      LogicalPlan plan = stack.remove(stack.size() - 1);
      stack.addAll(plan.children());
      List<Expression> expressions = new ArrayList<>();
      switch (plan) {
        case Filter filter -> expressions.add(filter.condition());
        case Join join -> {
          if (join.condition() != null) {
            expressions.add(join.condition());
          }
        }
        case Project project -> project.projectList().stream().filter(e -> e instanceof Alias).forEach(expressions::add);
        case Aggregate aggregate -> {
          expressions.addAll(aggregate.groupings());
          aggregate.aggregates().stream().map(NamedAggregate::function).forEach(f -> expressions.addAll(f.arguments()));
        }
        case Sort sort -> sort.orders().stream().map(SortOrder::child).forEach(expressions::add);
        case Repartition repartition -> expressions.addAll(repartition.keys());
        case CsvRelation scan -> expressions.addAll(scan.pushedFilters());
        // These compute nothing from columns.
        case LocalRelation relation -> { }
        case RangeRelation range -> { }
        case InMemoryRelation cached -> { }
        case Limit limit -> { }
        case Union union -> { }
        case Distinct distinct -> { }
        case SubqueryAlias alias -> { }
        case ReplicateRows replicate -> { }
      }
      used.addAll(PlanRewrites.referenceIds(expressions));
    }
    return used;
  }
}
