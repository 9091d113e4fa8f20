package dev.ember.core.plan;

import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The text of one physical plan node: its name ({@code HashAggregate}, {@code Exchange}, ...) and
 * its details ({@code key=value}, in a fixed order). The one renderer of physical nodes: explain
 * lays these out as a tree with stage annotations, the scheduler describes stage plans in its
 * events with {@link #outline}. A column reference prints as {@code name#i}, the name and position
 * of the column in the node's input.
 */
public record NodeDescription(String name, List<String> details) {
  public NodeDescription {
    Objects.requireNonNull(name, "name is null");
    details = List.copyOf(Objects.requireNonNull(details, "details is null"));
  }

  /** {@code name key=value, ...}: one line of explain. */
  public String line() {
    return details.isEmpty() ? name : name + " " + String.join(", ", details);
  }

  /**
   * The plan as node names on one line, children in parentheses, read leaves with the shuffle or
   * broadcast they read: {@code Union(ShuffleRead[shuffle 0], BroadcastRead[broadcast 1])}.
   */
  public static String outline(PhysicalPlan plan) {
    String name = of(plan).name();
    if (plan instanceof ShuffleReadExec read) {
      name += "[shuffle " + read.shuffleId() + "]";
    } else if (plan instanceof BroadcastReadExec read) {
      name += "[broadcast " + read.broadcastId() + "]";
    }
    if (plan.children().isEmpty()) {
      return name;
    }
    return name + plan.children().stream().map(NodeDescription::outline).collect(Collectors.joining(", ", "(", ")"));
  }

  /** The node's name and details. */
  public static NodeDescription of(PhysicalPlan plan) {
    Objects.requireNonNull(plan, "plan is null");
    List<String> parts = new ArrayList<>();
    switch (plan) {
      case InMemoryScanExec scan -> {
        parts.add("InMemoryScan");
        parts.add("output=" + columns(scan.schema()));
        parts.add("partitions=" + scan.partitions().size());
        parts.add("rows=" + scan.partitions().stream().mapToLong(Batch::rowCount).sum());
      }
      case RangeScanExec range -> {
        parts.add("Range");
        parts.add("start=" + range.start());
        parts.add("end=" + range.end());
        parts.add("step=" + range.step());
        parts.add("partitions=" + range.partitionCount());
      }
      case CsvScanExec csv -> {
        parts.add("CsvScan");
        parts.add("output=" + columns(csv.schema()));
        parts.add("files=" + csv.splits().stream().map(FileSplit::path).distinct().toList());
        parts.add("splits=" + csv.splits().size());
        parts.add("header=" + csv.options().header());
        parts.add("delimiter='" + csv.options().delimiter() + "'");
        // Scan pushdown, shown only when it happened.
        if (!csv.readsAllColumns()) {
          parts.add("columns=" + csv.schema().names());
        }
        if (csv.pushedFilter() != null) {
          parts.add("pushedFilters=" + renderAll(Expressions.conjuncts(csv.pushedFilter()), csv.schema()));
        }
      }
      case ShuffleReadExec read -> {
        parts.add("ShuffleRead");
        parts.add("shuffle=" + read.shuffleId());
        parts.add("partitions=" + read.partitionCount());
        parts.add("output=" + columns(read.schema()));
      }
      case BroadcastReadExec read -> {
        parts.add("BroadcastRead");
        parts.add("broadcast=" + read.broadcastId());
        parts.add("output=" + columns(read.schema()));
      }
      case ProjectExec project -> {
        Schema input = project.child().schema();
        List<String> expressions = new ArrayList<>();
        for (int i = 0; i < project.expressions().size(); i++) {
          Expression expression = project.expressions().get(i);
          String name = project.schema().field(i).name();
          boolean sameColumn = expression instanceof BoundReference reference && reference.ordinal() < input.size()
              && input.field(reference.ordinal()).name().equals(name);
          expressions.add(sameColumn ? render(expression, input) : render(expression, input) + " AS " + name);
        }
        parts.add("Project");
        parts.add("expressions=" + expressions);
      }
      case FilterExec filter -> {
        parts.add("Filter");
        parts.add("condition=" + render(filter.condition(), filter.child().schema()));
      }
      case HashAggregateExec aggregate -> {
        Schema input = aggregate.child().schema();
        parts.add("HashAggregate");
        parts.add("mode=" + aggregate.mode());
        parts.add("keys=" + renderAll(aggregate.groupings(), input));
        parts.add("functions=" + aggregate.aggregates().stream()
            .map(function -> function.withArguments(renderedArguments(function.arguments(), input)).toString()).toList());
        parts.add("output=" + aggregate.schema().names());
      }
      case HashJoinExec join -> {
        parts.add("HashJoin");
        parts.add("type=" + join.joinType().sparkName());
        parts.add("leftKeys=" + renderAll(join.leftKeys(), join.left().schema()));
        parts.add("rightKeys=" + renderAll(join.rightKeys(), join.right().schema()));
        if (join.condition() != null) {
          parts.add("condition=" + render(join.condition(), join.left().schema().concat(join.right().schema())));
        }
      }
      case SortMergeJoinExec join -> {
        parts.add("SortMergeJoin");
        parts.add("type=" + join.joinType().sparkName());
        parts.add("leftKeys=" + renderAll(join.leftKeys(), join.left().schema()));
        parts.add("rightKeys=" + renderAll(join.rightKeys(), join.right().schema()));
        if (join.condition() != null) {
          parts.add("condition=" + render(join.condition(), join.left().schema().concat(join.right().schema())));
        }
      }
      case NestedLoopJoinExec join -> {
        parts.add("NestedLoopJoin");
        parts.add("type=" + join.joinType().sparkName());
        if (join.condition() != null) {
          parts.add("condition=" + render(join.condition(), join.left().schema().concat(join.right().schema())));
        }
      }
      case SortExec sort -> {
        parts.add("Sort");
        parts.add("orders=" + sort.orders().stream().map(order -> order.withChild(rendered(order.child(), sort.child().schema()))).toList());
      }
      case LimitExec limit -> {
        parts.add("Limit");
        parts.add("limit=" + limit.limit());
      }
      case ReplicateRowsExec replicate -> {
        parts.add("ReplicateRows");
        parts.add("count=" + replicate.child().schema().field(0).name());
        parts.add("output=" + columns(replicate.schema()));
      }
      case UnionExec union -> {
        parts.add("Union");
        parts.add("output=" + columns(union.schema()));
      }
      case ExchangeExec exchange -> {
        Schema input = exchange.child().schema();
        switch (exchange.partitioning()) {
          case Partitioning.Hash hash -> {
            parts.add("Exchange");
            parts.add("hashpartitioning(" + String.join(", ", renderAll(hash.keys(), input)) + ", " + hash.partitionCount() + ")");
          }
          case Partitioning.Range range -> {
            parts.add("Exchange");
            parts.add("rangepartitioning(" + String.join(", ", range.orders().stream()
                .map(order -> order.withChild(rendered(order.child(), input)).toString()).toList()) + ", "
                + range.partitionCount() + ")");
          }
          case Partitioning.RoundRobin roundRobin -> {
            parts.add("Exchange");
            parts.add("RoundRobinPartitioning(" + roundRobin.partitionCount() + ")");
          }
          case Partitioning.Single single -> {
            parts.add("Exchange");
            parts.add("SinglePartition");
          }
          case Partitioning.Broadcast broadcast -> parts.add("BroadcastExchange");
        }
      }
      case CoalesceExec coalesce -> {
        parts.add("Coalesce");
        parts.add("partitions=" + coalesce.partitionCount());
      }
      case CachedScanExec cached -> {
        // Spark's name for a scan of cached data.
        parts.add("InMemoryTableScan");
        parts.add("cacheId=" + cached.cacheId());
        parts.add("level=" + cached.mode());
        parts.add("output=" + columns(cached.schema()));
      }
    }
    return new NodeDescription(parts.get(0), parts.subList(1, parts.size()));
  }

  private static String render(Expression expression, Schema input) {
    return rendered(expression, input).toString();
  }

  private static List<String> renderAll(List<Expression> expressions, Schema input) {
    return expressions.stream().map(expression -> render(expression, input)).toList();
  }

  private static List<Expression> renderedArguments(List<Expression> expressions, Schema input) {
    return expressions.stream().map(expression -> rendered(expression, input)).toList();
  }

  /** The expression with each bound reference shown as {@code name#ordinal} of the input column. */
  private static Expression rendered(Expression expression, Schema input) {
    return Expressions.transformUp(expression, node -> {
      if (node instanceof BoundReference reference) {
        String name = reference.ordinal() < input.size() ? input.field(reference.ordinal()).name() : "?";
        return new AttributeReference(name, reference.type(), reference.nullable(), reference.ordinal(), "");
      }
      return node;
    });
  }

  private static String columns(Schema schema) {
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      columns.add(schema.field(i).name() + "#" + i);
    }
    return columns.toString();
  }
}
