package dev.ember.shuffle.memory;

import dev.ember.core.vector.BatchSizes;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.shuffle.ShuffleWriter;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.vector.Batch;
import dev.ember.shuffle.partition.BatchSplitter;
import dev.ember.shuffle.partition.Partitioners;
import java.util.ArrayList;
import java.util.List;

/** Buffers one map task's blocks privately and publishes them on commit; close without commit drops them. */
final class InMemoryShuffleWriter implements ShuffleWriter {
  private final InMemoryShuffleManager manager;
  private final ShuffleDependency dependency;
  private final int mapId;
  private final long taskAttemptId;
  private final TaskMetrics metrics;
  private final BatchSplitter splitter;
  private final List<List<Batch>> blocks;
  private final long[] blockBytes;
  private final long[] blockRecords;
  private boolean committed;
  private boolean closed;

  InMemoryShuffleWriter(
      InMemoryShuffleManager manager, ShuffleDependency dependency, int mapId, long taskAttemptId, TaskMetrics metrics) {
    this.manager = manager;
    this.dependency = dependency;
    this.mapId = mapId;
    this.taskAttemptId = taskAttemptId;
    this.metrics = metrics;
    this.splitter = new BatchSplitter(Partitioners.forMapTask(dependency, mapId));
    int reducers = dependency.reducePartitionCount();
    this.blocks = new ArrayList<>(reducers);
    for (int i = 0; i < reducers; i++) {
      blocks.add(new ArrayList<>());
    }
    this.blockBytes = new long[reducers];
    this.blockRecords = new long[reducers];
  }

  @Override
  public void write(Batch batch) {
    if (committed || closed) {
      throw new IllegalStateException("map " + mapId + " of shuffle " + dependency.shuffleId() + " is already "
          + (committed ? "committed" : "closed"));
    }
    if (batch.columnCount() != dependency.schema().size()) {
      throw new IllegalArgumentException("shuffle " + dependency.shuffleId() + " expects " + dependency.schema().size()
          + " columns, got a batch of " + batch.columnCount());
    }
    Batch[] pieces = splitter.split(batch);
    for (int reducer = 0; reducer < pieces.length; reducer++) {
      Batch piece = pieces[reducer];
      if (piece != null) {
        blocks.get(reducer).add(piece);
        blockRecords[reducer] += piece.rowCount();
        blockBytes[reducer] += BatchSizes.estimateBytes(piece);
      }
    }
  }

  @Override
  public MapStatus commit() {
    if (committed || closed) {
      throw new IllegalStateException("map " + mapId + " of shuffle " + dependency.shuffleId() + " is already "
          + (committed ? "committed" : "closed"));
    }
    List<List<Batch>> published = new ArrayList<>(blocks.size());
    long records = 0;
    long bytes = 0;
    for (int reducer = 0; reducer < blocks.size(); reducer++) {
      published.add(List.copyOf(blocks.get(reducer)));
      records += blockRecords[reducer];
      bytes += blockBytes[reducer];
    }
    manager.publish(dependency.shuffleId(), mapId,
        new InMemoryShuffleManager.MapOutput(List.copyOf(published), taskAttemptId));
    committed = true;
    metrics.addShuffleWrite(records, bytes);
    return new MapStatus(manager.executorId(), dependency.shuffleId(), mapId, blockBytes.clone(), blockRecords.clone());
  }

  @Override
  public void close() {
    closed = true;
    if (!committed) {
      blocks.clear();
    }
  }
}
