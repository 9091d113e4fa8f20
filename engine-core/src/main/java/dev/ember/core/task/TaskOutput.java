package dev.ember.core.task;

import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.vector.Batch;
import java.util.Objects;
import dev.ember.core.result.PartitionResult;

/** What a successful task produced, by task kind. */
public sealed interface TaskOutput {
  /** A map task's committed shuffle output. */
  record MapOutput(MapStatus status) implements TaskOutput {
    public MapOutput {
      Objects.requireNonNull(status, "status is null");
    }
  }

  /** A result task's partition. */
  record ResultOutput(PartitionResult result) implements TaskOutput {
    public ResultOutput {
      Objects.requireNonNull(result, "result is null");
    }
  }

  /** A sample task's key rows (one column per sort order) and how many rows the partition had. */
  record SampleOutput(Batch sample, long rowCount) implements TaskOutput {
    public SampleOutput {
      Objects.requireNonNull(sample, "sample is null");
    }
  }
}
