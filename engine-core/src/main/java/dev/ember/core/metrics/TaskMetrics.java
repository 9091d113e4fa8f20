package dev.ember.core.metrics;

import java.util.Arrays;

/**
 * What one task attempt did, reported with its end event. Mutated only by the task's own thread
 * while it runs; read by others only after the task ended.
 *
 * <p>Besides the task's totals it holds, for each operator of the stage's plan, the values of
 * {@link OperatorMetric} in one flat array (a slot per operator, numbered by the operator factory),
 * so they travel with the task's result at the cost of one {@code long[]}. While the task runs it
 * also knows which operator is working ({@link #operatorEntered}/{@link #operatorReturned}), so that
 * time, spills and memory land on the operator that caused them without edits to each operator.
 */
public final class TaskMetrics {
  private static final int METRIC_COUNT = OperatorMetric.ALL.length;
  private static final long[] NO_OPERATORS = new long[0];
  private static final int BLOCK_FIELDS = 7;
  private long outputRows;
  private long outputBytes;
  private long shuffleRecordsWritten;
  private long shuffleBytesWritten;
  private long shuffleRecordsRead;
  private long shuffleBytesRead;
  private long shuffleRemoteBlocksRead;
  private long shuffleRemoteBytesRead;
  private long runTimeNanos;
  private long spillCount;
  private long spillBytes;
  private long peakExecutionMemory;
  private long cachedBlocksRead;
  private long cachedBlocksComputed;
  private long broadcastsFetched;
  private long broadcastBytesFetched;
  /** Cached-block changes on the task's executor: {@link #BLOCK_FIELDS} values per change. */
  private long[] blockUpdates = NO_OPERATORS;
  /** {@link #METRIC_COUNT} values per operator slot, slot-major. */
  private long[] operatorValues = NO_OPERATORS;
  // The operators now inside next(), innermost last, and when the innermost one last began to run:
  // the task thread's own bookkeeping, never serialized (Kryo skips transient fields).
  private transient int[] runningOperators;
  private transient int runningDepth;
  private transient long switchedAtNanos;

  public long outputRows() {
    return outputRows;
  }

  public long outputBytes() {
    return outputBytes;
  }

  public long shuffleRecordsWritten() {
    return shuffleRecordsWritten;
  }

  public long shuffleBytesWritten() {
    return shuffleBytesWritten;
  }

  public long shuffleRecordsRead() {
    return shuffleRecordsRead;
  }

  public long shuffleBytesRead() {
    return shuffleBytesRead;
  }

  /** Shuffle blocks this task fetched from another executor's block server. */
  public long shuffleRemoteBlocksRead() {
    return shuffleRemoteBlocksRead;
  }

  /** Estimated in-memory bytes of the batches of those remote blocks (part of {@link #shuffleBytesRead()}). */
  public long shuffleRemoteBytesRead() {
    return shuffleRemoteBytesRead;
  }

  /** A block fetched from another executor: {@code bytes} of batches once decoded. */
  public void addShuffleRemoteRead(long bytes) {
    shuffleRemoteBlocksRead++;
    shuffleRemoteBytesRead += bytes;
  }

  public long runTimeNanos() {
    return runTimeNanos;
  }

  /** Spill files written (sort runs, aggregate runs, join sides, shuffle spills). */
  public long spillCount() {
    return spillCount;
  }

  /** Bytes written to spill files. */
  public long spillBytes() {
    return spillBytes;
  }

  /** The most execution memory the task held at once (the stage total is the maximum over its tasks). */
  public long peakExecutionMemory() {
    return peakExecutionMemory;
  }

  /** Counts one spill file of {@code bytes}; the operator working now (if any) wrote it. */
  public void addSpill(long bytes) {
    spillCount++;
    spillBytes += bytes;
    if (runningDepth > 0) {
      operatorValues[runningOperators[runningDepth - 1] * METRIC_COUNT + OperatorMetric.SPILL_BYTES.ordinal()] += bytes;
    }
  }

  // ---- cached blocks ----

  /**
   * Reports a change of a cached block on this task's executor (made by this task or another since
   * the executor's last report): partition {@code partition} of cache {@code cacheId}, stored with
   * the storage mode of ordinal {@code mode}, now {@code memoryBytes} on the heap and {@code
   * diskBytes} in files (both 0: gone); {@code version} orders the executor's changes.
   */
  public void addBlockUpdate(int cacheId, int partition, int mode, long memoryBytes, long diskBytes, long version) {
    addBlockUpdate(cacheId, partition, mode, memoryBytes, diskBytes, -1, version);
  }

