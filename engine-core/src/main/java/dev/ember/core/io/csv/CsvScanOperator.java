package dev.ember.core.io.csv;

import dev.ember.core.operator.Operator;
import dev.ember.core.plan.CsvScanExec;
import dev.ember.core.task.TaskContext;
import dev.ember.core.vector.Batch;

/** Reads one split of a CSV scan into batches. (Placeholder until the CSV reader lands.) */
public final class CsvScanOperator implements Operator {
  public CsvScanOperator(CsvScanExec scan, int partition, TaskContext context) {
    throw new UnsupportedOperationException("CSV scan is not implemented yet");
  }

  @Override
  public Batch next() {
    return null;
  }

  @Override
  public void close() {}
}
