package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.TestPlans.as;
import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.lit;
import static dev.ember.catalyst.TestPlans.normalizeIds;
import static dev.ember.catalyst.TestPlans.plus;
import static dev.ember.catalyst.TestPlans.sum;
import static dev.ember.catalyst.optimizer.AnalyzedPlanBuilder.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.optimizer.DefaultRuleBatches;
import dev.ember.catalyst.optimizer.FixedPointDriver;
import dev.ember.catalyst.optimizer.AnalyzedPlanBuilder;
import dev.ember.catalyst.plan.InMemoryRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.planner.PhysicalPlanner;
import dev.ember.catalyst.planner.PlannerSettings;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.plan.CachedScanExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.storage.StorageMode;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.plan.JoinType;
import java.util.List;
import org.junit.jupiter.api.Test;

class PruneColumnsTest {
  private final AnalyzedPlanBuilder left = table("l", 3, "a INT, b INT, c STRING");
  private final AnalyzedPlanBuilder right = table("r", 3, "x INT, y INT, z STRING");

  private static String optimized(AnalyzedPlanBuilder query) {
    LogicalPlan plan = query.build();
    LogicalPlan pruned = FixedPointDriver.run(plan, new PruneColumns());
    assertThat(pruned.output()).isEqualTo(plan.output());
    return normalizeIds(PlanPrinter.logical(pruned));
  }

  private static void assertUnchanged(AnalyzedPlanBuilder query) {
    LogicalPlan plan = query.build();
    assertThat(FixedPointDriver.run(plan, new PruneColumns())).isSameAs(plan);
  }

  @Test
  void eachJoinSideKeepsWhatTheConditionAndTheParentNeed() {
    AnalyzedPlanBuilder query = left.join(right, eq(col("a"), col("x"))).select(col("b"), col("y"));
    assertThat(optimized(query)).isEqualTo("""
        Project expressions=[b#1, y#2]
          Join type=Inner, condition=(a#3 = x#4)
            Project expressions=[a#3, b#1]
              LocalRelation output=[a#3, b#1, c#5], partitions=1, rows=3
            Project expressions=[x#4, y#2]
              LocalRelation output=[x#4, y#2, z#6], partitions=1, rows=3
        """);
  }

  @Test
  void unusedProjectionEntriesAndAggregatesGo() {
    AnalyzedPlanBuilder query = left.select(col("a"), col("b"), as(plus(col("a"), 1), "d"))
        .groupBy(List.of(col("a")), as(sum(col("b")), "s"), as(call("max", col("d")), "m"))
        .select(col("s"));
    assertThat(optimized(query)).isEqualTo("""
        Project expressions=[s#1]
          Aggregate groupings=[a#2], aggregates=[sum(b#3) AS s#1]
            Project expressions=[a#2, b#3]
              LocalRelation output=[a#2, b#3, c#4], partitions=1, rows=3
        """);
  }

  @Test
  void aGlobalAggregateKeepsOneAggregateAndItsInputOneColumn() {
    AnalyzedPlanBuilder query = left.groupBy(List.of(), as(sum(col("b")), "s"), call("count_star")).select(as(lit(1), "one"));
    assertThat(optimized(query)).isEqualTo("""
        Project expressions=[1 AS one#1]
          Aggregate groupings=[], aggregates=[sum(b#2) AS s#3]
            Project expressions=[b#2]
              LocalRelation output=[a#4, b#2, c#5], partitions=1, rows=3
        """);
  }

  @Test
  void throughSortAndAlias() {
    AnalyzedPlanBuilder query = left.as("t").orderBy(col("b")).select(col("a"));
    assertThat(optimized(query)).isEqualTo("""
        Project expressions=[a#1]
          Sort orders=[b#2 ASC NULLS FIRST]
            SubqueryAlias alias=t
              Project expressions=[a#1, b#2]
                LocalRelation output=[a#1, b#2, c#3], partitions=1, rows=3
        """);
  }

  @Test
  void unionChildrenAreNarrowedAtTheSamePositions() {
    AnalyzedPlanBuilder query = left.union(right).select(col("c"));
    assertThat(optimized(query)).isEqualTo("""
        Project expressions=[c#1]
          Union
            Project expressions=[c#1]
              LocalRelation output=[a#2, b#3, c#1], partitions=1, rows=3
            Project expressions=[z#4]
              LocalRelation output=[x#5, y#6, z#4], partitions=1, rows=3
        """);
  }

