package dev.ember.catalyst.explain;

import dev.ember.catalyst.plan.InMemoryRelation;
import dev.ember.catalyst.plan.Aggregate;
import dev.ember.catalyst.plan.CsvRelation;
import dev.ember.catalyst.plan.Distinct;
import dev.ember.catalyst.plan.Filter;
import dev.ember.catalyst.plan.Join;
import dev.ember.catalyst.plan.Limit;
import dev.ember.catalyst.plan.LocalRelation;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.plan.Project;
import dev.ember.catalyst.plan.RangeRelation;
import dev.ember.catalyst.plan.Repartition;
import dev.ember.catalyst.plan.Sort;
import dev.ember.catalyst.plan.SubqueryAlias;
import dev.ember.catalyst.plan.Union;
import dev.ember.core.expression.AttributeReference;
import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.Expressions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.plan.BroadcastReadExec;
import dev.ember.core.plan.CachedScanExec;
import dev.ember.core.plan.CoalesceExec;
import dev.ember.core.plan.CsvScanExec;
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.FilterExec;
import dev.ember.core.plan.HashAggregateExec;
import dev.ember.core.plan.HashJoinExec;
import dev.ember.core.plan.InMemoryScanExec;
import dev.ember.core.plan.LimitExec;
import dev.ember.core.plan.NestedLoopJoinExec;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.plan.PlanPartitions;
import dev.ember.core.plan.ProjectExec;
import dev.ember.core.plan.RangeScanExec;
import dev.ember.core.plan.ShuffleReadExec;
import dev.ember.core.plan.SortExec;
import dev.ember.core.plan.SortMergeJoinExec;
import dev.ember.core.plan.UnionExec;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.List;

/**
 * Text renderings of plans: one line per node, {@code Name key=value, ...}, two-space indentation.
 *
 * <p>Physical plans show their stages: stages are numbered as the DAG scheduler numbers them within
 * the job (children first; a range exchange's sample stage just before its map stage; an exchange
 * that occurs twice is one stage), each exchange line says which stage it ends ({@code endsStage})
 * and how many tasks that stage has ({@code stageTasks}), and the root line names the result stage
 * ({@code resultStage}, {@code resultTasks}). A column reference prints as {@code name#i}, the name and
 * position of the column in the operator's input. Logical plans print attributes as
 * {@code name#id}.
 */
public final class PlanPrinter {
  private PlanPrinter() {}

  public static String logical(LogicalPlan plan) {
    StringBuilder text = new StringBuilder();
    appendLogical(plan, 0, text);
    return text.toString();
  }

  /**
   * The physical plan with its stage boundaries: each exchange shows its partitioning and the stage
   * it ends (numbered as the DAG scheduler cuts the plan, see {@link StageGraph}).
   */
  public static String physical(PhysicalPlan plan) {
    StageGraph.Layout layout = StageGraph.layout(plan);
    StringBuilder text = new StringBuilder();
    appendPhysical(plan, 0, text, layout);
    return text.toString();
  }

  private static void appendPhysical(PhysicalPlan plan, int depth, StringBuilder text, StageGraph.Layout layout) {
    List<String> parts = physicalParts(plan);
    String name = parts.remove(0);
    if (plan instanceof ExchangeExec exchange) {
      int stage = layout.stageOf(exchange);
      if (exchange.partitioning() instanceof Partitioning.Range) {
        parts.add("sampleStage=" + (stage - 1));
      }
      parts.add("endsStage=" + stage);
      parts.add("stageTasks=" + PlanPartitions.count(exchange.child()));
    }
    if (depth == 0) {
      parts.add("resultStage=" + layout.graph().resultStage().id());
      parts.add("resultTasks=" + PlanPartitions.count(plan));
    }
    line(text, depth, name, parts);
    for (PhysicalPlan child : plan.children()) {
      appendPhysical(child, depth + 1, text, layout);
    }
  }

  /** The node's name, then its details. */
  static List<String> physicalParts(PhysicalPlan plan) {
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
          boolean sameColumn = expression instanceof BoundReference reference && input.field(reference.ordinal()).name().equals(name);
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
    return parts;
  }

  private static void appendLogical(LogicalPlan plan, int depth, StringBuilder text) {
    List<String> parts = new ArrayList<>();
    String name = switch (plan) {
      case LocalRelation relation -> {
        parts.add("output=" + relation.output());
        parts.add("partitions=" + relation.partitions().size());
        parts.add("rows=" + relation.partitions().stream().mapToLong(Batch::rowCount).sum());
        yield "LocalRelation";
      }
      case InMemoryRelation cached -> {
        parts.add("cacheId=" + cached.cacheId());
        parts.add("level=" + cached.mode());
        parts.add("output=" + cached.output());
        yield "InMemoryRelation";
      }
      case RangeRelation range -> {
        parts.add("start=" + range.start());
        parts.add("end=" + range.end());
        parts.add("step=" + range.step());
        parts.add("partitions=" + range.partitionCount());
        parts.add("output=" + range.output());
        yield "Range";
      }
      case CsvRelation csv -> {
        parts.add("output=" + csv.output());
        parts.add("paths=" + csv.paths());
        parts.add("splits=" + csv.splits().size());
        if (!csv.readsAllColumns()) {
          parts.add("columns=" + csv.output().stream().map(AttributeReference::name).toList());
        }
        if (!csv.pushedFilters().isEmpty()) {
          parts.add("pushedFilters=" + csv.pushedFilters());
        }
        yield "CsvRelation";
      }
      case Project project -> {
        parts.add("expressions=" + project.projectList());
        yield "Project";
      }
      case Filter filter -> {
        parts.add("condition=" + filter.condition());
        yield "Filter";
      }
      case Aggregate aggregate -> {
        parts.add("groupings=" + aggregate.groupings());
        parts.add("aggregates=" + aggregate.aggregates());
        yield "Aggregate";
      }
      case Join join -> {
        parts.add("type=" + join.joinType().sparkName());
        if (join.condition() != null) {
          parts.add("condition=" + join.condition());
        }
        if (join.broadcastLeft()) {
          parts.add("broadcastLeft=true");
        }
        if (join.broadcastRight()) {
          parts.add("broadcastRight=true");
        }
        yield "Join";
      }
      case Sort sort -> {
        parts.add("orders=" + sort.orders());
        yield "Sort";
      }
      case Limit limit -> {
        parts.add("limit=" + limit.limit());
        yield "Limit";
      }
      case Union union -> "Union";
      case Distinct distinct -> "Distinct";
      case Repartition repartition -> {
        parts.add("partitions=" + repartition.partitionCount());
        parts.add("shuffle=" + repartition.shuffle());
        if (!repartition.keys().isEmpty()) {
          parts.add("keys=" + repartition.keys());
        }
        yield "Repartition";
      }
      case SubqueryAlias alias -> {
        parts.add("alias=" + alias.alias());
        yield "SubqueryAlias";
      }
    };
    line(text, depth, name, parts);
    for (LogicalPlan child : plan.children()) {
      appendLogical(child, depth + 1, text);
    }
  }

  private static void line(StringBuilder text, int depth, String name, List<String> parts) {
    text.append("  ".repeat(depth)).append(name);
    if (!parts.isEmpty()) {
      text.append(' ').append(String.join(", ", parts));
    }
    text.append('\n');
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
