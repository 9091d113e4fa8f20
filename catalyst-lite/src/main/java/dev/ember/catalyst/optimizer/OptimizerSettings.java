package dev.ember.catalyst.optimizer;

import java.util.Objects;
import java.util.Set;

/**
 * Session settings of the optimizer: {@code ember.sql.optimizer.enabled} (false runs plans as
 * analyzed) and {@code ember.sql.optimizer.excludedRules} (rule names to skip).
 */
public record OptimizerSettings(boolean enabled, Set<String> excludedRules) {
  public OptimizerSettings {
    excludedRules = Set.copyOf(Objects.requireNonNull(excludedRules, "excludedRules is null"));
  }

  public static OptimizerSettings defaults() {
    return new OptimizerSettings(true, Set.of());
  }
}
