package dev.ember.core.scheduler;

import dev.ember.core.plan.ExchangeExec;
import dev.ember.core.plan.PhysicalPlan;
import java.util.List;
import java.util.Objects;

/**
 * One node of the job's physical plan as a stage runs it: its number (children before parents,
 * numbered once even when an exchange occurs twice), the node, and the numbers of the nodes it
 * reads. An {@link ExchangeExec} is wide (its rows move between tasks); every other node is narrow.
 */
public record StageOperator(int number, PhysicalPlan node, List<Integer> children) {
  public StageOperator {
    Objects.requireNonNull(node, "node is null");
    children = List.copyOf(Objects.requireNonNull(children, "children is null"));
    if (number < 1) {
      throw new IllegalArgumentException("operator numbers start at 1: " + number);
    }
  }

  public boolean wide() {
    return node instanceof ExchangeExec;
  }
}
