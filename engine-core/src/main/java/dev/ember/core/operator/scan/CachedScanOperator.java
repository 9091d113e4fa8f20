package dev.ember.core.operator.scan;

import dev.ember.core.operator.Operator;
import dev.ember.core.plan.CachedScanExec;
import dev.ember.core.storage.BlockId;
import dev.ember.core.storage.BlockManager;
import dev.ember.core.operator.TaskContext;
import dev.ember.core.types.Field;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The running form of a {@link CachedScanExec}: the stored block when the executor has it,
 * otherwise the child's partition, computed in full, stored, then emitted. Without a block manager
 * (contexts outside an executor) it is the child itself.
 */
public final class CachedScanOperator {
  private CachedScanOperator() {}

  public static Operator create(CachedScanExec cached, int partition, TaskContext context, Supplier<Operator> child) {
    Optional<BlockManager> manager = context.blockManager();
    if (manager.isEmpty()) {
      return child.get();
    }
    BlockId id = new BlockId(cached.cacheId(), partition);
    Optional<List<Batch>> stored = manager.get().get(id);
    if (stored.isPresent()) {
      context.metrics().addCachedBlockRead();
      return new BroadcastScanOperator(stored.get());
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
    List<ColumnType> types = cached.schema().fields().stream().map(Field::type).toList();
    manager.get().put(id, types, batches, cached.mode());
    return new BroadcastScanOperator(batches);
  }
}
