package dev.ember.ui.status;

import dev.ember.core.metrics.TaskMetrics;
import java.util.concurrent.TimeUnit;

/**
 * A copy of a task's (or a stage's summed) metrics in Spark's units: times in milliseconds.
 * Ember counts the bytes a spill wrote to disk; it does not measure their in-memory size, so
 * {@code memoryBytesSpilled} is what Spark calls the deserialized size and stays 0.
 */
public record MetricsData(
    long executorRunTime, long outputRecords, long outputBytes, long shuffleReadBytes, long shuffleReadRecords,
    long remoteBlocksFetched, long remoteBytesRead, long shuffleWriteBytes, long shuffleWriteRecords,
    long memoryBytesSpilled, long diskBytesSpilled, long peakExecutionMemory) {
  public static final MetricsData ZERO = new MetricsData(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  /** The metrics' numbers now; null metrics (a lost task) are zero. */
  public static MetricsData of(TaskMetrics metrics) {
    if (metrics == null) {
      return ZERO;
    }
    return new MetricsData(TimeUnit.NANOSECONDS.toMillis(metrics.runTimeNanos()), metrics.outputRows(),
        metrics.outputBytes(), metrics.shuffleBytesRead(), metrics.shuffleRecordsRead(), metrics.shuffleRemoteBlocksRead(),
        metrics.shuffleRemoteBytesRead(), metrics.shuffleBytesWritten(), metrics.shuffleRecordsWritten(), 0,
        metrics.spillBytes(), metrics.peakExecutionMemory());
  }

  /** The sum of both (the peak is the larger peak). */
  public MetricsData plus(MetricsData other) {
    return new MetricsData(executorRunTime + other.executorRunTime, outputRecords + other.outputRecords,
        outputBytes + other.outputBytes, shuffleReadBytes + other.shuffleReadBytes,
        shuffleReadRecords + other.shuffleReadRecords, remoteBlocksFetched + other.remoteBlocksFetched,
        remoteBytesRead + other.remoteBytesRead, shuffleWriteBytes + other.shuffleWriteBytes,
        shuffleWriteRecords + other.shuffleWriteRecords, memoryBytesSpilled + other.memoryBytesSpilled,
        diskBytesSpilled + other.diskBytesSpilled, Math.max(peakExecutionMemory, other.peakExecutionMemory));
  }
}
