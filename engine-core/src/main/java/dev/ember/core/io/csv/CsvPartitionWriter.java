package dev.ember.core.io.csv;

import dev.ember.core.operator.Operator;
import dev.ember.core.result.PartitionResult;
import dev.ember.core.result.ResultAction;
import dev.ember.core.types.Schema;
import dev.ember.core.types.TypeKind;
import dev.ember.core.vector.Batch;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/**
 * Writes one partition's rows as a CSV part file {@code part-<partition, 5 digits>-<task attempt
 * id>.csv} in the job's staging directory; the driver's {@code FileCommitProtocol} later moves the
 * files of the successful attempts into place. Text format: see {@link CsvBatchEncoder}. A header
 * line is written when the options ask for one, also for a partition without rows. On failure the
 * partial file is deleted before the exception propagates. The input operator is drained but not
 * closed: its owner closes it.
 */
public final class CsvPartitionWriter {
  private CsvPartitionWriter() {}

  /**
   * Drains {@code input} into a part file named after {@code partition} inside the action's
   * staging directory, in a file private to {@code taskAttemptId}, and returns what it wrote.
   */
  public static PartitionResult.WrittenFiles write(
      Operator input, Schema schema, ResultAction.WriteCsv action, int partition, long taskAttemptId) {
    Objects.requireNonNull(input, "input is null");
    Objects.requireNonNull(schema, "schema is null");
    Objects.requireNonNull(action, "action is null");
    Path directory = Path.of(action.stagingDirectory()).toAbsolutePath();
    Path file = directory.resolve(String.format("part-%05d-%d.csv", partition, taskAttemptId));
    CsvBatchEncoder encoder = new CsvBatchEncoder(schema, action.options());
    long rows = 0;
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the staging directory " + directory + ": " + e, e);
    }
    try (OutputStream out = Files.newOutputStream(
        file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      if (action.options().header()) {
        encoder.writeHeader(schema, out);
      }
      Batch batch;
      while ((batch = input.next()) != null) {
        if (batch.columnCount() != schema.size()) {
          throw new IllegalArgumentException(
              "batch has " + batch.columnCount() + " columns but the schema " + schema + " has " + schema.size());
        }
        encoder.writeBatch(batch, out);
        rows += batch.rowCount();
      }
    } catch (IOException e) {
      UncheckedIOException failure = new UncheckedIOException("Cannot write CSV part file " + file + ": " + e, e);
      deletePartialFile(file, failure);
      throw failure;
    } catch (RuntimeException | Error e) {
      deletePartialFile(file, e);
      throw e;
    }
    return new PartitionResult.WrittenFiles(List.of(file.toString()), rows);
  }

  private static void deletePartialFile(Path file, Throwable failure) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
