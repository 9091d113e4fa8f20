package dev.ember.core.plan;

import dev.ember.core.storage.StorageMode;
import dev.ember.core.types.Schema;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Reads partition p of the data cached under {@code cacheId} from the executor's block manager;
 * when the block is missing (first use, evicted, lost) it computes {@code child}'s partition p,
 * stores it in {@code mode} and returns it. Narrow: partition p of this node is partition p of the
 * child, whose exchanges are scheduled as usual (a hit just does not pull from them).
 *
 * <p>Outputs the child's columns at {@code columns} (positions in the child's schema, in output
 * order), as Spark's {@code InMemoryTableScanExec} outputs its attributes: the block always holds
 * every column of the child, and a read widens only these from their compressed form.
 */
public record CachedScanExec(int cacheId, StorageMode mode, PhysicalPlan child, List<Integer> columns) implements PhysicalPlan {
  public CachedScanExec {
    if (cacheId < 0) {
      throw new IllegalArgumentException("cache id must not be negative: " + cacheId);
    }
    Objects.requireNonNull(mode, "mode is null");
    Objects.requireNonNull(child, "child is null");
    columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
    int childColumns = child.schema().size();
    for (int column : columns) {
      if (column < 0 || column >= childColumns) {
        throw new IllegalArgumentException(
            "cached scan " + cacheId + " reads column " + column + " of a cached plan with " + childColumns + " columns");
      }
    }
  }

  /** A scan of every column of the cached plan. */
  public CachedScanExec(int cacheId, StorageMode mode, PhysicalPlan child) {
    this(cacheId, mode, child, IntStream.range(0, child.schema().size()).boxed().toList());
  }

  @Override
  public Schema schema() {
    return child.schema().select(columns.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The schema of the cached block: every column of the child. */
  public Schema blockSchema() {
    return child.schema();
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public PhysicalPlan withChildren(List<PhysicalPlan> children) {
    return new CachedScanExec(cacheId, mode, children.get(0), columns);
  }
}
