package dev.ember.core.metrics;

/**
 * What one task attempt did, reported with its end event. Mutated only by the task's own thread
 * while it runs; read by others only after the task ended.
 */
public final class TaskMetrics {
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

  /** Counts one spill file of {@code bytes}. */
  public void addSpill(long bytes) {
    spillCount++;
    spillBytes += bytes;
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

  /** Adds another task's numbers to these (stage totals). */
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
