package dev.ember.catalyst.explain;

import dev.ember.catalyst.plan.ReplicateRows;
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
import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.NodeDescription;
import dev.ember.core.plan.Partitioning;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.scheduler.JobStages;
import dev.ember.core.scheduler.StageBuilder;
import dev.ember.core.scheduler.StagePlan;
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
 * ({@code resultStage}, {@code resultTasks}). Node lines are engine-core's {@link NodeDescription}
 * (a column reference prints as {@code name#i}, the name and position of the column in the
 * operator's input). Logical plans print attributes as {@code name#id}.
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
   * it ends (its key, as the DAG scheduler cuts the plan, see {@link StageGraph}).
   */
  public static String physical(PhysicalPlan plan) {
    JobStages job = StageBuilder.build(plan);
    StringBuilder text = new StringBuilder();
    appendPhysical(plan, 0, text, job);
    return text.toString();
  }

  private static void appendPhysical(PhysicalPlan plan, int depth, StringBuilder text, JobStages job) {
    NodeDescription description = NodeDescription.of(plan);
    List<String> parts = new ArrayList<>(description.details());
    if (plan instanceof ExchangeExec exchange) {
      StagePlan stage = job.stageEnding(exchange);
      if (exchange.partitioning() instanceof Partitioning.Range) {
        parts.add("sampleStage=" + job.sampleStageOf(stage).key());
      }
      parts.add("endsStage=" + stage.key());
      parts.add("stageTasks=" + stage.partitionCount());
    }
    if (depth == 0) {
      parts.add("resultStage=" + job.resultStage().key());
      parts.add("resultTasks=" + job.resultStage().partitionCount());
    }
    line(text, depth, description.name(), parts);
    for (PhysicalPlan child : plan.children()) {
      appendPhysical(child, depth + 1, text, job);
    }
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
      case ReplicateRows replicate -> {
        parts.add("count=" + replicate.count());
        yield "ReplicateRows";
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
}
