package dev.ember.core.result;

import dev.ember.core.vector.Batch;
import java.util.List;
import java.util.Objects;

/** What a result task sends back to the driver for its partition. */
public sealed interface PartitionResult {
  /** The partition's rows (collect, take, show, count). */
  record Collected(List<Batch> batches) implements PartitionResult {
    public Collected {
      batches = List.copyOf(Objects.requireNonNull(batches, "batches is null"));
    }
  }

  /** The files the task wrote into the job's staging directory, and how many rows. */
  record WrittenFiles(List<String> paths, long rows) implements PartitionResult {
    public WrittenFiles {
      paths = List.copyOf(Objects.requireNonNull(paths, "paths is null"));
    }
  }
}
