package dev.ember.catalyst.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.plan.Aggregate;
import dev.ember.catalyst.plan.CsvRelation;
import dev.ember.catalyst.plan.Distinct;
import dev.ember.catalyst.plan.Filter;
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
import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.plan.BroadcastReadExec;
import dev.ember.core.plan.HashJoinExec;
import dev.ember.core.plan.JoinType;
import dev.ember.core.plan.ShuffleReadExec;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanPrinterTest {
  private final AttributeReference key = new AttributeReference("key", ColumnType.INT, false, 1, "");
  private final AttributeReference value = new AttributeReference("value", ColumnType.STRING, true, 2, "");
  private final AttributeReference id = new AttributeReference("id", ColumnType.LONG, false, 3, "");
  private final Schema keyValue = new Schema(List.of(Field.of("key", ColumnType.INT), Field.of("value", ColumnType.STRING)));
  private final LocalRelation local = new LocalRelation(List.of(key, value),
      List.of(Batch.fromRows(keyValue, List.of(List.of(1, "a"), List.of(2, "b"))), Batch.empty(keyValue)));
  private final RangeRelation range = new RangeRelation(0, 10, 2, 3, id);

  @Test
  void logicalPlansPrintOneNodePerLineWithAttributeIds() {
    LogicalPlan plan = new Limit(10, new Sort(List.of(SortOrder.descending(key)), new Project(
        List.of(key, new Alias(new Arithmetic(ArithmeticOperator.ADD, key, Literal.of(1)), "next", 4)),
        new Filter(new Comparison(ComparisonOperator.GREATER_THAN, key, Literal.of(0)),
            new Join(new SubqueryAlias("t", local), range, JoinType.LEFT_OUTER,
                new Comparison(ComparisonOperator.EQUAL, new dev.ember.core.expression.Cast(key, ColumnType.LONG), id),
                false, true)))));
    assertThat(PlanPrinter.logical(plan)).isEqualTo("""
        Limit limit=10
          Sort orders=[key#1 DESC NULLS LAST]
            Project expressions=[key#1, (key#1 + 1) AS next#4]
              Filter condition=(key#1 > 0)
                Join type=LeftOuter, condition=(cast(key#1 as bigint) = id#3), broadcastRight=true
                  SubqueryAlias alias=t
                    LocalRelation output=[key#1, value#2], partitions=2, rows=2
                  Range start=0, end=10, step=2, partitions=3, output=[id#3]
        """);
  }

  @Test
  void logicalAggregatesUnionsAndRepartitions() {
    LogicalPlan plan = new Union(List.of(
        new Aggregate(List.of(key), List.of(new NamedAggregate(
            AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()), "count", 5)), local),
        new Repartition(4, true, List.of(key), new Distinct(local)),
        new Repartition(1, false, List.of(), local)));
    assertThat(PlanPrinter.logical(plan)).isEqualTo("""
        Union
          Aggregate groupings=[key#1], aggregates=[count(1) AS count#5]
            LocalRelation output=[key#1, value#2], partitions=2, rows=2
          Repartition partitions=4, shuffle=true, keys=[key#1]
            Distinct
              LocalRelation output=[key#1, value#2], partitions=2, rows=2
          Repartition partitions=1, shuffle=false
            LocalRelation output=[key#1, value#2], partitions=2, rows=2
        """);
  }

  @Test
  void csvRelationsAndScansShowTheirFiles() {
    CsvOptions options = new CsvOptions(true, ';', '"', '\\', "", "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss", dev.ember.core.source.ParseMode.PERMISSIVE);
    CsvRelation csv = new CsvRelation(List.of("/data/a.csv"), List.of(
        new FileSplit("/data/a.csv", 0, 100, 150), new FileSplit("/data/a.csv", 100, 50, 150)), options, List.of(key, value));
    assertThat(PlanPrinter.logical(csv)).isEqualTo(
        "CsvRelation output=[key#1, value#2], paths=[/data/a.csv], splits=2\n");
    assertThat(PlanPrinter.physical(new PhysicalPlanner(new PlannerSettings(2)).plan(csv))).isEqualTo(
        "CsvScan output=[key#0, value#1], files=[/data/a.csv], splits=2, header=true, delimiter=';', resultStage=0, resultTasks=2\n");
  }

  @Test
  void physicalReadsOfShufflesAndBroadcastsAndJoinConditionsNameTheirColumns() {
    Schema left = new Schema(List.of(Field.of("k", ColumnType.INT), Field.of("v", ColumnType.STRING)));
    Schema right = new Schema(List.of(Field.of("k2", ColumnType.INT), Field.of("w", ColumnType.STRING)));
    HashJoinExec join = new HashJoinExec(new ShuffleReadExec(7, left, 4), new BroadcastReadExec(2, right), JoinType.INNER,
        List.of(new BoundReference(0, ColumnType.INT, true)), List.of(new BoundReference(0, ColumnType.INT, true)),
        new Comparison(ComparisonOperator.NOT_EQUAL, new BoundReference(1, ColumnType.STRING, true),
            new BoundReference(3, ColumnType.STRING, true)), left.concat(right));
    assertThat(PlanPrinter.physical(join)).isEqualTo("""
        HashJoin type=Inner, leftKeys=[k#0], rightKeys=[k2#0], condition=(v#1 != w#3), resultStage=0, resultTasks=4
          ShuffleRead shuffle=7, partitions=4, output=[k#0, v#1]
          BroadcastRead broadcast=2, output=[k2#0, w#1]
        """);
  }

  @Test
  void stagesAreNumberedChildrenFirstAcrossSeveralExchanges() {
    PhysicalPlanner planner = new PhysicalPlanner(new PlannerSettings(2));
    Aggregate counts = new Aggregate(List.of(key), List.of(new NamedAggregate(
        AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()), "count", 5)), local);
    AttributeReference count = counts.output().get(1);
    LogicalPlan plan = new Limit(3, new Sort(List.of(SortOrder.descending(count)), counts));
    assertThat(PlanPrinter.physical(planner.plan(plan))).isEqualTo("""
        Limit limit=3, resultStage=2, resultTasks=1
          Sort orders=[count#1 DESC NULLS LAST]
            Exchange SinglePartition, endsStage=1, stageTasks=2
              Limit limit=3
                Sort orders=[count#1 DESC NULLS LAST]
                  HashAggregate mode=FINAL, keys=[key#0], functions=[count(1)], output=[key, count]
                    Exchange hashpartitioning(key#0, 2), endsStage=0, stageTasks=2
                      HashAggregate mode=PARTIAL, keys=[key#0], functions=[count(1)], output=[key, count]
                        InMemoryScan output=[key#0, value#1], partitions=2, rows=2
        """);
  }
}
