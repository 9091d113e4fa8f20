package dev.ember.core.plan;

import dev.ember.core.storage.StorageMode;
import dev.ember.core.types.Schema;
import java.util.List;
import java.util.Objects;

/**
 * Reads partition p of the data cached under {@code cacheId} from the executor's block manager;
 * when the block is missing (first use, evicted, lost) it computes {@code child}'s partition p,
 * stores it in {@code mode} and returns it. Narrow: partition p of this node is partition p of the
 * child, whose exchanges are scheduled as usual (a hit just does not pull from them).
 */
public record CachedScanExec(int cacheId, StorageMode mode, PhysicalPlan child) implements PhysicalPlan {
  public CachedScanExec {
    if (cacheId < 0) {
      throw new IllegalArgumentException("cache id must not be negative: " + cacheId);
    }
    Objects.requireNonNull(mode, "mode is null");
    Objects.requireNonNull(child, "child is null");
  }

  @Override
  public Schema schema() {
    return child.schema();
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new CachedScanExec(cacheId, mode, children.get(0));
  }
}
