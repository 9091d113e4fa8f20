package dev.ember.catalyst.analysis;

import static dev.ember.catalyst.TestPlans.as;
import static dev.ember.catalyst.TestPlans.bound;
import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.cast;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.lit;
import static dev.ember.catalyst.TestPlans.normalizeIds;
import static dev.ember.catalyst.TestPlans.plus;
import static dev.ember.catalyst.TestPlans.relation;
import static dev.ember.catalyst.TestPlans.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.plan.Aggregate;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.types.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzerProjectTest {
  private final Analyzer analyzer = new Analyzer();
  private final LocalRelation people = relation("name STRING, age INT, city STRING");

  private static List<String> names(LogicalPlan plan) {
    return plan.output().stream().map(AttributeReference::name).toList();
  }

  @Test
  void selectingColumnsKeepsTheirAttributes() {
    LogicalPlan plan = analyzer.project(people, List.of(col("age"), col("NAME")));
    assertThat(plan.output()).containsExactly(people.output().get(1), people.output().get(0));
  }

  @Test
  void unnamedExpressionsGetSparkDisplayNames() {
    LogicalPlan plan = analyzer.project(people, List.of(
        plus(col("age"), 1), lit(7), lit("x"), call("upper", col("name")), cast(col("age"), ColumnType.LONG),
        call("isnull", col("city")), call("not", gt(col("age"), 3))));
    assertThat(names(plan)).containsExactly(
        "(age + 1)", "7", "x", "upper(name)", "CAST(age AS BIGINT)", "(city IS NULL)", "(NOT (age > 3))");
  }

  @Test
  void dateAndTimestampConstantsAreNamedAsSparkWritesThem() {
    LogicalPlan plan = analyzer.project(people, List.of(lit(java.time.LocalDate.of(2024, 1, 31)),
        lit(java.time.Instant.parse("2024-01-02T03:04:05Z")), lit(java.time.Instant.parse("2024-01-02T03:04:05.120Z")),
        lit(null), lit(2.5)));
    assertThat(names(plan)).containsExactly("DATE '2024-01-31'", "TIMESTAMP '2024-01-02 03:04:05'",
        "TIMESTAMP '2024-01-02 03:04:05.12'", "NULL", "2.5");
  }

  @Test
  void aliasesNameColumnsWithFreshIds() {
    LogicalPlan plan = analyzer.project(people, List.of(as(col("age"), "years"), as(plus(col("age"), 1), "next")));
    assertThat(names(plan)).containsExactly("years", "next");
    assertThat(plan.output().get(0).id()).isNotEqualTo(people.output().get(1).id());
    assertThat(plan.output().get(0).type()).isEqualTo(ColumnType.INT);
  }

  @Test
  void starExpandsToAllColumnsAndQualifiedStarToOneRelation() {
    LogicalPlan star = analyzer.project(people, List.of(col("*"), plus(col("age"), 1)));
    assertThat(names(star)).containsExactly("name", "age", "city", "(age + 1)");

    LogicalPlan left = new SubqueryAlias("p", people);
    LogicalPlan right = new SubqueryAlias("q", relation("id INT"));
    LogicalPlan joined = analyzer.join(left, right, null, dev.ember.core.plan.JoinType.CROSS);
    assertThat(names(analyzer.project(joined, List.of(col("q.*"))))).containsExactly("id");
    assertThat(names(analyzer.project(joined, List.of(col("p.*"))))).containsExactly("name", "age", "city");
    assertThatThrownBy(() -> analyzer.project(joined, List.of(col("z.*"))))
        .isInstanceOf(AnalysisFailure.class)
        .hasMessageStartingWith("[CANNOT_RESOLVE_STAR_EXPAND] Cannot resolve `z`.* given input columns");
  }

  @Test
  void unknownColumnListsTheAvailableColumnsClosestFirst() {
    assertThatThrownBy(() -> analyzer.project(people, List.of(col("nme"))))
        .isInstanceOf(AnalysisFailure.class)
        .hasMessage("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `nme` cannot be"
            + " resolved. Did you mean one of the following? [`name`, `age`, `city`].");
    assertThatThrownBy(() -> analyzer.filter(people, gt(col("cty"), 1)))
        .hasMessageContaining("`cty`")
        .hasMessageEndingWith("[`city`, `age`, `name`].");
    assertThatThrownBy(() -> analyzer.project(relation("a INT").withChildren(List.of()), List.of(col("b"))))
        .hasMessageContaining("[`a`]");
  }

  @Test
  void qualifiedNamesResolveThroughAliases() {
    LogicalPlan aliased = new SubqueryAlias("p", people);
    AttributeReference age = analyzer.resolveColumn(aliased, "p.age");
    assertThat(age.id()).isEqualTo(people.output().get(1).id());
    assertThat(age.qualifier()).isEqualTo("p");
    assertThat(analyzer.resolveColumn(aliased, "AGE").id()).isEqualTo(age.id());
    assertThat(analyzer.resolveColumn(people, "`age`").id()).isEqualTo(age.id());
    assertThatThrownBy(() -> analyzer.resolveColumn(aliased, "q.age"))
        .hasMessageStartingWith("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column or function parameter with name `q`.`age`");
  }

  @Test
  void ambiguousNamesListTheCandidates() {
    LogicalPlan left = new SubqueryAlias("a", relation("id INT, x INT"));
    LogicalPlan right = new SubqueryAlias("b", relation("id INT"));
    LogicalPlan joined = analyzer.join(left, right, eq("a.id", "b.id"), dev.ember.core.plan.JoinType.INNER);
    assertThatThrownBy(() -> analyzer.project(joined, List.of(col("id"))))
        .isInstanceOf(AnalysisFailure.class)
        .hasMessage("[AMBIGUOUS_REFERENCE] Reference `id` is ambiguous, could be: [`a`.`id`, `b`.`id`].");
    assertThat(names(analyzer.project(joined, List.of(col("x"), col("b.id"))))).containsExactly("x", "id");
    // Display names drop qualifiers, as Spark's do.
    assertThat(names(analyzer.project(joined, List.of(plus(col("a.id"), 1))))).containsExactly("(id + 1)");
    assertThat(names(analyzer.project(joined, List.of(sum(col("b.id")))))).containsExactly("sum(id)");
  }

  private static dev.ember.catalyst.expression.UnresolvedExpression eq(String left, String right) {
    return call("=", col(left), col(right));
  }

  @Test
  void boundColumnsResolveById() {
    AttributeReference age = people.output().get(1);
    LogicalPlan plan = analyzer.project(people, List.of(bound(age)));
    assertThat(plan.output()).containsExactly(age);
    LogicalPlan other = relation("age INT");
    assertThatThrownBy(() -> analyzer.project(other, List.of(bound(age))))
        .isInstanceOf(AnalysisFailure.class)
        .hasMessageStartingWith("[MISSING_ATTRIBUTES.RESOLVED_ATTRIBUTE] Resolved attribute(s) \"age#" + age.id() + "\" missing from");
  }

  @Test
  void selectWithAggregatesIsAGlobalAggregate() {
    LogicalPlan plan = analyzer.project(people, List.of(sum(col("age")), call("count_star")));
    assertThat(plan).isInstanceOf(Aggregate.class);
    assertThat(names(plan)).containsExactly("sum(age)", "count(1)");
    assertThatThrownBy(() -> analyzer.project(people, List.of(col("name"), sum(col("age")))))
        .isInstanceOf(AnalysisFailure.class)
        .hasMessageContaining("expression \"name\" is neither present in the group by, nor is it an aggregate function");
  }

  @Test
  void withColumnReplacesInPlaceOrAppends() {
    LogicalPlan replaced = analyzer.withColumn(people, "AGE", plus(col("age"), 1));
    assertThat(names(replaced)).containsExactly("name", "AGE", "city");
    assertThat(replaced.output().get(1).id()).isNotEqualTo(people.output().get(1).id());
    assertThat(replaced.output().get(0)).isEqualTo(people.output().get(0));

    LogicalPlan appended = analyzer.withColumn(people, "adult", call(">=", col("age"), lit(18)));
    assertThat(names(appended)).containsExactly("name", "age", "city", "adult");
    assertThat(appended.output().get(3).type()).isEqualTo(ColumnType.BOOLEAN);

    assertThatThrownBy(() -> analyzer.withColumn(people, "s", sum(col("age"))))
        .hasMessageStartingWith("aggregate functions are not allowed in withColumn: \"sum(age)\"");
  }

  @Test
  void filterNeedsABooleanCondition() {
    LogicalPlan plan = analyzer.filter(people, gt(col("age"), 30));
    assertThat(plan).isInstanceOf(Filter.class);
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Filter condition=(age#1 > 30)
          LocalRelation output=[name#2, age#1, city#3], partitions=1, rows=0
        """);
    assertThatThrownBy(() -> analyzer.filter(people, col("age")))
        .isInstanceOf(AnalysisFailure.class)
        .hasMessage("[DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN] Cannot resolve \"age\" due to data type mismatch: Filter"
            + " expression \"age\" of type \"INT\" is not a boolean.");
    assertThatThrownBy(() -> analyzer.filter(people, sum(col("age"))))
        .hasMessageStartingWith("aggregate functions are not allowed in filter: \"sum(age)\"");
    assertThat(((Filter) analyzer.filter(people, lit(null))).condition().type()).isEqualTo(ColumnType.BOOLEAN);
  }

  @Test
  void unknownFunctionsAndWrongArityFail() {
    assertThatThrownBy(() -> analyzer.project(people, List.of(call("frobnicate", col("age")))))
        .hasMessageStartingWith("[UNRESOLVED_ROUTINE] Cannot resolve function `frobnicate`");
    assertThatThrownBy(() -> analyzer.project(people, List.of(call("upper"))))
        .hasMessage("[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `upper` requires 1 parameters but the actual number is 0.");
    assertThatThrownBy(() -> analyzer.project(people, List.of(call("substring", col("name"), col("age"), lit(2)))))
        .hasMessageContaining("parameter 2 of `substring` must be an integer constant");
  }

  @Test
  void projectPrintsAliasesWithIds() {
    LogicalPlan plan = analyzer.project(people, List.of(col("name"), as(plus(col("age"), 1L), "next")));
    assertThat(plan).isInstanceOf(Project.class);
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Project expressions=[name#1, (cast(age#2 as bigint) + 1) AS next#3]
          LocalRelation output=[name#1, age#2, city#4], partitions=1, rows=0
        """);
  }
}
