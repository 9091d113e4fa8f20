package dev.ember.core.io.csv;

import dev.ember.core.types.Schema;
import java.util.List;

/**
 * PLACEHOLDER written by the dataframe-api helper so that its module compiles; the CSV helper's
 * real class replaces it at merge. Plans splits of CSV files and infers their schema.
 */
public final class CsvSource {
  private CsvSource() {}

  /**
   * The splits of the files at {@code paths} (files or directories), each at most
   * {@code maxSplitBytes} long.
   *
   * @throws dev.ember.core.io.InputPathNotFoundException when a path does not exist
   */
  public static List<FileSplit> planSplits(List<String> paths, long maxSplitBytes) {
    throw new UnsupportedOperationException("CsvSource.planSplits is a placeholder until the CSV source lands");
  }

  /** The schema of the files: names from the header (or _c0, _c1, ...), types inferred or STRING. */
  public static Schema inferSchema(List<FileSplit> splits, CsvOptions options, boolean inferTypes) {
    throw new UnsupportedOperationException("CsvSource.inferSchema is a placeholder until the CSV source lands");
  }
}
