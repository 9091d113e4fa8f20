package dev.ember.catalyst.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExpandGroupingSetsTest {
  private final SubqueryPlans plans = new SubqueryPlans();

  @Test
  void rollupExpandsThroughACrossJoinWithTheSetsThenAggregatesOnce() {
    assertThat(plans.analyzed("SELECT k, g, sum(v) AS s, grouping_id() AS id FROM o GROUP BY ROLLUP (k, g)"))
        .isEqualTo("""
        Project expressions=[k, g, s, id]
          Project expressions=[__grouping_col_0, __grouping_col_1, __grouping_id, __grouping_position, __grouping_in_0, __grouping_in_1, __grouping_col_0 AS k, __grouping_col_1 AS g, sum(v) AS s, __grouping_id AS id]
            Aggregate groupings=[__grouping_col_0, __grouping_col_1, __grouping_id, __grouping_position, __grouping_in_0, __grouping_in_1], aggregates=[sum(v) AS sum(v)]
              Project expressions=[k, v, g, CASE WHEN __grouping_in_0 THEN k ELSE null END AS __grouping_col_0, CASE WHEN __grouping_in_1 THEN g ELSE null END AS __grouping_col_1, __grouping_id, __grouping_position, __grouping_in_0, __grouping_in_1]
                Join type=Cross
                  SubqueryAlias alias=o
                    LocalRelation output=[k, v, g], partitions=1, rows=1000
                  Union
                    Union
                      Project expressions=[0 AS __grouping_id, 0 AS __grouping_position, true AS __grouping_in_0, true AS __grouping_in_1]
                        Range start=0, end=1, step=1, partitions=1, output=[__one_row]
                      Project expressions=[1 AS __grouping_id, 1 AS __grouping_position, true AS __grouping_in_0, false AS __grouping_in_1]
                        Range start=0, end=1, step=1, partitions=1, output=[__one_row]
                    Project expressions=[3 AS __grouping_id, 2 AS __grouping_position, false AS __grouping_in_0, false AS __grouping_in_1]
                      Range start=0, end=1, step=1, partitions=1, output=[__one_row]
        """);
  }

  @Test
  void doesNotFireOnAPlainGroupBy() {
    assertThat(plans.analyzed("SELECT k, sum(v) FROM o GROUP BY k")).isEqualTo("""
        Aggregate groupings=[k], aggregates=[sum(v) AS sum(v)]
          SubqueryAlias alias=o
            LocalRelation output=[k, v, g], partitions=1, rows=1000
        """);
  }

  @Test
  void groupingOfAColumnThatIsNotGroupedFails() {
    assertThatThrownBy(() -> plans.plan("SELECT grouping(v) FROM o GROUP BY CUBE (k)"))
        .isInstanceOf(AnalysisFailure.class).hasMessageContaining("[GROUPING_COLUMN_MISMATCH]");
  }
}
