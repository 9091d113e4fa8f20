package dev.ember.catalyst.analysis;

import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.desc;
import static dev.ember.catalyst.TestPlans.normalizeIds;
import static dev.ember.catalyst.TestPlans.plus;
import static dev.ember.catalyst.TestPlans.relation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.expression.UnresolvedExpression.SortKey;
import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.plan.Aggregate;
import dev.ember.catalyst.plan.Distinct;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.plan.Repartition;
import dev.ember.catalyst.plan.Sort;
import dev.ember.catalyst.plan.Union;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.SortOrder;
import dev.ember.core.types.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzerSetAndOrderTest {
  private final Analyzer analyzer = new Analyzer();
  private final LocalRelation first = relation("a INT, b STRING");
  private final LocalRelation second = relation("x LONG, y STRING");

  @Test
  void unionWidensColumnTypesWithACastProjection() {
    LogicalPlan plan = analyzer.union(first, second);
    assertThat(plan).isInstanceOf(Union.class);
    assertThat(plan.output()).extracting(AttributeReference::name).containsExactly("a", "b");
    assertThat(plan.output()).extracting(AttributeReference::type).containsExactly(ColumnType.LONG, ColumnType.STRING);
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Union
          Project expressions=[cast(a#1 as bigint) AS a#2, b#3]
            LocalRelation output=[a#1, b#3], partitions=1, rows=0
          LocalRelation output=[x#4, y#5], partitions=1, rows=0
        """);
    assertThat(analyzer.union(first, first)).isEqualTo(new Union(List.of(first, first)));
  }

  @Test
  void unionNeedsTheSameColumnCountAndCompatibleTypes() {
    assertThatThrownBy(() -> analyzer.union(first, relation("a INT")))
        .isInstanceOf(AnalysisFailure.class)
        .hasMessage("[NUM_COLUMNS_MISMATCH] Union can only be performed on inputs with the same number of columns, but"
            + " the first input has 2 columns and the second input has 1 columns.");
    assertThatThrownBy(() -> analyzer.union(first, relation("a BOOLEAN, b STRING")))
        .hasMessage("[INCOMPATIBLE_COLUMN_TYPE] UNION can only be performed on tables with compatible column types. The"
            + " first column of the second table is \"BOOLEAN\" type which is not compatible with \"INT\" at the same"
            + " column of the first table (`a`).");
    assertThat(analyzer.union(relation("d DATE"), relation("s STRING")).output().get(0).type()).isEqualTo(ColumnType.STRING);
  }

  @Test
  void unionByNameReordersTheRightSide() {
    LocalRelation reordered = relation("B STRING, a INT");
    LogicalPlan plan = analyzer.unionByName(first, reordered);
    Union union = (Union) plan;
    assertThat(union.children().get(1)).isEqualTo(new Project(
        List.of(reordered.output().get(1), reordered.output().get(0)), reordered));
    assertThatThrownBy(() -> analyzer.unionByName(first, relation("a INT, c STRING")))
        .hasMessage("[UNRESOLVED_COLUMN] Cannot resolve column name \"b\" among (a, c) of the second input of unionByName.");
    assertThatThrownBy(() -> analyzer.unionByName(first, relation("a INT, b STRING, c INT")))
        .hasMessageStartingWith("[NUM_COLUMNS_MISMATCH]");
  }

  @Test
  void dropDuplicatesKeepsTheFirstRowPerKeyAndTheColumnOrder() {
    LocalRelation table = relation("a INT, b STRING, c DOUBLE");
    assertThat(analyzer.dropDuplicates(table, List.of())).isEqualTo(new Distinct(table));
    LogicalPlan plan = analyzer.dropDuplicates(table, List.of("B"));
    assertThat(plan.output()).extracting(AttributeReference::id)
        .containsExactlyElementsOf(table.output().stream().map(AttributeReference::id).toList());
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Project expressions=[a#1, b#2, c#3]
          Aggregate groupings=[b#2], aggregates=[first(a#1) AS a#1, first(c#3) AS c#3]
            LocalRelation output=[a#1, b#2, c#3], partitions=1, rows=0
        """);
    assertThat(analyzer.dropDuplicates(table, List.of("a"))).isInstanceOf(Aggregate.class);
    assertThatThrownBy(() -> analyzer.dropDuplicates(table, List.of("z")))
        .hasMessage("[UNRESOLVED_COLUMN] Cannot resolve column name \"z\" among (a, b, c).");
  }

  @Test
  void sortKeysWithoutDirectionSortAscendingNullsFirst() {
    Sort sort = (Sort) analyzer.sort(first, List.of(col("b"), desc(col("a")), new SortKey(plus(col("a"), 1), true, false)));
    assertThat(sort.orders()).containsExactly(
        SortOrder.ascending(first.output().get(1)),
        SortOrder.descending(first.output().get(0)),
        new SortOrder(new dev.ember.core.expression.Arithmetic(dev.ember.core.expression.ArithmeticOperator.ADD,
            first.output().get(0), dev.ember.core.expression.Literal.of(1)), true, false));
    assertThatThrownBy(() -> analyzer.sort(first, List.of(col("q")))).hasMessageContaining("`q`");
  }

  @Test
  void sortAndFilterMayReadAColumnTheProjectionBelowDropped() {
    LocalRelation people = relation("name STRING, age INT");
    LogicalPlan names = analyzer.project(people, List.of(col("name")));
    LogicalPlan sorted = analyzer.sort(names, List.of(desc(col("age"))));
    assertThat(sorted.output()).containsExactly(people.output().get(0));
    assertThat(normalizeIds(PlanPrinter.logical(sorted))).isEqualTo("""
        Project expressions=[name#1]
          Sort orders=[age#2 DESC NULLS LAST]
            Project expressions=[name#1, age#2]
              LocalRelation output=[name#1, age#2], partitions=1, rows=0
        """);
    LogicalPlan filtered = analyzer.filter(names, dev.ember.catalyst.TestPlans.gt(col("age"), 3));
    assertThat(normalizeIds(PlanPrinter.logical(filtered))).isEqualTo("""
        Project expressions=[name#1]
          Filter condition=(age#2 > 3)
            Project expressions=[name#1, age#2]
              LocalRelation output=[name#1, age#2], partitions=1, rows=0
        """);
    // A name the projection's input lacks as well still fails, listing the projection's columns.
    assertThatThrownBy(() -> analyzer.sort(names, List.of(col("height"))))
        .hasMessageEndingWith("Did you mean one of the following? [`name`].");
    // Without a projection below there is nothing to widen.
    assertThatThrownBy(() -> analyzer.filter(people, col("height"))).hasMessageContaining("`height`");
  }

  @Test
  void repartitionAndCoalesce() {
    assertThat(analyzer.repartition(first, 3, true, List.of(col("a"))))
        .isEqualTo(new Repartition(3, true, List.of(first.output().get(0)), first));
    assertThat(analyzer.repartition(first, 2, false, List.of())).isEqualTo(new Repartition(2, false, List.of(), first));
    assertThatThrownBy(() -> analyzer.repartition(first, 0, true, List.of()))
        .hasMessage("Number of partitions (0) must be positive.");
    assertThatThrownBy(() -> analyzer.repartition(first, 2, true, List.of(col("zz")))).hasMessageContaining("`zz`");
  }

  @Test
  void limitDistinctAndAliasAreBuiltByTheAnalyzer() {
    assertThat(analyzer.limit(first, 3)).isEqualTo(new Limit(3, first));
    assertThat(analyzer.distinct(first)).isEqualTo(new Distinct(first));
    LogicalPlan aliased = analyzer.alias(first, "t");
    assertThat(aliased).isEqualTo(new SubqueryAlias("t", first));
    assertThat(analyzer.resolveColumn(aliased, "t.a").name()).isEqualTo("a");
  }

  @Test
  void aNegativeLimitFailsAtAnalysis() {
    assertThatThrownBy(() -> analyzer.limit(first, -1))
        .isInstanceOf(AnalysisFailure.class)
        .hasMessage("The limit expression must be equal to or greater than 0, but got -1");
  }
}
