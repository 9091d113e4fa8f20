package dev.ember.sql;

import dev.ember.core.io.FileCommitProtocol;
import dev.ember.core.io.PathAlreadyExistsException;
import dev.ember.core.io.SaveMode;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.result.ResultAction;
import dev.ember.sql.internal.CsvOptionsParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a DataFrame to files, as Spark's {@code DataFrameWriter}: {@code
 * df.write().mode("overwrite").option("header", "true").csv("out/")} writes one part file per
 * partition into a staging directory and moves them into place only when every task succeeded;
 * a failed job leaves the target as it was. CSV options: {@code header}, {@code sep}, {@code
 * quote}, {@code escape}, {@code nullValue}, {@code dateFormat}, {@code timestampFormat}.
 */
public final class DataFrameWriter {
  private final DataFrame dataFrame;
  private final Map<String, String> options = new LinkedHashMap<>();
  private SaveMode mode = SaveMode.ERROR_IF_EXISTS;

  DataFrameWriter(DataFrame dataFrame) {
    this.dataFrame = dataFrame;
  }

  /**
   * What to do when the target exists: {@code error}/{@code errorifexists}/{@code default} (fail),
   * {@code overwrite}, {@code append}, {@code ignore} (write nothing). Case-insensitive.
   *
   * @throws IllegalArgumentException for another mode
   */
  public DataFrameWriter mode(String saveMode) {
    this.mode = parseMode(saveMode);
    return this;
  }

  static SaveMode parseMode(String saveMode) {
    return switch (Objects.requireNonNull(saveMode, "saveMode is null").toLowerCase(Locale.ROOT)) {
      case "overwrite" -> SaveMode.OVERWRITE;
      case "append" -> SaveMode.APPEND;
      case "ignore" -> SaveMode.IGNORE;
      case "error", "errorifexists", "default" -> SaveMode.ERROR_IF_EXISTS;
      default -> throw new IllegalArgumentException(
          "Unknown save mode: " + saveMode + ". Accepted save modes are 'overwrite', 'append', 'ignore', 'error',"
              + " 'errorifexists', 'default'.");
    };
  }

  SaveMode saveMode() {
    return mode;
  }

  /**
   * The output format: {@code csv}.
   *
   * @throws UnsupportedOperationException for json, parquet, arrow (later releases)
   * @throws IllegalArgumentException for an unknown format
   */
  public DataFrameWriter format(String source) {
    DataFrameReader.checkFormat(source);
    return this;
  }

  public DataFrameWriter option(String key, String value) {
    options.put(Objects.requireNonNull(key, "key is null").toLowerCase(Locale.ROOT), Objects.requireNonNull(value, "value is null"));
    return this;
  }

  public DataFrameWriter option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataFrameWriter option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataFrameWriter option(String key, double value) {
    return option(key, Double.toString(value));
  }

  public DataFrameWriter options(Map<String, String> options) {
    options.forEach(this::option);
    return this;
  }

  /** The CSV options of this writer (the read-only {@code mode} option does not apply). */
  CsvOptions csvOptions() {
    Map<String, String> writeOptions = new LinkedHashMap<>(options);
    writeOptions.remove("mode");
    return CsvOptionsParser.parse(writeOptions);
  }

  /**
   * Writes the DataFrame under {@code path}.
   *
   * @throws AnalysisException when the path exists and the mode is error/errorifexists
   */
  public void save(String path) {
    Objects.requireNonNull(path, "path is null");
    CsvOptions csvOptions = csvOptions();
    dataFrame.session().assertNotStopped();
    FileCommitProtocol protocol;
    try {
      protocol = FileCommitProtocol.begin(path, mode);
    } catch (PathAlreadyExistsException exists) {
      throw new AnalysisException(exists.getMessage(), exists);
    }
    if (protocol.skipped()) {
      return;
    }
    try {
      List<PartitionResult> results = dataFrame.queryExecution().run(
          new ResultAction.WriteCsv(protocol.stagingDirectory(), csvOptions), "save csv to " + path);
      List<PartitionResult.WrittenFiles> written = new ArrayList<>(results.size());
      for (PartitionResult result : results) {
        if (!(result instanceof PartitionResult.WrittenFiles files)) {
          throw new IllegalStateException("a write job returned " + result.getClass().getSimpleName());
        }
        written.add(files);
      }
      protocol.commit(written);
    } catch (RuntimeException | Error failure) {
      try {
        protocol.abort();
      } catch (RuntimeException abortFailure) {
        failure.addSuppressed(abortFailure);
      }
      throw failure;
    }
  }

  public void csv(String path) {
    format("csv");
    save(path);
  }
}
