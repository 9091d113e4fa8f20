package dev.ember.core.operator.scan;

import dev.ember.core.operator.Operator;
import dev.ember.core.plan.CachedScanExec;
import dev.ember.core.storage.BlockId;
import dev.ember.core.storage.BlockManager;
import dev.ember.core.storage.CachedBatch;
import dev.ember.core.operator.TaskContext;
import dev.ember.core.types.Field;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The running form of a {@link CachedScanExec}: the stored block when the executor has it,
 * otherwise the child's partition, computed in full, stored, then emitted. Without a block manager
 * (contexts outside an executor) it is the child itself. Emits the scan's columns only: a stored
 * block's batches are widened one at a time, only in those columns.
 */
public final class CachedScanOperator {
  private CachedScanOperator() {}

  public static Operator create(CachedScanExec cached, int partition, TaskContext context, Supplier<Operator> child) {
    int[] columns = cached.columns().stream().mapToInt(Integer::intValue).toArray();
    boolean allColumns = isEveryColumn(columns, cached.blockSchema().size());
    Optional<BlockManager> manager = context.blockManager();
    if (manager.isEmpty()) {
      return allColumns ? child.get() : new ProjectedOperator(child.get(), columns);
    }
    BlockId id = new BlockId(cached.cacheId(), partition);
    Optional<List<CachedBatch>> stored = manager.get().getCached(id);
    if (stored.isPresent()) {
      context.metrics().addCachedBlockRead();
      return new WideningOperator(stored.get(), columns);
    }
    context.metrics().addCachedBlockComputed();
    List<Batch> batches = new ArrayList<>();
    try (Operator input = child.get()) {
      for (Batch batch = input.next(); batch != null; batch = input.next()) {
        if (batch.rowCount() > 0) {
          // The cache holds the selected rows only, not the columns a filter selected them from.
          batches.add(batch.dense());
        }
      }
    }
    List<ColumnType> types = cached.blockSchema().fields().stream().map(Field::type).toList();
    manager.get().put(id, types, batches, cached.mode());
    if (allColumns) {
      return new BroadcastScanOperator(batches);
    }
    List<Batch> projected = new ArrayList<>(batches.size());
    for (Batch batch : batches) {
      projected.add(batch.selectColumns(columns));
    }
    return new BroadcastScanOperator(projected);
  }

  private static boolean isEveryColumn(int[] columns, int blockColumns) {
    if (columns.length != blockColumns) {
      return false;
    }
    for (int i = 0; i < columns.length; i++) {
      if (columns[i] != i) {
        return false;
      }
    }
    return true;
  }

  /** Widens a stored block's batches one per {@link #next()}, in the scan's columns only. Owned by the task thread. */
  private static final class WideningOperator implements Operator {
    private final Iterator<CachedBatch> batches;
    private final int[] columns;

    WideningOperator(List<CachedBatch> batches, int[] columns) {
      this.batches = batches.iterator();
      this.columns = columns;
    }

    @Override
    public Batch next() {
      return batches.hasNext() ? batches.next().widen(columns) : null;
    }

    @Override
    public void close() {}
  }

  /** The child's batches in the scan's columns (no copy), where there is no block manager to cache in. */
  private static final class ProjectedOperator implements Operator {
    private final Operator child;
    private final int[] columns;

    ProjectedOperator(Operator child, int[] columns) {
      this.child = child;
      this.columns = columns;
    }

    @Override
    public Batch next() {
      Batch batch = child.next();
      return batch == null ? null : batch.selectColumns(columns);
    }

    @Override
    public void close() {
      child.close();
    }
  }
}
