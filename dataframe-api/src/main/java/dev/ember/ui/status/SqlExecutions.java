package dev.ember.ui.status;

import dev.ember.catalyst.explain.OperatorNode;
import dev.ember.catalyst.explain.StageGraph;
import dev.ember.catalyst.explain.StageNode;
import dev.ember.core.metrics.OperatorMetric;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.scheduler.listener.StageKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a job's {@link SqlExecutionData} from its stage graph and the per-operator totals of its
 * stages. A task numbers its operators by walking its stage's plan children first, left to right,
 * where the plan reads another stage's exchange through a read leaf; the same walk over the graph's
 * operators (a child that is not in the stage is such a leaf) maps each slot to its operator. What
 * a read leaf counts is shown on the exchange it reads. SAMPLE stages rerun their map stage's
 * operators to sample keys; their counts are left out, so an operator's rows are the rows it
 * produced for the job's result.
 */
final class SqlExecutions {
  /** Operators that hold execution memory and may spill. */
  private static final Set<String> MEMORY_OPERATORS = Set.of("HashAggregate", "Sort", "HashJoin", "SortMergeJoin");
  /** Operators with a build side. */
  private static final Set<String> BUILD_OPERATORS = Set.of("HashJoin", "NestedLoopJoin");
  static final String RECORDS_READ = "records read";
  static final String READ_BATCHES = "batches read";
  static final String READ_TIME = "read time (ns)";
  static final String SHUFFLE_RECORDS_WRITTEN = "shuffle records written";
  static final String SHUFFLE_BYTES_WRITTEN = "shuffle bytes written";

  private SqlExecutions() {}

  /**
   * @param operatorsByKey by stage key, the summed metrics of the stage's successful tasks (absent: never ran)
   * @param metricsByKey by stage key, the stage's summed task metrics
   */
  static SqlExecutionData of(JobData job, StageGraph graph, Map<Integer, TaskMetrics> operatorsByKey,
      Map<Integer, MetricsData> metricsByKey, long now) {
    long end = job.completionTime() >= 0 ? job.completionTime() : now;
    String status = switch (job.status()) {
      case RUNNING -> "RUNNING";
      case SUCCEEDED -> "COMPLETED";
      case FAILED -> "FAILED";
    };
    List<Integer> self = List.of(job.jobId());
    List<SqlExecutionData.Node> nodes = new ArrayList<>();
    List<SqlExecutionData.Edge> edges = new ArrayList<>();
    StringBuilder plan = new StringBuilder();
    if (graph != null) {
      Map<Integer, long[]> own = new HashMap<>();
      Map<Integer, long[]> read = new HashMap<>();
      Map<Integer, Integer> stageKeyOf = new HashMap<>();
      for (StageNode stage : graph.stages()) {
        plan.append(stage.header()).append('\n');
        for (OperatorNode operator : stage.operators()) {
          plan.append("  ").append(operator.line()).append('\n');
        }
        if (stage.kind() == StageKind.SAMPLE) {
          continue;
        }
        stage.operators().forEach(operator -> stageKeyOf.put(operator.number(), stage.id()));
        TaskMetrics totals = operatorsByKey.get(stage.id());
        if (totals == null || totals.operatorCount() == 0) {
          continue;
        }
        List<int[]> slots = slots(stage, graph);
        if (slots.size() != totals.operatorCount()) {
          // Not the plan the tasks ran (cannot happen with the scheduler's own walk): show nothing wrong.
          continue;
        }
        for (int slot = 0; slot < slots.size(); slot++) {
          int[] target = slots.get(slot);
          long[] values = (target[1] == 1 ? read : own).computeIfAbsent(target[0], number -> new long[OperatorMetric.ALL.length]);
          for (OperatorMetric metric : OperatorMetric.ALL) {
            long value = totals.operatorValue(slot, metric);
            values[metric.ordinal()] = metric.isMaximum() ? Math.max(values[metric.ordinal()], value) : values[metric.ordinal()] + value;
          }
        }
      }
      for (OperatorNode operator : graph.operators()) {
        Integer key = stageKeyOf.get(operator.number());
        int stageId = key == null || key >= job.stageIds().size() ? -1 : job.stageIds().get(key);
        nodes.add(new SqlExecutionData.Node(operator.number(), operator.name(), operator.detail(), stageId,
            metrics(operator, own.get(operator.number()), read.get(operator.number()),
                key == null ? null : metricsByKey.get(key))));
        for (int child : operator.children()) {
          edges.add(new SqlExecutionData.Edge(child, operator.number()));
        }
      }
    }
    return new SqlExecutionData(job.jobId(), status, job.name(), plan.toString(), job.submissionTime(),
        Math.max(0, end - job.submissionTime()), status.equals("RUNNING") ? self : List.of(),
        status.equals("COMPLETED") ? self : List.of(), status.equals("FAILED") ? self : List.of(), nodes, edges);
  }