  /** {@link #addBlockUpdate(int, int, int, long, long, long)} of a block that holds {@code rows} rows (-1: not known). */
  public void addBlockUpdate(int cacheId, int partition, int mode, long memoryBytes, long diskBytes, long rows, long version) {
    int at = blockUpdates.length;
    blockUpdates = Arrays.copyOf(blockUpdates, at + BLOCK_FIELDS);
    blockUpdates[at] = cacheId;
    blockUpdates[at + 1] = partition;
    blockUpdates[at + 2] = mode;
    blockUpdates[at + 3] = memoryBytes;
    blockUpdates[at + 4] = diskBytes;
    blockUpdates[at + 5] = version;
    blockUpdates[at + 6] = rows;
  }

  public int blockUpdateCount() {
    return blockUpdates.length / BLOCK_FIELDS;
  }

  public int blockUpdateCacheId(int update) {
    return (int) blockUpdates[update * BLOCK_FIELDS];
  }

  public int blockUpdatePartition(int update) {
    return (int) blockUpdates[update * BLOCK_FIELDS + 1];
  }

  /** The ordinal of the block's storage mode. */
  public int blockUpdateMode(int update) {
    return (int) blockUpdates[update * BLOCK_FIELDS + 2];
  }

  public long blockUpdateMemoryBytes(int update) {
    return blockUpdates[update * BLOCK_FIELDS + 3];
  }

  public long blockUpdateDiskBytes(int update) {
    return blockUpdates[update * BLOCK_FIELDS + 4];
  }

  public long blockUpdateVersion(int update) {
    return blockUpdates[update * BLOCK_FIELDS + 5];
  }

  /** The rows the block holds; -1 when not known (an event log's update). */
  public long blockUpdateRows(int update) {
    return blockUpdates[update * BLOCK_FIELDS + 6];
  }

  // ---- per operator ----

  /** Makes room for {@code operators} slots, all zero; called by the task before its operators run. */
  public void startOperators(int operators) {
    if (operators < 0) {
      throw new IllegalArgumentException("operator count is negative: " + operators);
    }
    operatorValues = new long[operators * METRIC_COUNT];
    runningOperators = new int[Math.max(1, operators)];
    runningDepth = 0;
  }

  /** Operator slots with values (0 when the task counted none). */
  public int operatorCount() {
    return operatorValues.length / METRIC_COUNT;
  }

  public long operatorValue(int slot, OperatorMetric metric) {
    checkSlot(slot);
    return operatorValues[slot * METRIC_COUNT + metric.ordinal()];
  }

  /** Sets a value read back from an event log; grows the slots as needed. */
  public void setOperatorValue(int slot, OperatorMetric metric, long value) {
    if (slot < 0) {
      throw new IllegalArgumentException("operator slot is negative: " + slot);
    }
    if (slot >= operatorCount()) {
      operatorValues = Arrays.copyOf(operatorValues, (slot + 1) * METRIC_COUNT);
    }
    operatorValues[slot * METRIC_COUNT + metric.ordinal()] = value;
  }

  /**
   * The operator in {@code slot} begins a call of {@code next()}: the time since the last switch
   * belongs to the operator that called it. Two clock reads per batch and operator, never per row.
   */
  public void operatorEntered(int slot) {
    if (runningOperators == null || slot >= operatorCount()) {
      growOperators(slot);
    }
    long now = System.nanoTime();
    if (runningDepth > 0) {
      operatorValues[runningOperators[runningDepth - 1] * METRIC_COUNT + OperatorMetric.TIME_NANOS.ordinal()] +=
          now - switchedAtNanos;
    }
    if (runningDepth == runningOperators.length) {
      // An operator re-entered through a shared subtree; deeper than the plan is not expected but must not fail.
      runningOperators = Arrays.copyOf(runningOperators, runningDepth * 2);
    }
    runningOperators[runningDepth++] = slot;
    switchedAtNanos = now;
  }

  /**
   * The operator in {@code slot} returns from {@code next()} with a batch of {@code rows} rows, or
   * with none ({@code rows < 0}: its input is exhausted, or it failed).
   */
  public void operatorReturned(int slot, int rows) {
    long now = System.nanoTime();
    int base = slot * METRIC_COUNT;
    operatorValues[base + OperatorMetric.TIME_NANOS.ordinal()] += now - switchedAtNanos;
    if (rows >= 0) {
      operatorValues[base + OperatorMetric.OUTPUT_ROWS.ordinal()] += rows;
      operatorValues[base + OperatorMetric.OUTPUT_BATCHES.ordinal()]++;
    }
    runningDepth--;
    switchedAtNanos = now;
  }

  /** Slots and the running stack for metrics not started for this tree (a copy read from the wire, or a tree built twice). */
  private void growOperators(int slot) {
    if (slot >= operatorCount()) {
      operatorValues = Arrays.copyOf(operatorValues, (slot + 1) * METRIC_COUNT);
    }
    if (runningOperators == null) {
      runningOperators = new int[Math.max(4, operatorCount())];
      runningDepth = 0;
    }
  }

