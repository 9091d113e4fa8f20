package dev.ember.core.scheduler;

import dev.ember.core.plan.Partitioning;
import dev.ember.core.scheduler.listener.StageKind;
import java.util.Objects;

/** What a stage's tasks produce; it decides the stage's {@link StageKind}. */
public sealed interface StageOutput {
  StageKind kind();

  /** Map output for shuffle {@code shuffleId}, partitioned by {@code partitioning} (a SHUFFLE_MAP stage). */
  record Shuffle(int shuffleId, Partitioning partitioning) implements StageOutput {
    public Shuffle {
      Objects.requireNonNull(partitioning, "partitioning is null");
      if (partitioning instanceof Partitioning.Broadcast) {
        throw new IllegalArgumentException("a broadcast exchange is a BROADCAST stage, not a shuffle");
      }
    }

    @Override
    public StageKind kind() {
      return StageKind.SHUFFLE_MAP;
    }
  }

  /** Collected rows shipped with every task that reads broadcast {@code broadcastId} (a BROADCAST stage). */
  record Broadcast(int broadcastId) implements StageOutput {
    @Override
    public StageKind kind() {
      return StageKind.BROADCAST;
    }
  }

  /** A sample of the sort keys from which the driver chooses the range bounds of stage {@code mapStageKey} (a SAMPLE stage). */
  record Sample(int mapStageKey, Partitioning.Range partitioning) implements StageOutput {
    public Sample {
      Objects.requireNonNull(partitioning, "partitioning is null");
    }

    @Override
    public StageKind kind() {
      return StageKind.SAMPLE;
    }
  }

  /** The job's action: rows to the driver or files written (the RESULT stage). */
  record Result() implements StageOutput {
    @Override
    public StageKind kind() {
      return StageKind.RESULT;
    }
  }
}
