package dev.ember.catalyst.optimizer;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Session settings of the optimizer: {@code ember.sql.optimizer.enabled} (false runs plans as
 * analyzed) and {@code ember.sql.optimizer.excludedRules} (rule names to skip). Spark's names of
 * the same rules are accepted too, with or without Spark's package
 * ({@code org.apache.spark.sql.catalyst.optimizer.ConstantFolding} means {@code FoldConstants}), so
 * a Spark configuration carries over. A rule family's name excludes all its rules:
 * {@code PushDownPredicates} every predicate pushdown rule, Spark's {@code PushPredicateThroughJoin}
 * and {@code PushPredicateThroughNonJoin} the join ones and the others.
 */
public record OptimizerSettings(boolean enabled, Set<String> excludedRules) {
  private static final String SPARK_PACKAGE = "org.apache.spark.sql.catalyst.optimizer.";

  /** Spark's rule name → Ember's, where they differ. */
  private static final Map<String, String> SPARK_NAMES = Map.of(
      "ConstantFolding", "FoldConstants",
      "BooleanSimplification", "SimplifyBooleans",
      "NullPropagation", "PropagateNulls",
      "ColumnPruning", "PruneColumns",
      "LimitPushDown", "PushLimitDown",
      "RemoveNoopOperators", "RemoveRedundantProject",
      "RemoveRedundantProject", "RemoveRedundantProject");

  public OptimizerSettings {
    Objects.requireNonNull(excludedRules, "excludedRules is null");
    Set<String> canonical = new LinkedHashSet<>();
    for (String name : excludedRules) {
      canonical.add(canonicalRuleName(name));
    }
    excludedRules = Set.copyOf(canonical);
  }

  public static OptimizerSettings defaults() {
    return new OptimizerSettings(true, Set.of());
  }

  /** Ember's name of a rule given by its Ember or Spark name. */
  public static String canonicalRuleName(String name) {
    String simple = name.trim();
    if (simple.startsWith(SPARK_PACKAGE)) {
      simple = simple.substring(SPARK_PACKAGE.length());
    }
    return SPARK_NAMES.getOrDefault(simple, simple);
  }

  /**
   * Whether the rule named {@code ruleName} is excluded: by its own name, or by the name of a rule
   * family it belongs to ({@link DefaultRuleBatches#ruleFamilies()}).
   */
  public boolean excludes(String ruleName) {
    if (excludedRules.isEmpty()) {
      return false;
    }
    if (excludedRules.contains(ruleName)) {
      return true;
    }
    for (Map.Entry<String, Set<String>> family : DefaultRuleBatches.ruleFamilies().entrySet()) {
      if (excludedRules.contains(family.getKey()) && family.getValue().contains(ruleName)) {
        return true;
      }
    }
    return false;
  }
}
