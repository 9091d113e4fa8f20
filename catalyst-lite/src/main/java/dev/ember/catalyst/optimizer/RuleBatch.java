package dev.ember.catalyst.optimizer;

import java.util.List;
import java.util.Objects;
import dev.ember.catalyst.rewrite.OptimizerRule;

/** Rules that run together, in order, repeatedly until the plan stops changing or {@code maxPasses} is reached. */
public record RuleBatch(String name, int maxPasses, List<OptimizerRule> rules) {
  public RuleBatch {
    Objects.requireNonNull(name, "name is null");
    rules = List.copyOf(Objects.requireNonNull(rules, "rules is null"));
    if (maxPasses < 1) {
      throw new IllegalArgumentException("maxPasses must be positive: " + maxPasses);
    }
  }
}
