package dev.ember.core.result;

import dev.ember.core.source.CsvOptions;
import java.util.Objects;

/** What the tasks of a job's result stage do with their partition's rows. */
public sealed interface ResultAction {
  /** Send the rows back to the driver. */
  record Collect() implements ResultAction {}

  /**
   * Write the rows as one CSV part file per partition under {@code stagingDirectory}; the driver
   * commits the job by moving the files into place once every task succeeded.
   */
  record WriteCsv(String stagingDirectory, CsvOptions options) implements ResultAction {
    public WriteCsv {
      Objects.requireNonNull(stagingDirectory, "stagingDirectory is null");
      Objects.requireNonNull(options, "options is null");
    }
  }
}
