package dev.ember.catalyst.optimizer.rules;

import static dev.ember.catalyst.TestPlans.as;
import static dev.ember.catalyst.TestPlans.call;
import static dev.ember.catalyst.TestPlans.cast;
import static dev.ember.catalyst.TestPlans.col;
import static dev.ember.catalyst.TestPlans.eq;
import static dev.ember.catalyst.TestPlans.gt;
import static dev.ember.catalyst.TestPlans.plus;
import static dev.ember.catalyst.TestPlans.sum;
import static dev.ember.catalyst.optimizer.AnalyzedPlanBuilder.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.expression.UnresolvedExpression;
import dev.ember.catalyst.optimizer.AnalyzedPlanBuilder;
import dev.ember.catalyst.optimizer.FixedPointDriver;
import dev.ember.catalyst.plan.Aggregate;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.rewrite.OptimizerRule;
import dev.ember.core.expression.AggregateKind;
import dev.ember.core.expression.UserFunction;
import dev.ember.core.plan.JoinType;
import dev.ember.core.types.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PushAggregateBelowJoin}. */
class PushAggregateBelowJoinTest {
  private static final List<OptimizerRule> RULES = List.of(new PushAggregateBelowJoin());
  /** Facts: a key into the dimension, measures of each type, another column. */
  private final AnalyzedPlanBuilder facts = table("f", 3, "k INT, m LONG, i INT, d DOUBLE, x INT");
  private final AnalyzedPlanBuilder dimension = table("dim", 3, "dk INT, name STRING");
  private final AnalyzedPlanBuilder other = table("o", 3, "ok INT, label STRING");

  private static String optimized(AnalyzedPlanBuilder query) {
    return PredicatePushdownTesting.optimized(query, RULES);
  }

  private static void assertUnchanged(AnalyzedPlanBuilder query) {
    PredicatePushdownTesting.assertUnchanged(query, RULES);
  }

  private AnalyzedPlanBuilder factsJoinDimension() {
    return facts.join(dimension, eq(col("k"), col("dk")));
  }

  private AnalyzedPlanBuilder byName(AnalyzedPlanBuilder input, UnresolvedExpression... aggregates) {
    return input.groupBy(List.of(col("name")), aggregates);
  }

  @Test
  void sumsTheFactsByTheirJoinKeyBelowTheJoin() {
    AnalyzedPlanBuilder query = byName(factsJoinDimension(), as(sum(col("m")), "s"));
    assertThat(optimized(query)).isEqualTo("""
        Aggregate groupings=[name#1], aggregates=[sum(partial_s#2) AS s#3]
          Join type=Inner, condition=(k#4 = dk#5)
            Aggregate groupings=[k#4], aggregates=[sum(m#6) AS partial_s#2]
              LocalRelation output=[k#4, m#6, i#7, d#8, x#9], partitions=1, rows=3
            LocalRelation output=[dk#5, name#1], partitions=1, rows=3
        """);
  }

  @Test
  void minMaxAndIntegerSumsOfExpressionsOverTheFactsAndTheFactsOnTheRight() {
    AnalyzedPlanBuilder query = byName(dimension.join(facts, eq(col("dk"), col("k"))),
        as(call("min", col("i")), "low"), as(call("max", plus(col("i"), 1)), "high"), as(sum(col("i")), "total"));
    assertThat(optimized(query)).isEqualTo("""
        Aggregate groupings=[name#1], aggregates=[min(partial_low#2) AS low#3, max(partial_high#4) AS high#5, sum(partial_total#6) AS total#7]
          Join type=Inner, condition=(dk#8 = k#9)
            LocalRelation output=[dk#8, name#1], partitions=1, rows=3
            Aggregate groupings=[k#9], aggregates=[min(i#10) AS partial_low#2, max((i#10 + 1)) AS partial_high#4, sum(i#10) AS partial_total#6]
              LocalRelation output=[k#9, m#11, i#10, d#12, x#13], partitions=1, rows=3
        """);
  }

  @Test
  void projectionsOnThePathPassThePartialResultsInsteadOfTheMeasures() {
    AnalyzedPlanBuilder query = byName(factsJoinDimension().select(col("m"), col("name")), as(sum(col("m")), "s"));
    assertThat(optimized(query)).isEqualTo("""
        Aggregate groupings=[name#1], aggregates=[sum(partial_s#2) AS s#3]
          Project expressions=[partial_s#2, name#1]
            Join type=Inner, condition=(k#4 = dk#5)
              Aggregate groupings=[k#4], aggregates=[sum(m#6) AS partial_s#2]
                LocalRelation output=[k#4, m#6, i#7, d#8, x#9], partitions=1, rows=3
              LocalRelation output=[dk#5, name#1], partitions=1, rows=3
        """);
  }