  private static List<SqlExecutionData.Metric> metrics(
      OperatorNode operator, long[] own, long[] read, MetricsData stageMetrics) {
    List<SqlExecutionData.Metric> metrics = new ArrayList<>();
    if (operator.wide()) {
      MetricsData written = stageMetrics == null ? MetricsData.ZERO : stageMetrics;
      if (operator.name().equals("BroadcastExchange")) {
        metrics.add(new SqlExecutionData.Metric(OperatorMetric.OUTPUT_ROWS.label(), written.outputRecords()));
      } else {
        metrics.add(new SqlExecutionData.Metric(SHUFFLE_RECORDS_WRITTEN, written.shuffleWriteRecords()));
        metrics.add(new SqlExecutionData.Metric(SHUFFLE_BYTES_WRITTEN, written.shuffleWriteBytes()));
      }
      metrics.add(new SqlExecutionData.Metric(RECORDS_READ, value(read, OperatorMetric.OUTPUT_ROWS)));
      metrics.add(new SqlExecutionData.Metric(READ_BATCHES, value(read, OperatorMetric.OUTPUT_BATCHES)));
      metrics.add(new SqlExecutionData.Metric(READ_TIME, value(read, OperatorMetric.TIME_NANOS)));
      return metrics;
    }
    for (OperatorMetric metric : List.of(OperatorMetric.OUTPUT_ROWS, OperatorMetric.OUTPUT_BATCHES, OperatorMetric.TIME_NANOS)) {
      metrics.add(new SqlExecutionData.Metric(metric.label(), value(own, metric)));
    }
    if (MEMORY_OPERATORS.contains(operator.name())) {
      metrics.add(new SqlExecutionData.Metric(OperatorMetric.SPILL_BYTES.label(), value(own, OperatorMetric.SPILL_BYTES)));
      metrics.add(new SqlExecutionData.Metric(OperatorMetric.PEAK_MEMORY.label(), value(own, OperatorMetric.PEAK_MEMORY)));
    }
    if (BUILD_OPERATORS.contains(operator.name())) {
      metrics.add(new SqlExecutionData.Metric(OperatorMetric.BUILD_ROWS.label(), value(own, OperatorMetric.BUILD_ROWS)));
    }
    return metrics;
  }

  private static long value(long[] values, OperatorMetric metric) {
    return values == null ? 0 : values[metric.ordinal()];
  }

  /**
   * The stage's task slots in order: {number, 0} for an operator of the stage, {number, 1} for a
   * read leaf of exchange {@code number} (another stage's).
   */
  static List<int[]> slots(StageNode stage, StageGraph graph) {
    List<int[]> slots = new ArrayList<>();
    if (stage.operators().isEmpty()) {
      // The stage's plan is one read leaf (a result stage that returns an exchange's rows as they are).
      if (!stage.parents().isEmpty()) {
        List<OperatorNode> parent = graph.stage(stage.parents().get(0)).operators();
        slots.add(new int[] {parent.get(parent.size() - 1).number(), 1});
      }
      return slots;
    }
    Map<Integer, OperatorNode> byNumber = new HashMap<>();
    stage.operators().forEach(operator -> byNumber.put(operator.number(), operator));
    OperatorNode root = stage.operators().get(stage.operators().size() - 1);
    if (root.wide()) {
      // The stage's own exchange: its tasks run the exchange's child and write what it returns.
      int child = root.children().get(0);
      root = byNumber.get(child);
      if (root == null || root.wide()) {
        slots.add(new int[] {child, 1});
        return slots;
      }
    }
    walk(root, byNumber, slots);
    return slots;
  }

  private static void walk(OperatorNode node, Map<Integer, OperatorNode> byNumber, List<int[]> slots) {
    for (int child : node.children()) {
      OperatorNode inStage = byNumber.get(child);
      if (inStage != null && !inStage.wide()) {
        walk(inStage, byNumber, slots);
      } else {
        slots.add(new int[] {child, 1});
      }
    }
    slots.add(new int[] {node.number(), 0});
  }
}
