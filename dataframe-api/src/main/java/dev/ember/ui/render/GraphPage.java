package dev.ember.ui.render;

import dev.ember.catalyst.explain.StageGraph;
import dev.ember.catalyst.explain.StageNode;
import java.util.Map;

/**
 * The self-contained HTML page {@code df.explain("graph")} writes: the same SVG as the web UI's
 * job page (one renderer), with its legend and the stage headers as text, for a DataFrame that has
 * not run. No script and no external resource: the file opens anywhere.
 */
public final class GraphPage {
  private GraphPage() {}

  public static String html(String title, StageGraph graph) {
    StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(Html.escape(title)).append("</title><style>body{font-family:sans-serif;margin:16px}"
            + "pre{font-size:12px}</style></head><body>\n<h2>").append(Html.escape(title)).append("</h2>\n")
        .append("<p>Stages as the scheduler will cut them: each box is a stage (one task per partition) with its ")
        .append("operators; narrow operators stay in their task, an exchange ends a stage and its rows cross the ")
        .append("dashed edge to the stages that read them.</p>\n")
        .append(DagSvg.render(graph, Map.of())).append("<pre>");
    for (StageNode stage : graph.stages()) {
      page.append(Html.escape(stage.header())).append('\n');
    }
    return page.append("</pre>\n</body></html>\n").toString();
  }
}