  @Test
  void throughASubqueryAliasOnThePath() {
    AnalyzedPlanBuilder query = byName(factsJoinDimension().as("j"), as(sum(col("j.m")), "s"));
    assertThat(optimized(query)).isEqualTo("""
        Aggregate groupings=[name#1], aggregates=[sum(partial_s#2) AS s#3]
          SubqueryAlias alias=j
            Join type=Inner, condition=(k#4 = dk#5)
              Aggregate groupings=[k#4], aggregates=[sum(m#6) AS partial_s#2]
                LocalRelation output=[k#4, m#6, i#7, d#8, x#9], partitions=1, rows=3
              LocalRelation output=[dk#5, name#1], partitions=1, rows=3
        """);
  }

  @Test
  void theHighestQualifyingJoinIsChosen() {
    // The upper join's condition reads the dimension's key only: the facts joined to the
    // dimension are summed by dk above the lower join. That partial aggregate is an aggregate
    // over a join in turn, and the rule sums the facts by k below the lower join too.
    AnalyzedPlanBuilder query = factsJoinDimension().join(other, eq(col("dk"), col("ok")))
        .groupBy(List.of(col("label")), as(sum(col("m")), "s"));
    assertThat(new PushAggregateBelowJoin().apply(query.build()).toString()).contains("Join[left=Aggregate[groupings=[dk#");
    assertThat(optimized(query)).isEqualTo("""
        Aggregate groupings=[label#1], aggregates=[sum(partial_s#2) AS s#3]
          Join type=Inner, condition=(dk#4 = ok#5)
            Aggregate groupings=[dk#4], aggregates=[sum(partial_partial_s#6) AS partial_s#2]
              Join type=Inner, condition=(k#7 = dk#4)
                Aggregate groupings=[k#7], aggregates=[sum(m#8) AS partial_partial_s#6]
                  LocalRelation output=[k#7, m#8, i#9, d#10, x#11], partitions=1, rows=3
                LocalRelation output=[dk#4, name#12], partitions=1, rows=3
            LocalRelation output=[ok#5, label#1], partitions=1, rows=3
        """);
  }

  @Test
  void aLowerJoinQualifiesWhenTheUpperOneNeedsMoreOfItsInput() {
    // Grouping by name needs the dimension above the upper join; the lower join still qualifies.
    AnalyzedPlanBuilder query = factsJoinDimension().join(other, eq(col("dk"), col("ok")))
        .groupBy(List.of(col("name"), col("label")), as(sum(col("m")), "s"));
    assertThat(optimized(query)).isEqualTo("""
        Aggregate groupings=[name#1, label#2], aggregates=[sum(partial_s#3) AS s#4]
          Join type=Inner, condition=(dk#5 = ok#6)
            Join type=Inner, condition=(k#7 = dk#5)
              Aggregate groupings=[k#7], aggregates=[sum(m#8) AS partial_s#3]
                LocalRelation output=[k#7, m#8, i#9, d#10, x#11], partitions=1, rows=3
              LocalRelation output=[dk#5, name#1], partitions=1, rows=3
            LocalRelation output=[ok#6, label#2], partitions=1, rows=3
        """);
  }

  @Test
  void anIsNotNullFilterOnTheOtherSideKeepsItAWholeScan() {
    AnalyzedPlanBuilder query = byName(facts.join(dimension.filter(call("isnotnull", col("dk"))), eq(col("k"), col("dk"))),
        as(sum(col("m")), "s"));
    assertThat(optimized(query)).contains("Aggregate groupings=[k#");
  }

  @Test
  void aDecimalSumKeepsItsResultTypeAndSumsThePartialsInThirtyEightDigits() {
    AnalyzedPlanBuilder query = byName(factsJoinDimension(), as(sum(cast(col("m"), ColumnType.decimal(12, 2))), "s"));
    LogicalPlan before = query.build();
    LogicalPlan after = FixedPointDriver.run(before, RULES);
    Aggregate upper = (Aggregate) after;
    Aggregate partial = (Aggregate) ((Join) upper.child()).left();
    assertThat(upper.output()).isEqualTo(before.output());
    assertThat(upper.aggregates().get(0).function().resultType()).isEqualTo(ColumnType.decimal(22, 2));
    assertThat(upper.aggregates().get(0).function().arguments().get(0).type()).isEqualTo(ColumnType.decimal(38, 2));
    assertThat(partial.aggregates().get(0).function().kind()).isEqualTo(AggregateKind.SUM);
    assertThat(partial.aggregates().get(0).function().resultType()).isEqualTo(ColumnType.decimal(38, 2));
  }

