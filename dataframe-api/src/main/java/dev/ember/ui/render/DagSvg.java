package dev.ember.ui.render;

import dev.ember.catalyst.explain.OperatorNode;
import dev.ember.catalyst.explain.StageGraph;
import dev.ember.catalyst.explain.StageNode;
import dev.ember.core.scheduler.listener.StageKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a job's {@link StageGraph} as SVG: one box per stage (parents to the left of the stages
 * that read them) holding its operators, children first; narrow operators are blue rounded boxes,
 * the exchange that ends a stage (the wide boundary) an orange box with a dashed border. Edges go
 * from a stage to each stage that reads it: a shuffle edge (dashed orange) is labelled with the
 * exchange's partitioning and, once run, the bytes written; a broadcast edge is purple; a sample
 * stage's edge (dotted) carries range bounds. A legend explains the marks. Elements carry classes
 * ({@code stage}, {@code edge shuffle|broadcast|sample}) and {@code data-stage-key} for scripts and tests.
 */
public final class DagSvg {
  private static final int BOX_WIDTH = 270;
  private static final int HEADER_HEIGHT = 40;
  private static final int ROW_HEIGHT = 24;
  private static final int COLUMN_GAP = 170;
  private static final int ROW_GAP = 30;
  private static final int MARGIN = 20;
  private static final int LEGEND_HEIGHT = 74;
  private static final int MAX_OPERATOR_CHARS = 38;

  private DagSvg() {}

  /** The picture of {@code graph}; {@code runtime} (by stage key, may be empty) adds what ran. */
  public static String render(StageGraph graph, Map<Integer, StageRuntime> runtime) {
    List<StageNode> stages = graph.stages();
    int[] depth = new int[stages.size()];
    int maxDepth = 0;
    for (StageNode stage : stages) {
      // Parents come first in a stage graph, so their depth is known.
      int d = 0;
      for (int parent : stage.parents()) {
        d = Math.max(d, depth[parent] + 1);
      }
      depth[stage.id()] = d;
      maxDepth = Math.max(maxDepth, d);
    }
    int[] x = new int[stages.size()];
    int[] y = new int[stages.size()];
    int[] height = new int[stages.size()];
    int[] columnBottom = new int[maxDepth + 1];
    for (StageNode stage : stages) {
      int column = depth[stage.id()];
      x[stage.id()] = MARGIN + column * (BOX_WIDTH + COLUMN_GAP);
      y[stage.id()] = MARGIN + columnBottom[column];
      height[stage.id()] = HEADER_HEIGHT + Math.max(1, rows(stage)) * ROW_HEIGHT + 10;
      columnBottom[column] += height[stage.id()] + ROW_GAP;
    }
    int tallest = 0;
    for (int bottom : columnBottom) {
      tallest = Math.max(tallest, bottom);
    }
    int width = 2 * MARGIN + (maxDepth + 1) * BOX_WIDTH + maxDepth * COLUMN_GAP;
    int legendTop = MARGIN + tallest;
    int totalHeight = legendTop + LEGEND_HEIGHT + MARGIN;
    width = Math.max(width, 640);

    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ember-dag\" width=\"").append(width)
        .append("\" height=\"").append(totalHeight).append("\" viewBox=\"0 0 ").append(width).append(' ')
        .append(totalHeight).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
    svg.append("""
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/>
          </marker>
        </defs>
        """);
    for (StageNode stage : stages) {
      for (int parent : stage.parents()) {
        edge(svg, graph, stages.get(parent), stage, x, y, height, runtime);
      }
    }
    for (StageNode stage : stages) {
      stageBox(svg, graph, stage, x[stage.id()], y[stage.id()], height[stage.id()], runtime.get(stage.id()));
    }
    legend(svg, legendTop);
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static int rows(StageNode stage) {
    return stage.kind() == StageKind.SAMPLE ? 1 : stage.operators().size();
  }

