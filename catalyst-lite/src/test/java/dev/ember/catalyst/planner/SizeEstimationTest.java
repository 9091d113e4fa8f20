package dev.ember.catalyst.planner;

import static dev.ember.catalyst.TestPlans.and;
import static dev.ember.catalyst.TestPlans.as;
import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.lit;
import static dev.ember.catalyst.TestPlans.sum;
import static dev.ember.catalyst.optimizer.AnalyzedPlanBuilder.csv;
import static dev.ember.catalyst.optimizer.AnalyzedPlanBuilder.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ember.catalyst.optimizer.AnalyzedPlanBuilder;
import dev.ember.catalyst.plan.CsvRelation;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.core.plan.JoinType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected estimates of {@link SizeEstimation} with {@link FilterSelectivity}'s defaults. */
class SizeEstimationTest {
  // 1000 rows of 4 + 8 + 20 = 32 bytes.
  private final AnalyzedPlanBuilder facts = table("facts", 1000, "k INT, v DOUBLE, s STRING");
  // 100 rows of 4 + 20 = 24 bytes.
  private final AnalyzedPlanBuilder dimension = table("dimension", 100, "dk INT, name STRING");

  private static double selectivity(AnalyzedPlanBuilder filtered) {
    return FilterSelectivity.of(((Filter) filtered.build()).condition());
  }

  @Test
  void filtersScaleRowsBySelectivity() {
    assertThat(SizeEstimation.sizeInBytes(facts.build())).isEqualTo(32_000);
    AnalyzedPlanBuilder equal = facts.filter(eq(col("s"), "x"));
    assertThat(SizeEstimation.rowCount(equal.build())).isCloseTo(100, within(1e-9));
    assertThat(SizeEstimation.sizeInBytes(equal.build())).isEqualTo(3_200);
    // A two-sided range: 1/3 * 1/3.
    AnalyzedPlanBuilder range = facts.filter(and(gt(col("k"), 1), call("<", col("k"), lit(9))));
    assertThat(selectivity(range)).isCloseTo(1.0 / 9, within(1e-12));
    assertThat(SizeEstimation.sizeInBytes(range.build())).isEqualTo(3_556);
    // OR: 0.1 + 1/3 - 0.1 / 3.
    assertThat(selectivity(facts.filter(call("or", eq(col("s"), "x"), gt(col("k"), 1)))))
        .isCloseTo(0.4, within(1e-12));
    // IS NOT NULL keeps all: the optimizer infers it on join keys (see FilterSelectivity.NOT_NULL).
    assertThat(selectivity(facts.filter(call("isnotnull", col("s"))))).isEqualTo(1.0);
    assertThat(selectivity(facts.filter(call("isnull", col("s"))))).isCloseTo(0.1, within(1e-12));
    assertThat(selectivity(facts.filter(call("not", eq(col("s"), "x"))))).isCloseTo(0.9, within(1e-12));
    assertThat(selectivity(facts.filter(call("in", col("k"), lit(1), lit(2), lit(3))))).isCloseTo(0.3, within(1e-12));
    assertThat(selectivity(facts.filter(call("like", col("s"), lit("a%"))))).isEqualTo(0.25);
  }

  @Test
  void aScansPushedFiltersScaleItLikeAFilterAndItsColumnsLikeAProjection() {
    CsvRelation all = (CsvRelation) csv("orders", 9_000, "a INT, b INT, c STRING").build();
    assertThat(SizeEstimation.sizeInBytes(all)).isEqualTo(9_000);
    CsvRelation pruned = all.withRequiredColumns(List.of(0));
    // 9000 / 28 = 321.4 rows of 4 bytes, rounded up.
    assertThat(SizeEstimation.sizeInBytes(pruned)).isEqualTo(1286);
    LogicalPlan filtered = new Filter(new dev.ember.core.expression.Comparison(
        dev.ember.core.expression.ComparisonOperator.GREATER_THAN, all.output().get(0),
        new dev.ember.core.expression.Literal(5, dev.ember.core.types.ColumnType.INT)), all);
    CsvRelation pushed = all.withPushedFilters(List.of(((Filter) filtered).condition()));
    assertThat(SizeEstimation.sizeInBytes(pushed)).isEqualTo(SizeEstimation.sizeInBytes(filtered)).isEqualTo(3_000);
  }

