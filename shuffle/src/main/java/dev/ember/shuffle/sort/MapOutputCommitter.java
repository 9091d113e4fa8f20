package dev.ember.shuffle.sort;

import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.metrics.TaskMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** What writers need from their manager: where to put files, and the atomic publication of a map output. */
interface MapOutputCommitter {
  /** The directory of the shuffle's files on this executor, created if needed. */
  Path shuffleDirectory(int shuffleId) throws IOException;

  /** A fresh, unused file name in the shuffle's directory (for temporary data, index, spill and part files). */
  Path temporaryFile(int shuffleId, String prefix) throws IOException;

  /**
   * Renames the temporary data and index files to the map output's names, replacing an earlier
   * attempt's, and returns the map status.
   */
  MapStatus commit(int shuffleId, int mapId, Path temporaryData, Path temporaryIndex, long[] lengths, long[] records)
      throws IOException;

  /**
   * Publishes a map output that stays in memory: per reduce partition, the frames its data file
   * would hold. Replaces an earlier attempt's output (in memory or in files) and returns the map status.
   */
  MapStatus commitInMemory(int shuffleId, int mapId, byte[][] partitions, long[] records);

  static UncheckedIOException failure(String what, int shuffleId, int mapId, IOException cause) {
    return new UncheckedIOException("could not " + what + " for map " + mapId + " of shuffle " + shuffleId + ": "
        + cause.getMessage(), cause);
  }

  static void addWrite(TaskMetrics metrics, long[] lengths, long[] records) {
    long bytes = 0;
    long rows = 0;
    for (int i = 0; i < lengths.length; i++) {
      bytes += lengths[i];
      rows += records[i];
    }
    metrics.addShuffleWrite(rows, bytes);
  }
}