  /** The operator working now put {@code rows} rows in its hash table. */
  public void addOperatorBuildRows(long rows) {
    if (runningDepth > 0) {
      operatorValues[runningOperators[runningDepth - 1] * METRIC_COUNT + OperatorMetric.BUILD_ROWS.ordinal()] += rows;
    }
  }

  /** A consumer of the operator working now holds {@code bytes} of execution memory. */
  public void recordOperatorMemory(long bytes) {
    if (runningDepth > 0) {
      int index = runningOperators[runningDepth - 1] * METRIC_COUNT + OperatorMetric.PEAK_MEMORY.ordinal();
      operatorValues[index] = Math.max(operatorValues[index], bytes);
    }
  }

  private void checkSlot(int slot) {
    if (slot < 0 || slot >= operatorCount()) {
      throw new IndexOutOfBoundsException("operator slot " + slot + " of " + operatorCount());
    }
  }

  public void updatePeakMemory(long bytes) {
    peakExecutionMemory = Math.max(peakExecutionMemory, bytes);
  }

  public void addOutput(long rows, long bytes) {
    outputRows += rows;
    outputBytes += bytes;
  }

  public void addShuffleWrite(long records, long bytes) {
    shuffleRecordsWritten += records;
    shuffleBytesWritten += bytes;
  }

  public void addShuffleRead(long records, long bytes) {
    shuffleRecordsRead += records;
    shuffleBytesRead += bytes;
  }

  /** Partitions a cached scan read from the block manager. */
  public long cachedBlocksRead() {
    return cachedBlocksRead;
  }

  /** Partitions a cached scan had to compute (first use, evicted or lost block). */
  public long cachedBlocksComputed() {
    return cachedBlocksComputed;
  }

  public void addCachedBlockRead() {
    cachedBlocksRead++;
  }

  public void addCachedBlockComputed() {
    cachedBlocksComputed++;
  }

  /** Broadcast values this task fetched from the driver (an executor fetches each once per job; by reference in local mode: 0). */
  public long broadcastsFetched() {
    return broadcastsFetched;
  }

  /** The bytes of the broadcast values this task fetched from the driver. */
  public long broadcastBytesFetched() {
    return broadcastBytesFetched;
  }

  public void addBroadcastFetch(long bytes) {
    broadcastsFetched++;
    broadcastBytesFetched += bytes;
  }

  public void setRunTimeNanos(long nanos) {
    runTimeNanos = nanos;
  }

  /**
   * Adds another task's numbers to these (stage totals): operator values are summed slot by slot
   * (peak memory: the larger); block updates are per task reports and are not carried over.
   */
  public void add(TaskMetrics other) {
    outputRows += other.outputRows;
    outputBytes += other.outputBytes;
    shuffleRecordsWritten += other.shuffleRecordsWritten;
    shuffleBytesWritten += other.shuffleBytesWritten;
    shuffleRecordsRead += other.shuffleRecordsRead;
    shuffleBytesRead += other.shuffleBytesRead;
    shuffleRemoteBlocksRead += other.shuffleRemoteBlocksRead;
    shuffleRemoteBytesRead += other.shuffleRemoteBytesRead;
    runTimeNanos += other.runTimeNanos;
    spillCount += other.spillCount;
    spillBytes += other.spillBytes;
    cachedBlocksRead += other.cachedBlocksRead;
    cachedBlocksComputed += other.cachedBlocksComputed;
    broadcastsFetched += other.broadcastsFetched;
    broadcastBytesFetched += other.broadcastBytesFetched;
    peakExecutionMemory = Math.max(peakExecutionMemory, other.peakExecutionMemory);
    if (other.operatorValues.length > operatorValues.length) {
      operatorValues = Arrays.copyOf(operatorValues, other.operatorValues.length);
    }
    for (int i = 0; i < other.operatorValues.length; i++) {
      if (OperatorMetric.ALL[i % METRIC_COUNT].isMaximum()) {
        operatorValues[i] = Math.max(operatorValues[i], other.operatorValues[i]);
      } else {
        operatorValues[i] += other.operatorValues[i];
      }
    }
  }

  @Override
  public String toString() {
    return "TaskMetrics[outputRows=" + outputRows + ", outputBytes=" + outputBytes
        + ", shuffleRecordsWritten=" + shuffleRecordsWritten + ", shuffleBytesWritten=" + shuffleBytesWritten
        + ", shuffleRecordsRead=" + shuffleRecordsRead + ", shuffleBytesRead=" + shuffleBytesRead
        + ", shuffleRemoteBlocksRead=" + shuffleRemoteBlocksRead + ", shuffleRemoteBytesRead=" + shuffleRemoteBytesRead
        + ", runTimeNanos=" + runTimeNanos + ", spillCount=" + spillCount + ", spillBytes=" + spillBytes
        + ", peakExecutionMemory=" + peakExecutionMemory + ", broadcastsFetched=" + broadcastsFetched
        + ", broadcastBytesFetched=" + broadcastBytesFetched + "]";
  }
}
