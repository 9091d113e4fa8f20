package dev.ember.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.explain.StageNode;
import dev.ember.core.scheduler.listener.StageKind;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.explain.GoldenFiles;
import org.junit.jupiter.api.Test;

/** The README's demo query, explained: golden simple and formatted plans, and its stage graph. */
class DemoJobExplainTest {

  /** The demo's DataFrame, built as {@link DemoJob#main} builds it, over fewer orders. */
  static DataFrame revenueByCountry(EmberSession session, int orderCount) {
    return DemoJob.revenueByCountry(session, orderCount);
  }

  @Test
  void demoJobExplains() {
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    try (EmberSession session = EmberSession.builder().appName("ember-demo").master("local[4]").getOrCreate()) {
      DataFrame demo = revenueByCountry(session, 5_000);
      GoldenFiles.assertMatches("demo-simple", demo.explainString("simple"));
      GoldenFiles.assertMatches("demo-formatted", demo.explainString("formatted"));
      GoldenFiles.assertMatches("demo-stages-dot", demo.stages().toDot());
      GoldenFiles.assertMatches("demo-stages-mermaid", demo.stages().toMermaid());
      // Both join sides are under the broadcast threshold: the smaller estimate, the filtered orders
      // (5000 rows * 0.1 * 1/3), is broadcast, and neither side is shuffled for the join.
      assertThat(demo.stages().stages()).extracting(StageNode::kind).containsExactly(
          StageKind.BROADCAST, StageKind.SHUFFLE_MAP, StageKind.SAMPLE, StageKind.SHUFFLE_MAP, StageKind.RESULT);
      assertThat(demo.collectAsList()).hasSize(21);
    }
  }
}
