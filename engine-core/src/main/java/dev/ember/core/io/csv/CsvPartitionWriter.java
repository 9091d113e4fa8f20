package dev.ember.core.io.csv;

import dev.ember.core.operator.Operator;
import dev.ember.core.task.PartitionResult;
import dev.ember.core.task.ResultAction;
import dev.ember.core.types.Schema;

/** Writes one partition's rows as a CSV part file. (Placeholder until the CSV writer lands.) */
public final class CsvPartitionWriter {
  private CsvPartitionWriter() {}

  /**
   * Drains {@code input} into a part file named after {@code partition} inside the action's
   * staging directory, in a file private to {@code taskAttemptId}, and returns what it wrote.
   */
  public static PartitionResult.WrittenFiles write(
      Operator input, Schema schema, ResultAction.WriteCsv action, int partition, long taskAttemptId) {
    throw new UnsupportedOperationException("CSV write is not implemented yet");
  }
}
