package dev.ember.catalyst.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.ember.core.expression.AggregateFunction;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.Alias;
import dev.ember.core.expression.Arithmetic;
import dev.ember.core.expression.ArithmeticOperator;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.Comparison;
import dev.ember.core.expression.ComparisonOperator;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Literal;
import dev.ember.core.expression.UserFunction;
import dev.ember.core.expression.UserFunctionCall;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.LongVector;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The canonical form keys the session's plan cache: the same query written twice (fresh alias ids)
 * must give equal plans, and plans that compute different rows must not.
 */
class CanonicalPlanTest {
  private static final AttributeReference CATEGORY = new AttributeReference("category", ColumnType.LONG, true, 1, "");
  private static final AttributeReference PRICE = new AttributeReference("price", ColumnType.DOUBLE, true, 2, "");
  private static final LocalRelation TABLE = new LocalRelation(List.of(CATEGORY, PRICE), List.of(
      Batch.of(new LongVector(ColumnType.LONG, new long[] {1, 2, 1}, null, 3), new DoubleVector(ColumnType.DOUBLE, new double[] {10, 30, 50}, null, 3)),
      Batch.of(new LongVector(ColumnType.LONG, new long[] {3, 3}, null, 2), new DoubleVector(ColumnType.DOUBLE, new double[] {5, 70}, null, 2))));

  /** filter(price > 25).groupBy(category).count(), its count named by {@code countId}. */
  private static Aggregate countsAbove(double price, long countId) {
    return new Aggregate(List.of(CATEGORY), List.of(count(countId)),
        new Filter(new Comparison(ComparisonOperator.GREATER_THAN, PRICE, Literal.of(price)), TABLE));
  }

  private static NamedAggregate count(long id) {
    return new NamedAggregate(AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()), "count", id);
  }

  private static AttributeReference counted(long id) {
    return count(id).toAttribute();
  }

  @Test
  void theSameQueryWrittenTwiceGivesEqualPlansWhateverItsAliasIds() {
    CanonicalPlan first = CanonicalPlan.of(countsAbove(25, 100));
    CanonicalPlan second = CanonicalPlan.of(countsAbove(25, 207));

    assertEquals(first.plan(), second.plan());
    assertEquals(first.plan().hashCode(), second.plan().hashCode());
    assertEquals(List.of(-1L), ((Aggregate) first.plan()).aggregates().stream().map(NamedAggregate::id).toList());
    assertEquals(5, first.localRows(), "the rows of the local table's two batches");
  }

  @Test
  void everyUseOfARenamedIdIsRenamedAlike() {
    // select count * 2 as doubled from (...) where count > 1: the count's id is defined below and read twice above.
    LogicalPlan plan = new Project(List.of(new Alias(new Arithmetic(ArithmeticOperator.MULTIPLY, counted(100), Literal.of(2L)), "doubled", 101)),
        new Filter(new Comparison(ComparisonOperator.GREATER_THAN, counted(100), Literal.of(1L)), countsAbove(25, 100)));

    Project canonical = (Project) CanonicalPlan.of(plan).plan();

    Filter filter = (Filter) canonical.child();
    Aggregate aggregate = (Aggregate) filter.child();
    assertEquals(-1L, aggregate.aggregates().get(0).id());
    assertEquals(-1L, ((AttributeReference) ((Comparison) filter.condition()).left()).id());
    Alias doubled = (Alias) canonical.projectList().get(0);
    assertEquals(-1L, ((AttributeReference) ((Arithmetic) doubled.child()).left()).id());
    assertEquals(-2L, doubled.id());
    assertEquals(List.of(CATEGORY, PRICE), ((Filter) aggregate.child()).child().output(), "relation columns keep their ids");
  }

  @Test
  void plansThatDifferInMoreThanAliasIdsStayDifferent() {
    CanonicalPlan query = CanonicalPlan.of(countsAbove(25, 100));

    assertNotEquals(query.plan(), CanonicalPlan.of(countsAbove(26, 100)).plan(), "another literal");
    Aggregate renamedCount = new Aggregate(List.of(CATEGORY),
        List.of(new NamedAggregate(AggregateFunction.of(AggregateKind.COUNT_ROWS, List.of()), "n", 100)),
        ((Aggregate) countsAbove(25, 100)).child());
    assertNotEquals(query.plan(), CanonicalPlan.of(renamedCount).plan(), "another output name");
  }

  @Test
  void readingTheOtherOfTwoAliasesIsAnotherQuery() {
    // Both define x and y in the same order; one filters on x, the other on y: a renaming that is
    // not uniform (or not one-to-one) would make them equal.
    LogicalPlan onX = new Filter(new Comparison(ComparisonOperator.GREATER_THAN, priceAs(10), Literal.of(1.0)),
        new Project(List.of(new Alias(PRICE, "price", 10), new Alias(PRICE, "price", 11)), TABLE));
    LogicalPlan onY = new Filter(new Comparison(ComparisonOperator.GREATER_THAN, priceAs(21), Literal.of(1.0)),
        new Project(List.of(new Alias(PRICE, "price", 20), new Alias(PRICE, "price", 21)), TABLE));

    assertNotEquals(CanonicalPlan.of(onX).plan(), CanonicalPlan.of(onY).plan());
  }

  private static AttributeReference priceAs(long id) {
    return new AttributeReference("price", ColumnType.DOUBLE, true, id, "");
  }

  @Test
  void aPlanWithoutAliasesIsItsOwnCanonicalForm() {
    LogicalPlan plan = new Filter(new Comparison(ComparisonOperator.GREATER_THAN, PRICE, Literal.of(1.0)), TABLE);

    assertSame(plan, CanonicalPlan.of(plan).plan());
  }

  @Test
  void noCanonicalFormWhenAnAliasReusesARelationColumnsId() {
    // The id would be renamed where the alias defines it and kept where the relation does: not uniform.
    LogicalPlan plan = new Project(List.of(new Alias(PRICE, "category", CATEGORY.id())), TABLE);

    assertNull(CanonicalPlan.of(plan));
  }

  @Test
  void noCanonicalFormForAPlanCallingANonDeterministicFunction() {
    UserFunction noisy = UserFunction.of("noisy", arguments -> arguments[0], "test", 1, ColumnType.DOUBLE, false);
    UserFunction steady = UserFunction.of("steady", arguments -> arguments[0], "test", 1, ColumnType.DOUBLE, true);

    assertNull(CanonicalPlan.of(projectCalling(noisy)));
    assertNotNull(CanonicalPlan.of(projectCalling(steady)));
  }

  private static LogicalPlan projectCalling(UserFunction function) {
    Expression call = new UserFunctionCall(function, List.of(PRICE));
    return new Project(List.of(new Alias(call, "value", 30)), TABLE);
  }
}
