package dev.ember.catalyst.analysis;

import static dev.ember.catalyst.TestPlans.as;
import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.lit;
import static dev.ember.catalyst.TestPlans.minus;
import static dev.ember.catalyst.TestPlans.normalizeIds;
import static dev.ember.catalyst.TestPlans.plus;
import static dev.ember.catalyst.TestPlans.relation;
import static dev.ember.catalyst.TestPlans.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.plan.Aggregate;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.types.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzerAggregateTest {
  private final Analyzer analyzer = new Analyzer();
  private final LocalRelation sales = relation("region STRING, amount INT, price DOUBLE, day DATE");

  private static List<String> names(LogicalPlan plan) {
    return plan.output().stream().map(AttributeReference::name).toList();
  }

  private static List<ColumnType> types(LogicalPlan plan) {
    return plan.output().stream().map(AttributeReference::type).toList();
  }

  @Test
  void plainAggregateCallsNeedNoProjection() {
    LogicalPlan plan = analyzer.aggregate(sales, List.of(col("region")), List.of(
        sum(col("amount")), call("avg", col("price")), call("count_star"), as(call("max", col("day")), "last"),
        call("count_distinct", col("amount"), col("price")), call("count", col("day")), call("first", col("region"))));
    assertThat(plan).isInstanceOf(Aggregate.class);
    assertThat(names(plan)).containsExactly(
        "region", "sum(amount)", "avg(price)", "count(1)", "last", "count(DISTINCT amount, price)", "count(day)",
        "first(region)");
    assertThat(types(plan)).containsExactly(ColumnType.STRING, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.LONG,
        ColumnType.DATE, ColumnType.LONG, ColumnType.LONG, ColumnType.STRING);
    assertThat(plan.output().get(0)).isEqualTo(sales.output().get(0));
    assertThat(normalizeIds(PlanPrinter.logical(analyzer.aggregate(sales, List.of(col("region")),
        List.of(sum(col("amount"))))))).isEqualTo("""
        Aggregate groupings=[region#1], aggregates=[sum(amount#2) AS sum(amount)#3]
          LocalRelation output=[region#1, amount#2, price#4, day#5], partitions=1, rows=0
        """);
  }

  @Test
  void expressionsOverAggregatesGetAProjectionAbove() {
    LogicalPlan plan = analyzer.aggregate(sales, List.of(col("region")), List.of(
        plus(sum(col("amount")), 1), as(minus(call("max", col("price")), call("min", col("price"))), "spread"),
        sum(col("amount"))));
    assertThat(plan).isInstanceOf(Project.class);
    assertThat(names(plan)).containsExactly("region", "(sum(amount) + 1)", "spread", "sum(amount)");
    Aggregate aggregate = (Aggregate) ((Project) plan).child();
    // sum(amount) is computed once although two columns use it.
    assertThat(aggregate.aggregates()).extracting(a -> a.function().kind())
        .containsExactly(AggregateKind.SUM, AggregateKind.MAX, AggregateKind.MIN);
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Project expressions=[region#1, (sum(amount)#2 + 1) AS (sum(amount) + 1)#3, (max(price)#4 - min(price)#5) AS spread#6, sum(amount)#2]
          Aggregate groupings=[region#1], aggregates=[sum(amount#7) AS sum(amount)#2, max(price#8) AS max(price)#4, min(price#8) AS min(price)#5]
            LocalRelation output=[region#1, amount#7, price#8, day#9], partitions=1, rows=0
        """);
  }

  @Test
  void computedGroupingsAreAliasedAndReusable() {
    LogicalPlan plan = analyzer.aggregate(sales, List.of(call("year", col("day")), as(plus(col("amount"), 1), "a1")),
        List.of(call("count_star"), plus(call("year", col("day")), 1)));
    assertThat(names(plan)).containsExactly("year(day)", "a1", "count(1)", "(year(day) + 1)");
    Aggregate aggregate = (Aggregate) ((Project) plan).child();
    assertThat(aggregate.groupings()).hasSize(2).allMatch(g -> g instanceof dev.ember.core.expression.Alias);
  }

  @Test
  void columnsThatAreNeitherGroupedNorAggregatedFail() {
    assertThatThrownBy(() -> analyzer.aggregate(sales, List.of(col("region")), List.of(col("amount"))))
        .isInstanceOf(AnalysisFailure.class)
        .hasMessage("[MISSING_AGGREGATION] expression \"amount\" is neither present in the group by, nor is it an"
            + " aggregate function. Add to group by or wrap in first() if you don't care which value you get."
            + " Grouping columns: [`region`]; in \"amount\".");
    assertThatThrownBy(() -> analyzer.aggregate(sales, List.of(), List.of(plus(sum(col("amount")), col("price")))))
        .hasMessageContaining("expression \"price\" is neither present in the group by");
    assertThat(names(analyzer.aggregate(sales, List.of(col("region")), List.of(col("region"), lit(1)))))
        .containsExactly("region", "region", "1");
  }

  @Test
  void aggregatesAreOnlyAllowedInAggregations() {
    assertThatThrownBy(() -> analyzer.aggregate(sales, List.of(sum(col("amount"))), List.of(call("count_star"))))
        .hasMessageStartingWith("aggregate functions are not allowed in groupBy: \"sum(amount)\"");
    assertThatThrownBy(() -> analyzer.sort(sales, List.of(sum(col("amount")))))
        .hasMessageStartingWith("aggregate functions are not allowed in orderBy");
    assertThatThrownBy(() -> analyzer.aggregate(sales, List.of(), List.of(sum(sum(col("amount"))))))
        .hasMessageStartingWith("[NESTED_AGGREGATE_FUNCTION]");
  }

  @Test
  void aggregateArgumentsAreTypeChecked() {
    LogicalPlan plan = analyzer.aggregate(sales, List.of(), List.of(sum(col("region")), call("avg", col("amount"))));
    assertThat(types(plan)).containsExactly(ColumnType.DOUBLE, ColumnType.DOUBLE);
    assertThatThrownBy(() -> analyzer.aggregate(sales, List.of(), List.of(sum(col("day")))))
        .hasMessage("[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve \"sum(day)\" due to data type mismatch:"
            + " Parameter 1 requires the \"NUMERIC\" type, however \"day\" has the type \"DATE\".");
  }

  @Test
  void countOfStarCountsRows() {
    Aggregate plan = (Aggregate) analyzer.aggregate(sales, List.of(), List.of(as(call("count", col("*")), "n")));
    assertThat(plan.aggregates().get(0).function().kind()).isEqualTo(AggregateKind.COUNT_ROWS);
    assertThat(names(plan)).containsExactly("n");
    assertThat(names(analyzer.aggregate(sales, List.of(), List.of(call("count", col("*")), plus(call("count", col("*")), 1)))))
        .containsExactly("count(1)", "(count(1) + 1)");
  }
}
