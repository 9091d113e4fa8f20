package dev.ember.catalyst.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RewritePredicateSubqueryTest {
  private final SubqueryPlans plans = new SubqueryPlans();

  @Test
  void correlatedInBecomesASemiJoinOnTheValueAndTheCorrelation() {
    assertThat(plans.analyzed("SELECT v FROM o WHERE k IN (SELECT i.v FROM i WHERE i.g = o.g AND i.v > 0)")).isEqualTo("""
        Project expressions=[v]
          Join type=LeftSemi, condition=((k = __in_value) AND (g = g))
            SubqueryAlias alias=o
              LocalRelation output=[k, v, g], partitions=1, rows=1000
            Project expressions=[k, v, g, v AS __in_value]
              Filter condition=(v > 0)
                SubqueryAlias alias=i
                  LocalRelation output=[k, v, g], partitions=1, rows=1000
        """);
  }

  @Test
  void correlatedNotInIsANullAwareAntiJoin() {
    assertThat(plans.analyzed("SELECT v FROM o WHERE k NOT IN (SELECT i.v FROM i WHERE i.g = o.g)")).isEqualTo("""
        Project expressions=[v]
          Join type=LeftAnti, condition=(((k = __in_value) OR (k = __in_value) IS NULL) AND (g = g))
            SubqueryAlias alias=o
              LocalRelation output=[k, v, g], partitions=1, rows=1000
            Project expressions=[k, v, g, v AS __in_value]
              SubqueryAlias alias=i
                LocalRelation output=[k, v, g], partitions=1, rows=1000
        """);
  }

  @Test
  void correlatedExistsJoinsOnTheCorrelationOnly() {
    assertThat(plans.analyzed("SELECT v FROM o WHERE NOT EXISTS (SELECT * FROM i WHERE i.k = o.k AND i.v <> o.v)"))
        .isEqualTo("""
        Project expressions=[v]
          Join type=LeftAnti, condition=((k = k) AND (v != v))
            SubqueryAlias alias=o
              LocalRelation output=[k, v, g], partitions=1, rows=1000
            SubqueryAlias alias=i
              LocalRelation output=[k, v, g], partitions=1, rows=1000
        """);
  }

  @Test
  void doesNotFireOnAnInListOrAnUncorrelatedCondition() {
    assertThat(plans.analyzed("SELECT v FROM o WHERE k IN (1, 2) AND NOT (v = 3)")).isEqualTo("""
        Project expressions=[v]
          Filter condition=(k IN (1, 2) AND NOT (v = 3))
            SubqueryAlias alias=o
              LocalRelation output=[k, v, g], partitions=1, rows=1000
        """);
  }

  @Test
  void anUncorrelatedInSubqueryHasNoCorrelationConditions() {
    assertThat(plans.analyzed("SELECT v FROM o WHERE k IN (SELECT v FROM i WHERE g = 'x')")).isEqualTo("""
        Project expressions=[v]
          Join type=LeftSemi, condition=(k = __in_value)
            SubqueryAlias alias=o
              LocalRelation output=[k, v, g], partitions=1, rows=1000
            Project expressions=[v AS __in_value]
              Project expressions=[v]
                Filter condition=(g = 'x')
                  SubqueryAlias alias=i
                    LocalRelation output=[k, v, g], partitions=1, rows=1000
        """);
  }
}
