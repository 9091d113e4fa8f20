package dev.ember.sql.explain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.tpch.TpchQueries;
import dev.ember.sql.tpch.TpchTables;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden explains of TPC-H Q3 and Q5 over small tables: four slots, four shuffle partitions, and a
 * 2 KB broadcast threshold, so the tiny tables (region, nation, supplier) are broadcast and the
 * others shuffled. The files change when the optimizer or planner does: regenerate them with
 * {@code -Dember.updateGolden=true} and review the diff.
 */
class TpchExplainGoldenTest {
  private static EmberSession session;
  private static TpchTables tables;

  @BeforeAll
  static void start() {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    session = EmberSession.builder().appName("tpch-explain").master("local[4]")
        .config("ember.sql.shuffle.partitions", "4")
        .config("ember.sql.autoBroadcastJoinThreshold", "2k")
        .getOrCreate();
    tables = new TpchTables(session, 300, 1);
  }

  @AfterAll
  static void stop() {
    session.stop();
  }

  @Test
  void q3() {
    DataFrame q3 = TpchQueries.q3(tables);
    GoldenFiles.assertMatches("tpch-q3-simple", q3.explainString("simple"));
    GoldenFiles.assertMatches("tpch-q3-formatted", q3.explainString("formatted"));
    List<Row> rows = q3.collectAsList();
    assertThat(rows).isNotEmpty().hasSizeLessThanOrEqualTo(10);
  }

  @Test
  void q5() {
    DataFrame q5 = TpchQueries.q5(tables);
    GoldenFiles.assertMatches("tpch-q5-simple", q5.explainString("simple"));
    GoldenFiles.assertMatches("tpch-q5-formatted", q5.explainString("formatted"));
    assertThat(q5.collectAsList()).isNotEmpty();
  }

  @Test
  void theStageGraphMatchesTheFormattedExplain() {
    DataFrame q5 = TpchQueries.q5(tables);
    var graph = q5.stages();
    String formatted = q5.explainString("formatted");
    for (var stage : graph.stages()) {
      assertThat(formatted).contains(stage.header() + "\n");
    }
    GoldenFiles.assertMatches("tpch-q5-stages-dot", graph.toDot());
    GoldenFiles.assertMatches("tpch-q5-stages-mermaid", graph.toMermaid());
  }
}
