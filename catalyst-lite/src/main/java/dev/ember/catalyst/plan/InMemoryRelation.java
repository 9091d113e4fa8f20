package dev.ember.catalyst.plan;

import dev.ember.core.expression.AttributeReference;
import dev.ember.core.plan.PhysicalPlan;
import dev.ember.core.storage.StorageMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;

/**
 * Data cached under {@code cacheId}, as Spark's {@code InMemoryRelation}: stands in for
 * {@code cachedPlan} (an analyzed plan a DataFrame persisted) wherever that plan appears, with the
 * same output attributes, or the subset column pruning keeps ({@link #withOutput}). A leaf for the optimizer: the cached plan was optimized and planned once,
 * into {@code cachedPhysical}, which computes a partition when its block is missing.
 * {@code rowCounts} follows the blocks stored (shared by every copy of the relation); it is not part
 * of the relation's identity: two relations of one cache are equal whatever their counts say.
 */
public record InMemoryRelation(
    List<AttributeReference> output, int cacheId, StorageMode mode, LogicalPlan cachedPlan, PhysicalPlan cachedPhysical,
    CachedRowCounts rowCounts)
    implements LogicalPlan {
  /** A relation whose row counts are not followed (none will ever be known). */
  public InMemoryRelation(
      List<AttributeReference> output, int cacheId, StorageMode mode, LogicalPlan cachedPlan, PhysicalPlan cachedPhysical) {
    this(output, cacheId, mode, cachedPlan, cachedPhysical, CachedRowCounts.notFollowed());
  }

  public InMemoryRelation {
    output = List.copyOf(Objects.requireNonNull(output, "output is null"));
    if (cacheId < 0) {
      throw new IllegalArgumentException("cache id must not be negative: " + cacheId);
    }
    Objects.requireNonNull(mode, "mode is null");
    Objects.requireNonNull(cachedPlan, "cachedPlan is null");
    Objects.requireNonNull(cachedPhysical, "cachedPhysical is null");
    Objects.requireNonNull(rowCounts, "rowCounts is null");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof InMemoryRelation relation && cacheId == relation.cacheId && output.equals(relation.output)
        && mode == relation.mode && cachedPlan.equals(relation.cachedPlan) && cachedPhysical.equals(relation.cachedPhysical);
  }

  @Override
  public int hashCode() {
    return Objects.hash(output, cacheId, mode, cachedPlan, cachedPhysical);
  }

  /**
   * The relation producing only {@code columns}, a subset of the cached plan's output (column
   * pruning: its scan reads only these); the cached data is the same.
   */
  public InMemoryRelation withOutput(List<AttributeReference> columns) {
    Set<Long> available = new HashSet<>();
    for (AttributeReference attribute : cachedPlan.output()) {
      available.add(attribute.id());
    }
    for (AttributeReference column : columns) {
      if (!available.contains(column.id())) {
        throw new IllegalArgumentException("cache " + cacheId + " has no column " + column + "; it has " + cachedPlan.output());
      }
    }
    return columns.equals(output) ? this : new InMemoryRelation(columns, cacheId, mode, cachedPlan, cachedPhysical, rowCounts);
  }

  /** The positions of {@link #output()} in the cached plan's output: the columns a scan of this relation reads. */
  public List<Integer> columnPositions() {
    List<AttributeReference> all = cachedPlan.output();
    List<Integer> positions = new ArrayList<>(output.size());
    for (AttributeReference column : output) {
      int position = -1;
      for (int i = 0; i < all.size() && position < 0; i++) {
        if (all.get(i).id() == column.id()) {
          position = i;
        }
      }
      if (position < 0) {
        throw new IllegalStateException("cache " + cacheId + " has no column " + column + "; it has " + all);
      }
      positions.add(position);
    }
    return positions;
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
