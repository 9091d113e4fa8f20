package dev.ember.catalyst.explain;

import dev.ember.core.scheduler.listener.StageKind;
import java.util.HashMap;
import java.util.Map;

/**
 * Draws a {@link StageGraph}: a cluster per stage holding its operators, an edge from each
 * operator to the one that reads it. Narrow edges (inside a stage) are solid; wide edges (from an
 * exchange to the stage that reads it) are dashed and labelled with the exchange's partitioning. A
 * SAMPLE stage is one node whose dotted edge feeds the range bounds to its map stage's exchange.
 */
final class StageGraphRendering {
  private StageGraphRendering() {}

  static String dot(StageGraph graph) {
    StringBuilder text = new StringBuilder();
    text.append("digraph stages {\n");
    text.append("  rankdir=BT;\n");
    text.append("  node [shape=box, fontname=\"monospace\"];\n");
    for (StageNode stage : graph.stages()) {
      text.append("  subgraph cluster_stage").append(stage.id()).append(" {\n");
      text.append("    label=\"").append(dotEscape(stage.header())).append("\";\n");
      if (stage.kind() == StageKind.SAMPLE) {
        text.append("    sample").append(stage.id()).append(" [shape=ellipse, label=\"")
            .append(dotEscape(sampleLabel(graph, stage))).append("\"];\n");
      } else {
        for (OperatorNode operator : stage.operators()) {
          text.append("    op").append(operator.number()).append(" [label=\"")
              .append(dotEscape("(" + operator.number() + ") " + operator.name())).append("\", tooltip=\"")
              .append(dotEscape(operator.detail())).append("\"];\n");
        }
      }
      text.append("  }\n");
    }
    Map<Integer, OperatorNode> operators = byNumber(graph);
    for (OperatorNode operator : graph.operators()) {
      for (int childNumber : operator.children()) {
        OperatorNode child = operators.get(childNumber);
        text.append("  op").append(childNumber).append(" -> op").append(operator.number());
        if (child.wide()) {
          text.append(" [style=dashed, label=\"").append(dotEscape(edgeLabel(child))).append("\"]");
        }
        text.append(";\n");
      }
    }
    for (StageNode stage : graph.stages()) {
      if (stage.kind() == StageKind.SAMPLE) {
        text.append("  sample").append(stage.id()).append(" -> op").append(exchangeOf(graph.sampledBy(stage)).number())
            .append(" [style=dotted, label=\"range bounds\"];\n");
      }
    }
    text.append("}\n");
    return text.toString();
  }

  static String mermaid(StageGraph graph) {
    StringBuilder text = new StringBuilder();
    text.append("flowchart TD\n");
    for (StageNode stage : graph.stages()) {
      text.append("  subgraph stage").append(stage.id()).append("[\"").append(mermaidEscape(stage.header())).append("\"]\n");
      if (stage.kind() == StageKind.SAMPLE) {
        text.append("    sample").append(stage.id()).append("([\"").append(mermaidEscape(sampleLabel(graph, stage)))
            .append("\"])\n");
      } else {
        for (OperatorNode operator : stage.operators()) {
          text.append("    op").append(operator.number()).append("[\"")
              .append(mermaidEscape("(" + operator.number() + ") " + operator.name())).append("\"]\n");
        }
      }
      text.append("  end\n");
    }
    Map<Integer, OperatorNode> operators = byNumber(graph);
    for (OperatorNode operator : graph.operators()) {
      for (int childNumber : operator.children()) {
        OperatorNode child = operators.get(childNumber);
        if (child.wide()) {
          text.append("  op").append(childNumber).append(" -.->|\"").append(mermaidEscape(edgeLabel(child)))
              .append("\"| op").append(operator.number()).append('\n');
        } else {
          text.append("  op").append(childNumber).append(" --> op").append(operator.number()).append('\n');
        }
      }
    }
    for (StageNode stage : graph.stages()) {
      if (stage.kind() == StageKind.SAMPLE) {
        text.append("  sample").append(stage.id()).append(" -.->|\"range bounds\"| op")
            .append(exchangeOf(graph.sampledBy(stage)).number()).append('\n');
      }
    }
    return text.toString();
  }

  private static String sampleLabel(StageGraph graph, StageNode sample) {
    return "sample sort keys for stage " + graph.sampledBy(sample).id();
  }

  /** The exchange a SHUFFLE_MAP or BROADCAST stage ends with. */
  private static OperatorNode exchangeOf(StageNode stage) {
    return stage.operators().get(stage.operators().size() - 1);
  }

  private static String edgeLabel(OperatorNode exchange) {
    return exchange.detail().equals("BroadcastPartitioning") ? "broadcast" : exchange.detail();
  }

  private static Map<Integer, OperatorNode> byNumber(StageGraph graph) {
    Map<Integer, OperatorNode> operators = new HashMap<>();
    graph.operators().forEach(operator -> operators.put(operator.number(), operator));
    return operators;
  }

  private static String dotEscape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** Mermaid labels are quoted; a quote inside is written as an entity. */
  private static String mermaidEscape(String text) {
    return text.replace("\"", "#quot;").replace("\n", " ");
  }
}
