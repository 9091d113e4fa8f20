package dev.ember.sql.integration;

import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.ember.sql.functions.coalesce;
import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.lit;
import static dev.ember.sql.functions.not;
import static dev.ember.sql.functions.sum;
import static dev.ember.sql.functions.upper;
import static dev.ember.sql.integration.IntegrationSupport.assertSameRows;
import static dev.ember.sql.integration.IntegrationSupport.assertSameRowsInOrder;
import static dev.ember.sql.integration.IntegrationSupport.factsFrame;
import static dev.ember.sql.integration.IntegrationSupport.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.catalyst.optimizer.RuleApplication;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The optimizer keeps results: for queries that make each rule fire, the rows with the optimizer
 * on equal the rows with {@code ember.sql.optimizer.enabled=false}; and the rule did fire.
 */
@Tag("integration")
@ExtendWith(EngineHygiene.class)
class OptimizerIntegrationTest {
  private static EmberSession session;
  private static DataFrame facts;
  private static DataFrame others;

  @BeforeAll
  static void start() {
    session = session("local[2]", 3);
    facts = factsFrame(session, 300, 11);
    others = factsFrame(session, 200, 12).select(col("id").as("oid"), col("k").as("ok"), col("g").as("og"));
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  /** Queries by the rule that must fire on them. */
  private static Map<String, Function<DataFrame, DataFrame>> queries() {
    Map<String, Function<DataFrame, DataFrame>> queries = new LinkedHashMap<>();
    queries.put("FoldConstants", df -> df.filter(col("v").gt(lit(10).plus(lit(5)))).select(col("id"), lit("a").plus(lit(1)).as("x")));
    queries.put("SimplifyBooleans", df -> df.filter(lit(true).and(not(col("k").lt(3)))).filter(not(not(col("d").gt(0)))));
    queries.put("SimplifyCasts", df -> df.select(col("id").cast("int").as("same"), col("k").cast("bigint").cast("double").as("chain")));
    queries.put("PropagateNulls", df -> df.select(col("id"), coalesce(lit(null), col("k"), col("id"), col("v")).as("c"),
        col("id").isNull().as("never"), col("k").plus(lit(null)).as("n")));
    queries.put("PruneFilters", df -> df.filter(lit(1).gt(2)).select(col("id"), col("g")));
    queries.put("CombineFilters", df -> df.filter(col("k").gt(0)).filter(col("v").lt(100)).filter(col("g").isNotNull()));
    queries.put("CollapseProject", df -> df.select(col("id"), col("k").plus(1).as("k1")).select(col("id"), col("k1").multiply(2).as("k2")));
    queries.put("RemoveRedundantProject", df -> df.filter(col("k").isNull()).select("id", "k", "g", "v", "d", "dt"));
    queries.put("EliminateOuterJoin", df -> df.join(others, col("k").equalTo(col("ok")), "left").filter(col("og").equalTo("g1")));
    queries.put("EliminateOuterJoin full", df -> df.join(others, col("id").equalTo(col("oid")), "full").filter(col("g").startsWith("g")));
    queries.put("PushLimitDown", df -> df.orderBy(col("id")).select(col("id"), upper(col("g")).as("u")).limit(7));
    queries.put("CombineLimits", df -> df.orderBy(col("v"), col("id")).limit(20).limit(5));
    queries.put("CollapseProject aggregate", df -> df.select(col("g"), col("v").plus(1).as("v1")).select(col("g"), col("v1"))
        .groupBy("g").agg(sum(col("v1"))));
    // The facts summed by k below the join: several facts a key, and several others a key too.
    queries.put("PushAggregateBelowJoin", df -> df.join(others, col("k").equalTo(col("ok"))).groupBy("og").agg(sum(col("v"))));
    return queries;
  }

  @Test
  void resultsWithTheOptimizerOnEqualResultsWithItOff() {
    for (Map.Entry<String, Function<DataFrame, DataFrame>> query : queries().entrySet()) {
      DataFrame frame = query.getValue().apply(facts);
      String rule = query.getKey().split(" ")[0];
      session.conf().set("ember.sql.optimizer.enabled", "true");
      List<RuleApplication> applications = frame.queryExecution().optimization().applications();
      List<Row> optimized = frame.collectAsList();
      session.conf().set("ember.sql.optimizer.enabled", "false");
      assertThat(frame.queryExecution().optimization().applications()).isEmpty();
      List<Row> asAnalyzed = frame.collectAsList();
      session.conf().set("ember.sql.optimizer.enabled", "true");

      assertThat(applications).as(query.getKey() + " fired").extracting(RuleApplication::rule).contains(rule);
      assertThat(optimized).as(query.getKey()).isNotNull();
      assertSameRows(optimized, asAnalyzed);
    }
  }

  @Test
  void aLimitOverASortPushedThroughAProjectionKeepsTheTopRowsInOrder() {
    DataFrame frame = facts.orderBy(col("v").desc(), col("id")).select(col("id"), col("v")).limit(9);
    List<Row> optimized = frame.collectAsList();
    session.conf().set("ember.sql.optimizer.enabled", "false");
    try {
      assertSameRowsInOrder(optimized, frame.collectAsList());
    } finally {
      session.conf().set("ember.sql.optimizer.enabled", "true");
    }
    // Still a top-N (a sort and limit per partition, then one partition), not a global range sort.
    assertThat(frame.explainString("simple")).contains("Sort").contains("SinglePartition").doesNotContain("rangepartitioning");
  }

  @Test
  void excludedRulesAreSkippedAndUnknownNamesFailAtTheAction() {
    DataFrame frame = facts.filter(col("k").gt(0)).filter(col("v").lt(0));
    session.conf().set("ember.sql.optimizer.excludedRules", "CombineFilters, PushLimitDown");
    try {
      assertThat(frame.queryExecution().optimization().applications()).extracting(RuleApplication::rule)
          .doesNotContain("CombineFilters");
      session.conf().set("ember.sql.optimizer.excludedRules", "NoSuchRule");
      assertThatThrownBy(frame::count).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("NoSuchRule").hasMessageContaining("CombineFilters");
    } finally {
      session.conf().set("ember.sql.optimizer.excludedRules", "");
    }
    assertThat(frame.queryExecution().optimization().applications()).extracting(RuleApplication::rule)
        .contains("CombineFilters");
  }
}