  private static void stageBox(
      StringBuilder svg, StageGraph graph, StageNode stage, int x, int y, int height, StageRuntime runtime) {
    String status = runtime == null ? "" : runtime.status();
    svg.append("<g class=\"stage ").append(status.toLowerCase(Locale.ROOT)).append("\" data-stage-key=\"")
        .append(stage.id()).append("\" data-kind=\"").append(stage.kind()).append("\">\n");
    svg.append("  <rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(BOX_WIDTH)
        .append("\" height=\"").append(height).append("\" rx=\"6\" fill=\"").append(stageFill(status))
        .append("\" stroke=\"#444\" stroke-width=\"1.2\"/>\n");
    String title = "Stage " + stage.id() + " · " + stage.kind() + " · " + stage.partitionCount()
        + (stage.partitionCount() == 1 ? " task" : " tasks");
    text(svg, x + 10, y + 17, "bold", title);
    String progress = runtime == null ? "not run" : runtime.status() + " · " + runtime.completedTasks() + "/"
        + runtime.totalTasks() + " tasks";
    text(svg, x + 10, y + 33, "normal", progress);
    int rowY = y + HEADER_HEIGHT;
    if (stage.kind() == StageKind.SAMPLE) {
      operatorRow(svg, x, rowY, false, "samples sort keys for stage " + graph.sampledBy(stage).id(), "");
    } else {
      for (OperatorNode operator : stage.operators()) {
        operatorRow(svg, x, rowY, operator.wide(), "(" + operator.number() + ") " + operator.name(), operator.detail());
        rowY += ROW_HEIGHT;
      }
    }
    svg.append("</g>\n");
  }

  private static void operatorRow(StringBuilder svg, int x, int y, boolean wide, String label, String detail) {
    svg.append("  <g class=\"operator ").append(wide ? "wide" : "narrow").append("\"><title>")
        .append(Html.escape(label + (detail.isEmpty() ? "" : " " + detail))).append("</title>");
    svg.append("<rect x=\"").append(x + 8).append("\" y=\"").append(y + 2).append("\" width=\"")
        .append(BOX_WIDTH - 16).append("\" height=\"").append(ROW_HEIGHT - 4).append('"');
    if (wide) {
      svg.append(" rx=\"0\" fill=\"#ffe0b2\" stroke=\"#e65100\" stroke-dasharray=\"5,3\" stroke-width=\"1.5\"/>");
    } else {
      svg.append(" rx=\"8\" fill=\"#d6e9ff\" stroke=\"#1565c0\" stroke-width=\"1\"/>");
    }
    svg.append("<text x=\"").append(x + 16).append("\" y=\"").append(y + 16).append("\">")
        .append(Html.escape(shorten(label))).append("</text></g>\n");
  }

  private static void edge(StringBuilder svg, StageGraph graph, StageNode from, StageNode to, int[] x, int[] y,
      int[] height, Map<Integer, StageRuntime> runtime) {
    int x1 = x[from.id()] + BOX_WIDTH;
    int y1 = y[from.id()] + height[from.id()] / 2;
    int x2 = x[to.id()];
    int y2 = y[to.id()] + height[to.id()] / 2;
    record Style(String kind, String stroke, String dash, String label) {}
    Style style = switch (from.kind()) {
      case SHUFFLE_MAP -> {
        StageRuntime ran = runtime.get(from.id());
        yield new Style("shuffle", "#e65100", "7,4", exchangeDetail(from)
            + (ran == null || ran.shuffleWriteBytes() == 0 ? "" : " · " + Html.bytes(ran.shuffleWriteBytes())));
      }
      case BROADCAST -> new Style("broadcast", "#6a1b9a", "7,4", "broadcast");
      case SAMPLE -> new Style("sample", "#555", "2,3", "range bounds");
      case RESULT -> throw new IllegalStateException("a result stage is no stage's parent: stage " + from.id());
    };
    String kind = style.kind();
    String stroke = style.stroke();
    String dash = style.dash();
    String label = style.label();
    int middle = (x1 + x2) / 2;
    svg.append("<g class=\"edge ").append(kind).append("\" data-from=\"").append(from.id()).append("\" data-to=\"")
        .append(to.id()).append("\">");
    svg.append("<path d=\"M ").append(x1).append(' ').append(y1).append(" C ").append(middle).append(' ').append(y1)
        .append(", ").append(middle).append(' ').append(y2).append(", ").append(x2).append(' ').append(y2)
        .append("\" fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"2\" stroke-dasharray=\"")
        .append(dash).append("\" marker-end=\"url(#arrow)\"/>");
    svg.append("<text x=\"").append(middle).append("\" y=\"").append((y1 + y2) / 2 - 6)
        .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"").append(stroke).append("\">")
        .append(Html.escape(shorten(label))).append("<title>").append(Html.escape(label)).append("</title></text></g>\n");
  }

  /** The partitioning of the exchange a map stage ends with. */
  private static String exchangeDetail(StageNode stage) {
    List<OperatorNode> operators = stage.operators();
    return operators.isEmpty() ? "shuffle" : operators.get(operators.size() - 1).detail();
  }

  private static void legend(StringBuilder svg, int top) {
    svg.append("<g class=\"legend\" transform=\"translate(").append(MARGIN).append(',').append(top).append(")\">\n");
    svg.append("  <text x=\"0\" y=\"12\" font-weight=\"bold\">Legend</text>\n");
    List<String> items = new ArrayList<>();
    items.add("<rect x=\"0\" y=\"22\" width=\"36\" height=\"16\" rx=\"8\" fill=\"#d6e9ff\" stroke=\"#1565c0\"/>"
        + "<text x=\"44\" y=\"34\">narrow operator (stays in its task)</text>");
    items.add("<rect x=\"260\" y=\"22\" width=\"36\" height=\"16\" fill=\"#ffe0b2\" stroke=\"#e65100\" stroke-dasharray=\"5,3\"/>"
        + "<text x=\"304\" y=\"34\">exchange: wide boundary, ends a stage</text>");
    items.add("<path d=\"M 0 56 L 36 56\" stroke=\"#e65100\" stroke-width=\"2\" stroke-dasharray=\"7,4\"/>"
        + "<text x=\"44\" y=\"60\">shuffle (partitioning · bytes written)</text>");
    items.add("<path d=\"M 260 56 L 296 56\" stroke=\"#6a1b9a\" stroke-width=\"2\" stroke-dasharray=\"7,4\"/>"
        + "<text x=\"304\" y=\"60\">broadcast</text>");
    items.add("<path d=\"M 400 56 L 436 56\" stroke=\"#555\" stroke-width=\"2\" stroke-dasharray=\"2,3\"/>"
        + "<text x=\"444\" y=\"60\">range bounds (sample)</text>");
    for (String item : items) {
      svg.append("  ").append(item).append('\n');
    }
    svg.append("</g>\n");
  }

  private static String stageFill(String status) {
    return switch (status) {
      case "ACTIVE" -> "#fff8e1";
      case "COMPLETE" -> "#e8f5e9";
      case "FAILED" -> "#ffebee";
      default -> "#f5f5f5";
    };
  }

  private static void text(StringBuilder svg, int x, int y, String weight, String text) {
    svg.append("  <text x=\"").append(x).append("\" y=\"").append(y).append("\" font-weight=\"").append(weight)
        .append("\">").append(Html.escape(shorten(text))).append("</text>\n");
  }

  private static String shorten(String text) {
    return text.length() <= MAX_OPERATOR_CHARS ? text : text.substring(0, MAX_OPERATOR_CHARS - 1) + "…";
  }
}
