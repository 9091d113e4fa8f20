package dev.ember.catalyst.explain;

import dev.ember.core.scheduler.listener.StageKind;
import java.util.List;
import java.util.Objects;

/**
 * One stage of a job as the DAG scheduler will cut it: its id within the job (the stage key, which
 * the job's stage events carry as {@code stageKey}), its kind, its task count, the stages it reads
 * ({@code parents}) and the operators its tasks run, children first. A
 * SHUFFLE_MAP or BROADCAST stage ends with its exchange (the only wide operator); a SAMPLE stage
 * runs the operators of the range map stage it samples for, without that exchange.
 */
public record StageNode(int id, StageKind kind, int partitionCount, List<Integer> parents, List<OperatorNode> operators) {
  public StageNode {
    Objects.requireNonNull(kind, "kind is null");
    parents = List.copyOf(Objects.requireNonNull(parents, "parents is null"));
    operators = List.copyOf(Objects.requireNonNull(operators, "operators is null"));
    if (id < 0 || partitionCount < 0) {
      throw new IllegalArgumentException("stage " + id + " with " + partitionCount + " partitions");
    }
  }

  /** {@code Stage 2 (SHUFFLE_MAP, 4 tasks, parents: 0, 1)}. */
  public String header() {
    String parentText = parents.isEmpty() ? "none" : String.join(", ", parents.stream().map(String::valueOf).toList());
    return "Stage " + id + " (" + kind + ", " + partitionCount + (partitionCount == 1 ? " task" : " tasks")
        + ", parents: " + parentText + ")";
  }
}
