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
 * 16 KB broadcast threshold, scaled down with the data (1/500 of SF1): the filtered dimension
 * sides and their joins are broadcast and lineitem (about 100 KB) probes them where it is scanned,
 * never shuffled; the aggregates and the sort still shuffle. The files change when the optimizer or planner does: regenerate them with
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
        .config("ember.sql.autoBroadcastJoinThreshold", "16k")
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
    assertLineitemIsNotShuffled(q3.explainString("simple"));
    List<Row> rows = q3.collectAsList();
    assertThat(rows).isNotEmpty().hasSizeLessThanOrEqualTo(10);
  }

  @Test
  void q5() {
    DataFrame q5 = TpchQueries.q5(tables);
    GoldenFiles.assertMatches("tpch-q5-simple", q5.explainString("simple"));
    GoldenFiles.assertMatches("tpch-q5-formatted", q5.explainString("formatted"));
    assertLineitemIsNotShuffled(q5.explainString("simple"));
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

  /** No Exchange hashpartitioning between the lineitem scan and the aggregate: every join probes it in place. */
  private static void assertLineitemIsNotShuffled(String explain) {
    List<String> lines = explain.lines().toList();
    int scan = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("InMemoryScan output=[l_orderkey#")) {
        assertThat(scan).as("one lineitem scan in\n%s", explain).isEqualTo(-1);
        scan = i;
      }
    }
    assertThat(scan).as("a lineitem scan in\n%s", explain).isNotNegative();
    int indent = indentOf(lines.get(scan));
    int joins = 0;
    for (int i = scan - 1; i >= 0; i--) {
      String line = lines.get(i);
      if (indentOf(line) >= indent) {
        continue;
      }
      indent = indentOf(line);
      String node = line.strip();
      assertThat(node).as("an ancestor of the lineitem scan in\n%s", explain).doesNotStartWith("Exchange hashpartitioning");
      if (node.startsWith("HashJoin")) {
        joins++;
      }
      if (node.startsWith("HashAggregate")) {
        // Every join between the scan and the aggregate probed lineitem's rows where they were scanned.
        assertThat(joins).as("joins above the lineitem scan in\n%s", explain).isPositive();
        return;
      }
    }
    throw new AssertionError("no aggregate above the lineitem scan in\n" + explain);
  }

  private static int indentOf(String line) {
    return line.length() - line.stripLeading().length();
  }
}