  @Test
  void projectionsScaleWidthAndAggregatesShrink() {
    assertThat(SizeEstimation.sizeInBytes(facts.select(col("k")).build())).isEqualTo(4_000);
    assertThat(SizeEstimation.sizeInBytes(facts.groupBy(List.of(), as(sum(col("v")), "total")).build())).isEqualTo(8);
    // A quarter of the rows, at the width of the key and the sum.
    assertThat(SizeEstimation.rowCount(facts.groupBy(List.of(col("k")), as(sum(col("v")), "total")).build()))
        .isEqualTo(250);
    assertThat(SizeEstimation.sizeInBytes(facts.groupBy(List.of(col("k")), as(sum(col("v")), "total")).build()))
        .isEqualTo(250 * 12);
  }

  @Test
  void joinsEstimateFromTheirKeySides() {
    // A foreign-key join: the larger side's rows at both sides' width.
    LogicalPlan inner = facts.join(dimension, eq(col("k"), col("dk"))).build();
    assertThat(SizeEstimation.rowCount(inner)).isEqualTo(1000);
    assertThat(SizeEstimation.sizeInBytes(inner)).isEqualTo(1000 * 56);
    // Filtered facts (100 rows) against 100 dimension rows.
    LogicalPlan filteredSmall = facts.filter(eq(col("s"), "x")).join(dimension, eq(col("k"), col("dk"))).build();
    assertThat(SizeEstimation.rowCount(filteredSmall)).isCloseTo(100, within(1e-9));
    // Facts against a filtered dimension: the dimension's filter drops its share (10%) of the facts.
    LogicalPlan filteredDimension = facts.join(dimension.filter(eq(col("dk"), 3)), eq(col("k"), col("dk"))).build();
    assertThat(SizeEstimation.rowCount(filteredDimension)).isCloseTo(100, within(1e-9));
    LogicalPlan dimensionFirst = dimension.filter(eq(col("dk"), 3)).join(facts, eq(col("k"), col("dk"))).build();
    assertThat(SizeEstimation.rowCount(dimensionFirst)).isCloseTo(100, within(1e-9));
    // Unfiltered: the tables' rows, whatever the filters keep.
    assertThat(SizeEstimation.unfilteredRowCount(filteredDimension)).isEqualTo(1000);
    assertThat(SizeEstimation.unfilteredRowCount(facts.filter(eq(col("s"), "x")).build())).isEqualTo(1000);
    // A residual condition scales the matches.
    LogicalPlan residual = facts.join(dimension, and(eq(col("k"), col("dk")), gt(col("v"), 1.0))).build();
    assertThat(SizeEstimation.rowCount(residual)).isCloseTo(1000.0 / 3, within(1e-9));
    assertThat(SizeEstimation.rowCount(facts.join(dimension, eq(col("k"), col("dk")), JoinType.LEFT_SEMI).build()))
        .isEqualTo(1000);
    // A semi join against a filtered side keeps the share of keys the filter keeps; an anti join
    // stays at its left side.
    assertThat(SizeEstimation.rowCount(
        facts.join(dimension.filter(eq(col("dk"), 3)), eq(col("k"), col("dk")), JoinType.LEFT_SEMI).build()))
        .isCloseTo(100, within(1e-9));
    assertThat(SizeEstimation.rowCount(
        facts.join(dimension.filter(eq(col("dk"), 3)), eq(col("k"), col("dk")), JoinType.LEFT_ANTI).build()))
        .isEqualTo(1000);
    assertThat(SizeEstimation.rowCount(dimension.join(facts, eq(col("k"), col("dk")), JoinType.FULL_OUTER).build()))
        .isEqualTo(1100);
    // Without keys: the product.
    assertThat(SizeEstimation.rowCount(facts.crossJoin(dimension).build())).isEqualTo(100_000);
    assertThat(SizeEstimation.rowCount(facts.join(dimension, gt(col("k"), col("dk"))).build()))
        .isCloseTo(100_000.0 / 3, within(1e-6));
  }

  @Test
  void plansWithoutFiltersJoinsOrAggregatesKeepTheirEstimates() {
    // Must not change: leaves, projections, sorts, limits and unions estimate as before.
    assertThat(SizeEstimation.sizeInBytes(facts.orderBy(col("k")).build())).isEqualTo(32_000);
    assertThat(SizeEstimation.sizeInBytes(facts.limit(10).build())).isEqualTo(320);
    assertThat(SizeEstimation.sizeInBytes(facts.union(facts).build())).isEqualTo(64_000);
    assertThat(SizeEstimation.sizeInBytes(facts.distinct().build())).isEqualTo(32_000);
    assertThat(SizeEstimation.sizeInBytes(facts.filter(lit(true)).build())).isEqualTo(32_000);
    assertThat(SizeEstimation.sizeInBytes(csv("lineitem", 700_000_000, "a INT, b STRING").build()))
        .isEqualTo(700_000_000);
  }
}
