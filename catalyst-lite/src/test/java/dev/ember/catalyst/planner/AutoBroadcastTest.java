package dev.ember.catalyst.planner;

import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.analysis.Analyzer;
import dev.ember.catalyst.analysis.ExpressionIds;
import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.plan.CachedRowCounts;
import dev.ember.catalyst.plan.CsvRelation;
import dev.ember.catalyst.plan.InMemoryRelation;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.RangeRelation;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.plan.JoinType;
import dev.ember.core.storage.StorageMode;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoBroadcastTest {
  private final Analyzer analyzer = new Analyzer();

  private static LogicalPlan range(String alias, long rows, int partitions) {
    return new SubqueryAlias(alias, new RangeRelation(0, rows, 1, partitions,
        new AttributeReference("id", ColumnType.LONG, false, ExpressionIds.next(), "")));
  }

  private String explain(LogicalPlan plan, long threshold) {
    return PlanPrinter.physical(new PhysicalPlanner(new PlannerSettings(4, threshold)).plan(plan));
  }

  private LogicalPlan join(LogicalPlan left, LogicalPlan right, String operator, JoinType type) {
    return analyzer.join(left, right, call(operator, col("big.id"), col("small.id")), type);
  }

  @Test
  void aSmallRightSideIsBroadcast() {
    LogicalPlan plan = join(range("big", 1000, 3), range("small", 10, 2), "=", JoinType.INNER);
    assertThat(explain(plan, 1000)).isEqualTo("""
        HashJoin type=Inner, leftKeys=[id#0], rightKeys=[id#0], resultStage=1, resultTasks=3
          Range start=0, end=1000, step=1, partitions=3
          BroadcastExchange endsStage=0, stageTasks=2
            Range start=0, end=10, step=1, partitions=2
        """);
    assertThat(explain(plan, -1)).contains("Exchange hashpartitioning(id#0, 4)").doesNotContain("Broadcast");
    assertThat(explain(plan, 79)).doesNotContain("Broadcast");
    assertThat(explain(plan, 80)).contains("BroadcastExchange");
  }

  @Test
  void aSmallLeftSideIsBroadcastWhenTheJoinTypeAllowsBuildingOnTheLeft() {
    LogicalPlan small = range("small", 10, 2);
    LogicalPlan big = range("big", 1000, 3);
    LogicalPlan inner = analyzer.join(small, big, call("=", col("small.id"), col("big.id")), JoinType.INNER);
    assertThat(explain(inner, 1000)).isEqualTo("""
        Project expressions=[id#1, id#0], resultStage=1, resultTasks=3
          HashJoin type=Inner, leftKeys=[id#0], rightKeys=[id#0]
            Range start=0, end=1000, step=1, partitions=3
            BroadcastExchange endsStage=0, stageTasks=2
              Range start=0, end=10, step=1, partitions=2
        """);
    LogicalPlan leftOuter = analyzer.join(small, big, call("=", col("small.id"), col("big.id")), JoinType.LEFT_OUTER);
    assertThat(explain(leftOuter, 1000)).doesNotContain("Broadcast");
    LogicalPlan rightOuterWithoutKeys =
        analyzer.join(small, big, call("<", col("small.id"), col("big.id")), JoinType.RIGHT_OUTER);
    assertThat(explain(rightOuterWithoutKeys, 1000)).isEqualTo("""
        Project expressions=[id#1, id#0], resultStage=1, resultTasks=3
          NestedLoopJoin type=LeftOuter, condition=(id#1 < id#0)
            Range start=0, end=1000, step=1, partitions=3
            BroadcastExchange endsStage=0, stageTasks=2
              Range start=0, end=10, step=1, partitions=2
        """);
  }

  @Test
  void ofTwoSmallSidesTheSmallerIsBroadcast() {
    LogicalPlan plan = join(range("big", 50, 3), range("small", 10, 2), "=", JoinType.INNER);
    assertThat(explain(plan, 1000)).contains("BroadcastExchange endsStage=0, stageTasks=2");
    LogicalPlan swapped = analyzer.join(range("small", 10, 2), range("big", 50, 3),
        call("=", col("small.id"), col("big.id")), JoinType.INNER);
    assertThat(explain(swapped, 1000)).startsWith("Project").contains("BroadcastExchange endsStage=0, stageTasks=2");
  }

  @Test
  void sizesAreEstimatedFromRowsFilesAndColumnWidths() {
    Schema schema = Schema.of(Field.of("a", ColumnType.INT), Field.of("s", ColumnType.STRING));
    List<AttributeReference> output = List.of(new AttributeReference("a", ColumnType.INT, true, ExpressionIds.next(), ""),
        new AttributeReference("s", ColumnType.STRING, true, ExpressionIds.next(), ""));
    LocalRelation local = new LocalRelation(output, List.of(
        Batch.fromRows(schema, List.of(List.of(1, "x"), List.of(2, "y"))), Batch.fromRows(schema, List.of(List.of(3, "z")))));
    assertThat(SizeEstimation.sizeInBytes(local)).isEqualTo(3 * 24);
    assertThat(SizeEstimation.sizeInBytes(analyzer.project(local, List.of(col("a"))))).isEqualTo(3 * 4);
    // A filter scales by its selectivity: IS NULL keeps 10% (rounded up to whole bytes).
    assertThat(SizeEstimation.sizeInBytes(analyzer.filter(local, call("isnull", col("a"))))).isEqualTo(8);
    assertThat(SizeEstimation.sizeInBytes(new Limit(1, local))).isEqualTo(24);
    CsvRelation csv = new CsvRelation(List.of("f"), List.of(new FileSplit("f", 0, 600, 1000), new FileSplit("f", 600, 400, 1000)),
        CsvOptions.defaults(), output);
    assertThat(SizeEstimation.sizeInBytes(csv)).isEqualTo(1000);
    assertThat(SizeEstimation.sizeInBytes(new RangeRelation(10, 0, -3, 1, output.get(0)))).isEqualTo(4 * 8);
    assertThat(SizeEstimation.sizeInBytes(new RangeRelation(0, 10, -1, 1, output.get(0)))).isZero();
    LogicalPlan huge = range("h", Long.MAX_VALUE, 1);
    assertThat(SizeEstimation.sizeInBytes(new Join(huge, range("g", Long.MAX_VALUE, 1), JoinType.CROSS, null, false, false)))
        .isEqualTo(Long.MAX_VALUE);
  }

  /**
   * A cached table whose blocks are all stored counts its exact rows: a cache of a filtered range
   * (estimated at a third of its 3,000 rows, true 3,000) stops looking smaller than a cached range
   * of 2,000 rows once its counts are known, and the other side is broadcast; while a partition's
   * count is missing (or a block is dropped), the estimate from its plan decides.
   */
  @Test
  void aCachedTableWithEveryBlockStoredIsEstimatedByItsExactRows() {
    LogicalPlan filtered = analyzer.filter(range("f", 3000, 2), call("<", col("f.id"), dev.ember.catalyst.TestPlans.lit(3000L)));
    LogicalPlan plain = range("p", 2000, 2);
    PhysicalPlanner planner = new PhysicalPlanner(new PlannerSettings(4, 1_000_000));
    CachedRowCounts filteredCounts = new CachedRowCounts(2);
    InMemoryRelation filteredCache = new InMemoryRelation(filtered.output(), 0, StorageMode.MEMORY_ONLY, filtered,
        planner.plan(filtered), filteredCounts);
    InMemoryRelation plainCache = new InMemoryRelation(plain.output(), 1, StorageMode.MEMORY_ONLY, plain,
        planner.plan(plain), new CachedRowCounts(2));
    LogicalPlan join = analyzer.join(new SubqueryAlias("big", filteredCache), new SubqueryAlias("small", plainCache),
        call("=", col("big.id"), col("small.id")), JoinType.INNER);
    assertThat(SizeEstimation.rowCount(filteredCache)).isEqualTo(1000);
    String filteredSideBroadcast = explain(join, 1_000_000);
    assertThat(filteredSideBroadcast).as("estimated at 1,000 rows: the filtered cache is built on").startsWith("Project");

    filteredCounts.record(0, 1500);
    assertThat(SizeEstimation.rowCount(filteredCache)).as("one partition still unknown").isEqualTo(1000);
    assertThat(explain(join, 1_000_000)).isEqualTo(filteredSideBroadcast);

    filteredCounts.record(1, 1500);
    assertThat(SizeEstimation.rowCount(filteredCache)).isEqualTo(3000);
    assertThat(SizeEstimation.rowCount(new SubqueryAlias("big", filteredCache.withOutput(filteredCache.output()))))
        .as("copies share the counts").isEqualTo(3000);
    assertThat(explain(join, 1_000_000)).as("the plain cache, 2,000 rows, is now the smaller side")
        .doesNotStartWith("Project").contains("BroadcastExchange");

    filteredCounts.record(1, -1);
    assertThat(explain(join, 1_000_000)).as("a dropped block: the estimate again").isEqualTo(filteredSideBroadcast);
  }
}
