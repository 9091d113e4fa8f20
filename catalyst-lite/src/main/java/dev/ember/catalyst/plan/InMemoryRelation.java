package dev.ember.catalyst.plan;

import dev.ember.core.expression.AttributeReference;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.storage.StorageMode;
import java.util.List;
import java.util.Objects;

/**
 * Data cached under {@code cacheId}, as Spark's {@code InMemoryRelation}: stands in for
 * {@code cachedPlan} (an analyzed plan a DataFrame persisted) wherever that plan appears, with the
 * same output attributes. A leaf for the optimizer: the cached plan was optimized and planned once,
 * into {@code cachedPhysical}, which computes a partition when its block is missing.
 */
public record InMemoryRelation(
    List<AttributeReference> output, int cacheId, StorageMode mode, LogicalPlan cachedPlan, PhysicalPlan cachedPhysical)
    implements LogicalPlan {
  public InMemoryRelation {
    output = List.copyOf(Objects.requireNonNull(output, "output is null"));
    if (cacheId < 0) {
      throw new IllegalArgumentException("cache id must not be negative: " + cacheId);
    }
    Objects.requireNonNull(mode, "mode is null");
    Objects.requireNonNull(cachedPlan, "cachedPlan is null");
    Objects.requireNonNull(cachedPhysical, "cachedPhysical is null");
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of();
  }

  @Override
  public LogicalPlan withChildren(List<LogicalPlan> children) {
    return this;
  }
}
