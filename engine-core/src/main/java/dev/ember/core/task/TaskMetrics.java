package dev.ember.core.task;

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
  private long runTimeNanos;
  private long spillCount;
  private long spillBytes;

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

  public long runTimeNanos() {
    return runTimeNanos;
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

  /** How many times the task wrote buffered data to disk to free memory. */
  public long spillCount() {
    return spillCount;
  }

  /** Bytes the task's spills wrote to disk (as stored: compressed when compression is on). */
  public long spillBytes() {
    return spillBytes;
  }

  /** Counts one spill of {@code bytes} bytes. */
  public void addSpill(long bytes) {
    spillCount++;
    spillBytes += bytes;
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
    runTimeNanos += other.runTimeNanos;
    spillCount += other.spillCount;
    spillBytes += other.spillBytes;
  }

  @Override
  public String toString() {
    return "TaskMetrics[outputRows=" + outputRows + ", outputBytes=" + outputBytes
        + ", shuffleRecordsWritten=" + shuffleRecordsWritten + ", shuffleBytesWritten=" + shuffleBytesWritten
        + ", shuffleRecordsRead=" + shuffleRecordsRead + ", shuffleBytesRead=" + shuffleBytesRead
        + ", spillCount=" + spillCount + ", spillBytes=" + spillBytes + ", runTimeNanos=" + runTimeNanos + "]";
  }
}