  @Test
  void notWhenEverythingIsUsedNorAtTheRootNorUnderAFilterOrLimitOverAScan() {
    assertUnchanged(left.join(right, eq(col("a"), col("x"))).filter(gt(col("b"), 1)));
    assertUnchanged(left.filter(gt(col("b"), 1)).select(col("a")));
    assertUnchanged(left.limit(2).select(col("a")));
    // Filter then sort over a scan: the columns go once predicate pushdown puts the filter lower.
    AnalyzedPlanBuilder wide = table("w", 3, "a INT, b INT, c STRING, d INT");
    assertUnchanged(wide.as("t").orderBy(col("b")).filter(gt(col("c"), "k")).select(col("a")));
    assertUnchanged(left.select(col("a"), col("b"), col("c")));
  }

  @Test
  void aCachedRelationNarrowsItselfUnderAFilterAndItsScanReadsOnlyThoseColumns() {
    LogicalPlan cachedPlan = table("w", 3, "a INT, b INT, c STRING, d INT").build();
    Schema schema = new Schema(cachedPlan.output().stream().map(column -> Field.of(column.name(), column.type())).toList());
    InMemoryRelation cached = new InMemoryRelation(cachedPlan.output(), 4, StorageMode.MEMORY_ONLY, cachedPlan,
        new InMemoryScanExec(schema, List.of(Batch.empty(schema))));
    AnalyzedPlanBuilder query = new AnalyzedPlanBuilder(cached).filter(gt(col("b"), 1)).select(col("d"));
    LogicalPlan pruned = FixedPointDriver.run(query.build(), new PruneColumns());
    InMemoryRelation narrowed = (InMemoryRelation) pruned.children().get(0).children().get(0);
    assertThat(narrowed.output()).extracting(AttributeReference::name).containsExactly("b", "d");
    assertThat(narrowed.columnPositions()).containsExactly(1, 3);
    assertThat(narrowed.cachedPlan()).isSameAs(cachedPlan);
    CachedScanExec scan = (CachedScanExec) new PhysicalPlanner(new PlannerSettings(4)).plan(narrowed);
    assertThat(scan.columns()).containsExactly(1, 3);
    assertThat(scan.schema().names()).containsExactly("b", "d");
    assertThat(scan.blockSchema().names()).containsExactly("a", "b", "c", "d");
    // Everything read: the relation stays as it is.
    assertUnchanged(new AnalyzedPlanBuilder(cached).filter(gt(col("b"), 1)));
  }

  @Test
  void leftSemiJoinKeepsOnlyTheConditionColumnsOfTheRight() {
    AnalyzedPlanBuilder query = left.join(right, eq(col("a"), col("x")), JoinType.LEFT_SEMI).select(col("c"));
    assertThat(optimized(query)).isEqualTo("""
        Project expressions=[c#1]
          Join type=LeftSemi, condition=(a#2 = x#3)
            Project expressions=[a#2, c#1]
              LocalRelation output=[a#2, b#4, c#1], partitions=1, rows=3
            Project expressions=[x#3]
              LocalRelation output=[x#3, y#5, z#6], partitions=1, rows=3
        """);
  }

  @Test
  void stableTogetherWithPredicatePushdown() {
    AnalyzedPlanBuilder query = left.join(right, eq(col("a"), col("x"))).filter(gt(col("b"), col("y"))).filter(gt(col("c"), "k"))
        .select(col("z"));
    LogicalPlan plan = FixedPointDriver.run(query.build(),
        FixedPointDriver.concat(DefaultRuleBatches.predicatePushdown(), List.of(new PruneColumns())));
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Project expressions=[z#1]
          Join type=Inner, condition=((a#2 = x#3) AND (b#4 > y#5))
            Project expressions=[a#2, b#4]
              Filter condition=(c#6 > 'k')
                LocalRelation output=[a#2, b#4, c#6], partitions=1, rows=3
            LocalRelation output=[x#3, y#5, z#1], partitions=1, rows=3
        """);
  }
}