  @Test
  void notForASumOfDoubles() {
    assertUnchanged(byName(factsJoinDimension(), as(sum(col("d")), "s")));
  }

  @Test
  void notWhenOneAggregateOfSeveralCannotBeSplit() {
    assertUnchanged(byName(factsJoinDimension(), as(sum(col("m")), "s"), as(sum(col("d")), "t")));
  }

  @Test
  void notForCountOrAverage() {
    assertUnchanged(byName(factsJoinDimension(), as(call("count", col("m")), "c")));
    assertUnchanged(byName(factsJoinDimension(), as(call("avg", col("m")), "a")));
  }

  @Test
  void notForADistinctAggregate() {
    assertUnchanged(byName(factsJoinDimension(), as(call("count_distinct", col("m")), "c")));
  }

  @Test
  void notOverANonDeterministicArgument() {
    UserFunction noisy = UserFunction.of("noisy", arguments -> arguments[0], "test", 1, ColumnType.LONG, false);
    assertUnchanged(byName(factsJoinDimension(),
        as(sum(new UnresolvedExpression.UserFunctionApplication(noisy, List.of(col("m")))), "s")));
  }

  @Test
  void notForAGlobalAggregate() {
    assertUnchanged(factsJoinDimension().groupBy(List.of(), as(sum(col("m")), "s")));
  }

  @Test
  void notOverAnOuterJoin() {
    assertUnchanged(byName(facts.join(dimension, eq(col("k"), col("dk")), JoinType.LEFT_OUTER), as(sum(col("m")), "s")));
    assertUnchanged(byName(facts.join(dimension, eq(col("k"), col("dk")), JoinType.FULL_OUTER), as(sum(col("m")), "s")));
  }

  @Test
  void notWhenTheJoinConditionReadsAMeasure() {
    assertUnchanged(byName(facts.join(dimension, eq(col("m"), col("dk"))), as(sum(col("m")), "s")));
    assertUnchanged(byName(facts.join(dimension, call("and", eq(col("k"), col("dk")), gt(col("m"), 0))),
        as(sum(col("m")), "s")));
  }

  @Test
  void notWhenAGroupingReadsAMeasure() {
    assertUnchanged(factsJoinDimension().groupBy(List.of(col("name"), col("m")), as(sum(col("m")), "s")));
  }

  @Test
  void notWhenTheFactsAreNeededAboveThroughMoreThanTheirJoinKeys() {
    assertUnchanged(factsJoinDimension().groupBy(List.of(col("name"), col("x")), as(sum(col("m")), "s")));
    assertUnchanged(byName(factsJoinDimension().select(col("m"), col("name"), plus(col("x"), 1)), as(sum(col("m")), "s")));
  }

  @Test
  void notWhenAProjectionComputesFromAMeasure() {
    assertUnchanged(byName(factsJoinDimension().select(as(plus(col("m"), 1), "m1"), col("name")), as(sum(col("m1")), "s")));
  }

  @Test
  void notWhenTheOtherSideIsSelective() {
    assertUnchanged(byName(facts.join(dimension.filter(eq(col("name"), "a")), eq(col("k"), col("dk"))), as(sum(col("m")), "s")));
    // A joined other side is selective too.
    assertUnchanged(byName(facts.join(dimension.join(other, eq(col("dk"), col("ok"))), eq(col("k"), col("dk"))),
        as(sum(col("m")), "s")));
  }

  @Test
  void notWithoutJoinKeysOnTheFactSide() {
    // A keyless partial aggregate would give a row for no facts.
    assertUnchanged(byName(facts.join(dimension, gt(col("dk"), 1)), as(sum(col("m")), "s")));
    assertUnchanged(byName(facts.crossJoin(dimension), as(sum(col("m")), "s")));
  }

  @Test
  void notWhenTheMeasuresComeFromBothSides() {
    assertUnchanged(byName(factsJoinDimension(), as(sum(col("m")), "s"), as(call("max", col("dk")), "top")));
  }

  @Test
  void theResultIsAFixedPoint() {
    LogicalPlan once = FixedPointDriver.run(byName(factsJoinDimension(), as(sum(col("m")), "s")).build(), RULES);
    assertThat(new PushAggregateBelowJoin().apply(once)).isSameAs(once);
    assertThat(((Join) ((Aggregate) once).child()).left()).isInstanceOf(Aggregate.class);
    assertThat(once).isNotInstanceOf(Project.class);
  }
}
