package dev.ember.catalyst.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RewriteScalarSubqueryTest {
  private final SubqueryPlans plans = new SubqueryPlans();

  @Test
  void correlatedAggregateBecomesALeftOuterJoinOnItsGroups() {
    assertThat(plans.analyzed("SELECT k FROM o WHERE v < (SELECT 2 * avg(i.v) FROM i WHERE i.k = o.k)")).isEqualTo("""
        Project expressions=[k]
          Project expressions=[k, v, g]
            Filter condition=(cast(v as double) < __subquery_0)
              Project expressions=[k, v, g, __subquery_0]
                Join type=LeftOuter, condition=(k = __correlation_0)
                  SubqueryAlias alias=o
                    LocalRelation output=[k, v, g], partitions=1, rows=1000
                  Project expressions=[__correlation_0, (2.0 * avg(v)) AS __subquery_0]
                    Aggregate groupings=[k AS __correlation_0], aggregates=[avg(v) AS avg(v)]
                      SubqueryAlias alias=i
                        LocalRelation output=[k, v, g], partitions=1, rows=1000
        """);
  }

  @Test
  void aCountOverNoRowsIsZeroNotNull() {
    assertThat(plans.analyzed("SELECT k, (SELECT count(*) FROM i WHERE o.g = i.g) AS c FROM o")).isEqualTo("""
        Project expressions=[k, __subquery_0 AS c]
          Project expressions=[k, v, g, CASE WHEN __subquery_0_rows IS NULL THEN 0 ELSE __subquery_0_value END AS __subquery_0]
            Join type=LeftOuter, condition=(g = __correlation_0)
              SubqueryAlias alias=o
                LocalRelation output=[k, v, g], partitions=1, rows=1000
              Project expressions=[__correlation_0, count(1) AS __subquery_0_value, count(1) AS __subquery_0_rows]
                Aggregate groupings=[g AS __correlation_0], aggregates=[count(1) AS count(1)]
                  SubqueryAlias alias=i
                    LocalRelation output=[k, v, g], partitions=1, rows=1000
        """);
  }

  @Test
  void anUncorrelatedSubqueryJoinsItsSingleValue() {
    assertThat(plans.analyzed("SELECT k FROM o WHERE v > (SELECT max(v) FROM i)")).isEqualTo("""
        Project expressions=[k]
          Project expressions=[k, v, g]
            Filter condition=(v > __subquery_0)
              Join type=LeftOuter, condition=true
                SubqueryAlias alias=o
                  LocalRelation output=[k, v, g], partitions=1, rows=1000
                Aggregate groupings=[], aggregates=[single_value(max(v)) AS __subquery_0]
                  Aggregate groupings=[], aggregates=[max(v) AS max(v)]
                    SubqueryAlias alias=i
                      LocalRelation output=[k, v, g], partitions=1, rows=1000
        """);
  }

  @Test
  void doesNotFireOnAParenthesizedExpression() {
    assertThat(plans.analyzed("SELECT k FROM o WHERE v > (k + 1)")).isEqualTo("""
        Project expressions=[k]
          Filter condition=(v > (k + 1))
            SubqueryAlias alias=o
              LocalRelation output=[k, v, g], partitions=1, rows=1000
        """);
  }
}
