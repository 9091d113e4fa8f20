package dev.ember.sql;

import dev.ember.catalyst.explain.PlanPrinter;
import dev.ember.catalyst.optimizer.OptimizationResult;
import dev.ember.catalyst.plan.LogicalPlan;
import dev.ember.catalyst.planner.PhysicalPlanner;
import dev.ember.catalyst.planner.PlannerSettings;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.task.PartitionResult;
import dev.ember.core.task.ResultAction;
import dev.ember.sql.internal.RowConversion;
import dev.ember.sql.internal.TypeConversions;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one action runs a DataFrame, as Spark's {@code QueryExecution} (developer API): the analyzed
 * plan, the optimized plan, the physical plan for the session's current settings, the job, and the
 * conversion of its batches to rows at the edge.
 */
public final class QueryExecution {
  private final EmberSession session;
  private final LogicalPlan analyzed;
  private OptimizationResult optimization;
  private PhysicalPlan physical;

  QueryExecution(EmberSession session, LogicalPlan analyzed) {
    this.session = session;
    this.analyzed = analyzed;
  }

  public LogicalPlan analyzed() {
    return analyzed;
  }

  public synchronized LogicalPlan optimized() {
    return optimization().plan();
  }

  /** The optimized plan with every rule application that changed it, in order (for explain("rules")). */
  public synchronized OptimizationResult optimization() {
    if (optimization == null) {
      optimization = session.optimize(analyzed);
    }
    return optimization;
  }

  public synchronized PhysicalPlan physical() {
    if (physical == null) {
      physical = new PhysicalPlanner(new PlannerSettings(session.shufflePartitions(), session.autoBroadcastJoinThreshold())).plan(optimized());
    }
    return physical;
  }

  /** Runs the plan and returns each partition's result, in partition order. */
  List<PartitionResult> run(ResultAction action, String description) {
    session.assertNotStopped();
    return session.jobRunner().runJob(physical(), action, description);
  }

  /** Runs the plan and returns its rows, partition by partition. */
  List<Row> collect(String description) {
    StructType schema = TypeConversions.toStructType(analyzed.output());
    List<Row> rows = new ArrayList<>();
    for (PartitionResult result : run(new ResultAction.Collect(), description)) {
      if (!(result instanceof PartitionResult.Collected collected)) {
        throw new IllegalStateException("a collect job returned " + result.getClass().getSimpleName());
      }
      for (var batch : collected.batches()) {
        rows.addAll(RowConversion.toRows(batch, schema));
      }
    }
    return rows;
  }

  /**
   * The text {@code explain(mode)} prints: {@code simple} and {@code formatted} the physical plan;
   * {@code extended} and {@code cost} the analyzed and optimized logical plans too; {@code codegen}
   * notes that Ember runs vectorized operators instead of generated code.
   *
   * @throws IllegalArgumentException for another mode, listing the accepted ones
   */
  String explainString(String mode) {
    String lower = mode.toLowerCase(Locale.ROOT);
    if (!List.of("simple", "extended", "codegen", "cost", "formatted").contains(lower)) {
      throw new IllegalArgumentException(
          "Unknown explain mode: " + mode + ". Accepted explain modes are 'simple', 'extended', 'codegen', 'cost',"
              + " 'formatted'.");
    }
    String physicalText = "== Physical Plan ==\n" + withNewline(PlanPrinter.physical(physical()));
    return switch (lower) {
      case "simple", "formatted" -> physicalText;
      case "extended", "cost" -> "== Analyzed Logical Plan ==\n" + schemaLine() + "\n"
          + withNewline(PlanPrinter.logical(analyzed)) + "\n== Optimized Logical Plan ==\n"
          + withNewline(PlanPrinter.logical(optimized())) + "\n" + physicalText;
      case "codegen" -> "Ember generates no code: the physical plan runs vectorized operators.\n" + physicalText;
      default -> throw new IllegalStateException("unreachable explain mode " + mode);
    };
  }

  private String schemaLine() {
    StructType schema = TypeConversions.toStructType(analyzed.output());
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < schema.length(); i++) {
      if (i > 0) {
        line.append(", ");
      }
      line.append(schema.apply(i).name()).append(": ").append(schema.apply(i).dataType().simpleString());
    }
    return line.toString();
  }

  private static String withNewline(String text) {
    return text.endsWith("\n") ? text : text + "\n";
  }
}
