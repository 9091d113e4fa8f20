package dev.ember.core.io.csv;

import dev.ember.core.plan.CsvScanExec;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.source.ParseMode;

/** Test helpers: write CSV text, read it back through the scan operator. */
final class CsvFiles {
  private CsvFiles() {}

  static Path write(Path directory, String name, String text) {
    return writeBytes(directory, name, text.getBytes(StandardCharsets.UTF_8));
  }

  static Path writeBytes(Path directory, String name, byte[] bytes) {
    try {
      Path file = directory.resolve(name);
      Files.write(file, bytes);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Schema strings(int width) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      fields.add(Field.of("_c" + i, ColumnType.STRING));
    }
    return new Schema(fields);
  }

  static CsvOptions options(boolean header) {
    CsvOptions d = CsvOptions.defaults();
    return new CsvOptions(header, d.delimiter(), d.quote(), d.escape(), d.nullValue(), d.dateFormat(), d.timestampFormat(), d.mode());
  }

  static CsvOptions withMode(CsvOptions o, ParseMode mode) {
    return new CsvOptions(o.header(), o.delimiter(), o.quote(), o.escape(), o.nullValue(), o.dateFormat(), o.timestampFormat(), mode);
  }

  /** All rows of all splits, in split order. */
  static List<List<Object>> read(Schema schema, List<FileSplit> splits, CsvOptions options, int bufferBytes) {
    CsvScanExec scan = new CsvScanExec(schema, splits, options);
    List<List<Object>> rows = new ArrayList<>();
    int partitions = Math.max(1, splits.size());
    for (int partition = 0; partition < partitions; partition++) {
      try (CsvScanOperator operator = new CsvScanOperator(scan, partition, new FakeTaskContext(partition), bufferBytes)) {
        Batch batch;
        while ((batch = operator.next()) != null) {
          if (batch.rowCount() > Batch.DEFAULT_ROWS) {
            throw new AssertionError("batch of " + batch.rowCount() + " rows");
          }
          rows.addAll(batch.rows());
        }
      }
    }
    return rows;
  }

  static List<List<Object>> read(Schema schema, Path file, CsvOptions options) {
    return read(schema, CsvSource.planSplits(List.of(file.toString()), Long.MAX_VALUE), options, CsvRecordReader.DEFAULT_BUFFER_BYTES);
  }
}
