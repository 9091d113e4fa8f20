package dev.ember.ui.status;

import java.util.List;
import java.util.Objects;

/**
 * A DataFrame or SQL action's execution as Spark's {@code ExecutionData} of {@code /sql}: Ember runs
 * each action as one job, so the execution id is the job id. {@code nodes} are the operators of the
 * job's physical plan (numbered as in {@code explain("formatted")}, children first) with their
 * metrics summed over the tasks that ran them; {@code edges} go from an operator to the operator
 * that reads it, as Spark's. Times are epoch milliseconds; {@code duration} counts to now while running.
 */
public record SqlExecutionData(
    int id, String status, String description, String planDescription, long submissionTime, long duration,
    List<Integer> runningJobIds, List<Integer> successJobIds, List<Integer> failedJobIds, List<Node> nodes,
    List<Edge> edges) {
  public SqlExecutionData {
    Objects.requireNonNull(status, "status is null");
    runningJobIds = List.copyOf(runningJobIds);
    successJobIds = List.copyOf(successJobIds);
    failedJobIds = List.copyOf(failedJobIds);
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /**
   * One operator: Spark's {@code nodeId}, {@code nodeName} and {@code metrics}; Ember adds its
   * details and the session-wide id of the stage that runs it (-1 when the stage has not run).
   */
  public record Node(int nodeId, String nodeName, String detail, int stageId, List<Metric> metrics) {
    public Node {
      metrics = List.copyOf(metrics);
    }

    /** The metric's value, or -1 when the node does not have it. */
    public long value(String name) {
      for (Metric metric : metrics) {
        if (metric.name().equals(name)) {
          return metric.value();
        }
      }
      return -1;
    }
  }

  /** A metric's name (Spark's where Spark has one) and its value: a count, bytes or nanoseconds. */
  public record Metric(String name, long value) {}

  /** Rows flow from operator {@code fromId} to operator {@code toId}. */
  public record Edge(int fromId, int toId) {}
}
