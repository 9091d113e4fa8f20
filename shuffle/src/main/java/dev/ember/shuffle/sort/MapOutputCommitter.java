package dev.ember.shuffle.sort;

import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BatchSizes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What writers need from their manager: where to put files, and the atomic publication of a map
 * output. The writers publish only through {@link #publishFiles}, {@link #publishInMemory} and
 * {@link #publishHeld} (in-process mode), the one commit path of every shuffle writer (temporary
 * files, index, rename, metrics, clean-up).
 */
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

  /** Whether map outputs may be held as batches and read by reference (in-process mode). */
  default boolean holdsBatches() {
    return false;
  }

  /**
   * Publishes a map output held as batches (per reduce partition, its compacted batches; {@code sizes}:
   * their estimated heap bytes), reserving that much storage memory; replaces an earlier attempt's
   * output. Returns null, publishing nothing, when the memory cannot hold it (or batches are not held):
   * the caller then takes the file path.
   */
  default MapStatus commitHeld(int shuffleId, int mapId, Batch[][] partitions, long[] records, long[] sizes) {
    return null;
  }

  /** As {@link #commitHeld}, and counts the task's write metrics when the output was published. */
  default MapStatus publishHeld(int shuffleId, int mapId, Batch[][] partitions, long[] records, TaskMetrics metrics) {
    long[] sizes = new long[partitions.length];
    for (int partition = 0; partition < partitions.length; partition++) {
      for (Batch batch : partitions[partition]) {
        sizes[partition] += BatchSizes.estimateBytes(batch);
      }
    }
    MapStatus status = commitHeld(shuffleId, mapId, partitions, records.clone(), sizes);
    if (status != null) {
      addWrite(metrics, sizes, records);
    }
    return status;
  }

  /** Writes a map output's data file and returns each reduce partition's length in it. */
  @FunctionalInterface
  interface DataFileWriter {
    long[] write(FileChannel data) throws IOException;
  }

  /**
   * Publishes a map output as files: {@code dataWriter} fills a temporary data file, the index of the
   * lengths it returns goes to a temporary index file, both are renamed at once ({@link #commit}) and
   * the task's write metrics are counted. Nothing is left behind when any step fails.
   *
   * @throws UncheckedIOException naming the shuffle and map when a file cannot be written
   */
  default MapStatus publishFiles(int shuffleId, int mapId, DataFileWriter dataWriter, long[] records, TaskMetrics metrics) {
    Path data = null;
    Path index = null;
    boolean published = false;
    try {
      data = temporaryFile(shuffleId, ShuffleFiles.dataName(shuffleId, mapId));
      long[] lengths;
      try (FileChannel channel = FileChannel.open(data, StandardOpenOption.WRITE)) {
        lengths = dataWriter.write(channel).clone();
      }
      index = temporaryFile(shuffleId, ShuffleFiles.indexName(shuffleId, mapId));
      ShuffleFiles.writeIndex(index, lengths);
      MapStatus status = commit(shuffleId, mapId, data, index, lengths, records.clone());
      published = true;
      addWrite(metrics, lengths, records);
      return status;
    } catch (IOException e) {
      throw failure("write the map output", shuffleId, mapId, e);
    } finally {
      if (!published) {
        ShuffleFiles.deleteQuietly(data);
        ShuffleFiles.deleteQuietly(index);
      }
    }
  }

  /**
   * Publishes a small map output in memory (per reduce partition, the frames its data file would
   * hold; see {@link #commitInMemory}) and counts the task's write metrics.
   */
  default MapStatus publishInMemory(int shuffleId, int mapId, byte[][] partitions, long[] records, TaskMetrics metrics) {
    long[] lengths = new long[partitions.length];
    for (int partition = 0; partition < partitions.length; partition++) {
      lengths[partition] = partitions[partition].length;
    }
    MapStatus status = commitInMemory(shuffleId, mapId, partitions, records.clone());
    addWrite(metrics, lengths, records);
    return status;
  }

  static UncheckedIOException failure(String what, int shuffleId, int mapId, IOException cause) {
    return new UncheckedIOException("could not " + what + " for map " + mapId + " of shuffle " + shuffleId + ": "
        + cause.getMessage(), cause);
  }

  private static void addWrite(TaskMetrics metrics, long[] lengths, long[] records) {
    long bytes = 0;
    long rows = 0;
    for (int i = 0; i < lengths.length; i++) {
      bytes += lengths[i];
      rows += records[i];
    }
    metrics.addShuffleWrite(rows, bytes);
  }
}
