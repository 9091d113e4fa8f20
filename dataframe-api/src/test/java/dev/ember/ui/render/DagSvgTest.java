package dev.ember.ui.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.catalyst.explain.OperatorNode;
import dev.ember.catalyst.explain.StageGraph;
import dev.ember.catalyst.explain.StageNode;
import dev.ember.core.scheduler.listener.StageKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class DagSvgTest {
  private static OperatorNode operator(int number, String name, boolean wide, String detail, Integer... children) {
    return new OperatorNode(number, name, wide, detail, List.of(children), List.of("k: bigint"));
  }

  /** A shuffle map stage, the sample for a range exchange, its map stage, a broadcast and the result. */
  private static StageGraph graph() {
    return new StageGraph(List.of(
        new StageNode(0, StageKind.SHUFFLE_MAP, 3, List.of(), List.of(
            operator(1, "Range", false, "start=0, end=10"), operator(2, "Exchange", true, "hashpartitioning(k#0, 3)", 1))),
        new StageNode(1, StageKind.SAMPLE, 3, List.of(0), List.of(operator(3, "HashAggregate", false, "keys=[k#0]", 2))),
        new StageNode(2, StageKind.SHUFFLE_MAP, 3, List.of(0, 1), List.of(
            operator(3, "HashAggregate", false, "keys=[k#0]", 2),
            operator(4, "Exchange", true, "rangepartitioning(k#0 ASC NULLS FIRST, 3)", 3))),
        new StageNode(3, StageKind.BROADCAST, 1, List.of(), List.of(
            operator(5, "Range", false, "a < b & c"), operator(6, "Exchange", true, "BroadcastPartitioning", 5))),
        new StageNode(4, StageKind.RESULT, 3, List.of(2, 3), List.of(
            operator(7, "BroadcastHashJoin", false, "", 4, 6), operator(8, "Sort", false, "", 7)))));
  }

  private static int count(String text, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  @Test
  void everyStageIsABoxAndEveryParentAnEdgeOfItsKind() throws Exception {
    String svg = DagSvg.render(graph(), Map.of());
    assertThat(count(svg, "<g class=\"stage [a-z]*\" data-stage-key=")).isEqualTo(5);
    assertThat(count(svg, "<g class=\"edge shuffle\"")).isEqualTo(3);
    assertThat(count(svg, "<g class=\"edge broadcast\"")).isEqualTo(1);
    assertThat(count(svg, "<g class=\"edge sample\"")).isEqualTo(1);
    // Operators drawn: all but the sample stage's, which is one row naming the stage it samples for.
    assertThat(count(svg, "<g class=\"operator wide\"")).isEqualTo(3);
    assertThat(count(svg, "<g class=\"operator narrow\"")).isEqualTo(6);
    assertThat(svg).contains("samples sort keys for stage 2").contains("hashpartitioning(k#0, 3)").contains("Legend");
    assertThat(svg).contains("a &lt; b &amp; c").doesNotContain("a < b & c");
    Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(document.getDocumentElement().getTagName()).isEqualTo("svg");
  }

  @Test
  void whatRanIsDrawnOnTheBoxesAndTheShuffleEdges() {
    String svg = DagSvg.render(graph(), Map.of(0, new StageRuntime("COMPLETE", 3, 3, 2048),
        2, new StageRuntime("ACTIVE", 1, 3, 0)));
    assertThat(svg).contains("<g class=\"stage complete\" data-stage-key=\"0\"")
        .contains("<g class=\"stage active\" data-stage-key=\"2\"")
        .contains("hashpartitioning(k#0, 3) · 2.0 KiB").contains("COMPLETE · 3/3 tasks").contains("not run");
  }

  @Test
  void theExplainPageIsSelfContained() {
    String html = GraphPage.html("Stages of <app>", graph());
    assertThat(html).contains("<svg").contains("Stages of &lt;app&gt;").doesNotContain("<script").doesNotContain("http://cdn")
        .contains("Stage 4 (RESULT, 3 tasks, parents: 2, 3)");
  }

  @Test
  void theTimelineGivesOverlappingTasksOfAnExecutorTheirOwnLanes() {
    var metrics = dev.ember.ui.status.MetricsData.ZERO;
    String svg = Pages.timeline(List.of(
        new dev.ember.ui.status.TaskData(1, 0, 0, 1000, 500, "local", "h", "SUCCESS", null, metrics),
        new dev.ember.ui.status.TaskData(2, 1, 0, 1100, 300, "local", "h", "SUCCESS", null, metrics),
        new dev.ember.ui.status.TaskData(3, 2, 0, 1600, 100, "local", "h", "FAILED", "x", metrics)));
    assertThat(count(svg, "class=\"task-bar\"")).isEqualTo(3);
    // Tasks 1 and 2 overlap: two lanes; task 3 starts after task 1 ended and reuses lane 0.
    assertThat(svg).contains("executor local slot 0").contains("executor local slot 1").doesNotContain("slot 2");
  }
}
