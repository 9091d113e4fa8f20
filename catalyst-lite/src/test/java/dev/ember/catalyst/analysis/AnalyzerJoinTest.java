package dev.ember.catalyst.analysis;

import static dev.ember.catalyst.TestPlans.bound;
import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.normalizeIds;
import static dev.ember.catalyst.TestPlans.relation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.ColumnType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnalyzerJoinTest {
  private final Analyzer analyzer = new Analyzer();
  private final LocalRelation orders = relation("id INT, customer INT, total DOUBLE");
  private final LocalRelation customers = relation("customer LONG, name STRING");

  private static List<String> names(LogicalPlan plan) {
    return plan.output().stream().map(AttributeReference::name).toList();
  }

  @Test
  void conditionJoinsResolveAgainstBothSidesAndCoerceKeys() {
    LogicalPlan plan = analyzer.join(orders, customers,
        eq(bound(orders.output().get(1)), bound(customers.output().get(0))), JoinType.INNER);
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Join type=Inner, condition=(cast(customer#1 as bigint) = customer#2)
          LocalRelation output=[id#3, customer#1, total#4], partitions=1, rows=0
          LocalRelation output=[customer#2, name#5], partitions=1, rows=0
        """);
    assertThat(names(plan)).containsExactly("id", "customer", "total", "customer", "name");
  }

  @Test
  void outerJoinsMakeTheOuterSidesColumnsNullable() {
    LocalRelation left = new LocalRelation(
        List.of(new AttributeReference("k", ColumnType.INT, false, ExpressionIds.next(), "")), List.of());
    LocalRelation right = new LocalRelation(
        List.of(new AttributeReference("j", ColumnType.INT, false, ExpressionIds.next(), "")), List.of());
    LogicalPlan leftOuter = analyzer.join(left, right, eq(col("k"), col("j")), JoinType.LEFT_OUTER);
    assertThat(leftOuter.output()).extracting(AttributeReference::nullable).containsExactly(false, true);
    LogicalPlan semi = analyzer.join(left, right, eq(col("k"), col("j")), JoinType.LEFT_SEMI);
    assertThat(names(semi)).containsExactly("k");
  }

  @Test
  void conditionMustBeBooleanAndPresentForNonCrossJoins() {
    assertThatThrownBy(() -> analyzer.join(orders, customers, col("total"), JoinType.INNER))
        .isInstanceOf(AnalysisFailure.class)
        .hasMessage("[DATATYPE_MISMATCH.JOIN_CONDITION_IS_NOT_BOOLEAN_TYPE] Cannot resolve \"total\" due to data type"
            + " mismatch: Join expression \"total\" of type \"DOUBLE\" is not a boolean.");
    assertThatThrownBy(() -> analyzer.join(orders, customers, null, JoinType.LEFT_OUTER))
        .hasMessageContaining("LeftOuter join needs a join condition");
    Join cross = (Join) analyzer.join(orders, customers, null, JoinType.CROSS);
    assertThat(cross.condition()).isNull();
    assertThatThrownBy(() -> analyzer.join(orders, customers, eq(col("customer"), col("customer")), JoinType.INNER))
        .hasMessageStartingWith("[AMBIGUOUS_REFERENCE] Reference `customer` is ambiguous");
    assertThatThrownBy(() -> analyzer.join(orders, customers, call("sum", col("id")), JoinType.INNER))
        .hasMessageStartingWith("aggregate functions are not allowed in join");
  }

  @Test
  void usingJoinsOutputTheKeyOnceThenLeftThenRight() {
    LogicalPlan inner = analyzer.joinUsing(orders, customers, List.of("customer"), JoinType.INNER);
    assertThat(names(inner)).containsExactly("customer", "id", "total", "name");
    assertThat(inner.output().get(0).id()).isEqualTo(orders.output().get(1).id());
    assertThat(normalizeIds(PlanPrinter.logical(inner))).isEqualTo("""
        Project expressions=[customer#1, id#2, total#3, name#4]
          Join type=Inner, condition=(cast(customer#1 as bigint) = customer#5)
            LocalRelation output=[id#2, customer#1, total#3], partitions=1, rows=0
            LocalRelation output=[customer#5, name#4], partitions=1, rows=0
        """);

    LogicalPlan right = analyzer.joinUsing(orders, customers, List.of("CUSTOMER"), JoinType.RIGHT_OUTER);
    assertThat(right.output().get(0).id()).isEqualTo(customers.output().get(0).id());
    assertThat(right.output().get(1).nullable()).isTrue();

    LogicalPlan full = analyzer.joinUsing(orders, customers, List.of("customer"), JoinType.FULL_OUTER);
    assertThat(names(full)).containsExactly("customer", "id", "total", "name");
    assertThat(full.output().get(0).type()).isEqualTo(ColumnType.LONG);
    assertThat(((Project) full).projectList().get(0).toString()).startsWith("coalesce(cast(customer#");

    LogicalPlan anti = analyzer.joinUsing(orders, customers, List.of("customer"), JoinType.LEFT_ANTI);
    assertThat(names(anti)).containsExactly("customer", "id", "total");
  }

  @Test
  void usingColumnsMustExistOnBothSides() {
    assertThatThrownBy(() -> analyzer.joinUsing(orders, customers, List.of("name"), JoinType.INNER))
        .isInstanceOf(AnalysisFailure.class)
        .hasMessage("[UNRESOLVED_USING_COLUMN_FOR_JOIN] USING column `name` cannot be resolved on the left side of the"
            + " join. The left-side columns: [`id`, `customer`, `total`].");
    assertThatThrownBy(() -> analyzer.joinUsing(orders, customers, List.of("id"), JoinType.INNER))
        .hasMessageContaining("on the right side of the join. The right-side columns: [`customer`, `name`]");
  }

  @Test
  void selfJoinsReAliasTheRightSide() {
    LogicalPlan a = new SubqueryAlias("a", orders);
    LogicalPlan b = new SubqueryAlias("b", orders);
    LogicalPlan plan = analyzer.join(a, b, call("<", col("a.id"), col("b.id")), JoinType.INNER);
    Set<Long> ids = new HashSet<>();
    plan.output().forEach(attribute -> ids.add(attribute.id()));
    assertThat(ids).hasSize(6);
    assertThat(plan.output()).extracting(AttributeReference::qualifier).containsExactly("a", "a", "a", "b", "b", "b");
    assertThat(normalizeIds(PlanPrinter.logical(plan))).isEqualTo("""
        Join type=Inner, condition=(id#1 < id#2)
          SubqueryAlias alias=a
            LocalRelation output=[id#1, customer#3, total#4], partitions=1, rows=0
          SubqueryAlias alias=b
            Project expressions=[id#1 AS id#2, customer#3 AS customer#5, total#4 AS total#6]
              SubqueryAlias alias=b
                LocalRelation output=[id#1, customer#3, total#4], partitions=1, rows=0
        """);
    assertThat(names(analyzer.project(plan, List.of(col("b.total"), col("a.total"))))).containsExactly("total", "total");
    LogicalPlan using = analyzer.joinUsing(orders, orders, List.of("id"), JoinType.INNER);
    assertThat(names(using)).containsExactly("id", "customer", "total", "customer", "total");
  }

  @Test
  void aColumnBoundToASelfJoinedDataFrameIsAmbiguous() {
    assertThatThrownBy(() -> analyzer.join(orders, orders,
        eq(bound(orders.output().get(0)), bound(orders.output().get(0))), JoinType.INNER))
        .isInstanceOf(AnalysisFailure.class)
        .hasMessageStartingWith("[AMBIGUOUS_COLUMN_REFERENCE] Column `id` is ambiguous.");
  }

  @Test
  void broadcastHintsAreKeptOnTheJoin() {
    Join join = (Join) analyzer.join(orders, customers, eq(col("id"), col("name")), JoinType.INNER, false, true);
    assertThat(join.broadcastRight()).isTrue();
    assertThat(join.broadcastLeft()).isFalse();
    Project using = (Project) analyzer.joinUsing(orders, customers, List.of("customer"), JoinType.INNER, true, false);
    assertThat(((Join) using.child()).broadcastLeft()).isTrue();
  }
}
