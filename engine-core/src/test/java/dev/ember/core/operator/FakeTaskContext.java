package dev.ember.core.operator;

import dev.ember.core.storage.BlockManager;
import dev.ember.core.operator.TaskContext;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.vector.Batch;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A task context with registered broadcasts and shuffle inputs as plain batch lists. */
public final class FakeTaskContext implements TaskContext {
  private final Map<Integer, List<Batch>> broadcasts = new HashMap<>();
  private final Map<String, List<Batch>> shuffleInputs = new HashMap<>();
  private final TaskMetrics metrics = new TaskMetrics();
  private int jobId = -1;
  private BroadcastTableCache broadcastTables;
  private BlockManager blockManager;

  public FakeTaskContext withBroadcast(int id, List<Batch> batches) {
    broadcasts.put(id, batches);
    return this;
  }

  /** A task of job {@code id} on an executor whose broadcast hash tables are {@code tables} (null: none). */
  public FakeTaskContext inJob(int id, BroadcastTableCache tables) {
    this.jobId = id;
    this.broadcastTables = tables;
    return this;
  }

  /** A task on an executor that caches blocks in {@code manager} (null: none). */
  public FakeTaskContext withBlockManager(BlockManager manager) {
    this.blockManager = manager;
    return this;
  }

  public FakeTaskContext withShuffleInput(int shuffleId, int partition, List<Batch> batches) {
    shuffleInputs.put(shuffleId + "/" + partition, batches);
    return this;
  }

  @Override
  public int stageId() {
    return 0;
  }

  @Override
  public int partition() {
    return 0;
  }

  @Override
  public int attempt() {
    return 0;
  }

  @Override
  public long taskId() {
    return 0;
  }

  @Override
  public Operator shuffleRead(int shuffleId, int reducePartition) {
    List<Batch> batches = shuffleInputs.get(shuffleId + "/" + reducePartition);
    if (batches == null) {
      throw new IllegalArgumentException("no shuffle input " + shuffleId + "/" + reducePartition);
    }
    return new BatchSource(batches);
  }

  @Override
  public List<Batch> broadcast(int broadcastId) {
    List<Batch> batches = broadcasts.get(broadcastId);
    if (batches == null) {
      throw new IllegalArgumentException("no broadcast " + broadcastId);
    }
    return batches;
  }

  @Override
  public TaskMetrics metrics() {
    return metrics;
  }

  @Override
  public int jobId() {
    return jobId;
  }

  @Override
  public Optional<BroadcastTableCache> broadcastTables() {
    return Optional.ofNullable(broadcastTables);
  }

  @Override
  public Optional<BlockManager> blockManager() {
    return Optional.ofNullable(blockManager);
  }
}
