package dev.ember.core.io.csv;

import dev.ember.core.expression.BoundReference;
import dev.ember.core.expression.Expression;
import dev.ember.core.expression.evaluation.ExpressionCompiler;
import dev.ember.core.expression.evaluation.Selections;
import dev.ember.core.expression.evaluation.VectorExpression;
import dev.ember.core.io.MalformedRecordException;
import dev.ember.core.operator.Operator;
import dev.ember.core.plan.CsvScanExec;
import dev.ember.core.operator.TaskContext;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Schema;
import dev.ember.core.types.TypeKind;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.VectorBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.ParseMode;

/**
 * Reads one split of a CSV scan into batches of the scan's output schema (its required columns). The record reader cuts a chunk
 * of up to {@link Batch#DEFAULT_ROWS} records (fewer when the read buffer ends first, or for very
 * wide records) into byte ranges; each column is then converted in
 * one loop with typed appends, so the type switch runs once per column and chunk, not per value.
 *
 * <p>An empty field, quoted or not, and a field equal to a non-empty {@code nullValue} are null.
 * Missing trailing fields are null and extra fields are ignored. What happens to a record with a
 * value that does not parse, the wrong number of fields, or an unclosed quote depends on the
 * mode: PERMISSIVE keeps it (the bad value becomes null), DROPMALFORMED drops it, FAILFAST throws
 * {@link MalformedRecordException} naming the file, the line where the record begins (counted
 * only then, by reading the file again), the column and the value. Value formats are described in
 * {@link CsvValueParser}, the dialect and split rules in {@link CsvRecordReader}.
 *
 * <p>Scan pushdown: only the scan's required columns are converted (in DROPMALFORMED and FAILFAST
 * every field of a record is still cut out, so field counts are exact; PERMISSIVE, where counts do
 * not matter, cuts out fields only up to the last required one and skips the rest of the record), and the pushed filter, compiled
 * once, is evaluated on each converted chunk before it is returned. Malformed values are therefore
 * detected in required columns only, as Spark does with CSV column pruning: a bad value in a column
 * the query does not read neither drops a record (DROPMALFORMED) nor fails the job (FAILFAST). A
 * record with the wrong number of fields or an unclosed quote is malformed whatever the required
 * columns are. Modes act before the pushed filter, so FAILFAST fails on a malformed record even if
 * the filter would have removed it.
 *
 * <p>Metrics are left to the task runner. A partition without a split (a scan of no files has one
 * empty partition) yields nothing.
 */
public final class CsvScanOperator implements Operator {
  /** The file's full schema: every record has (or should have) this many fields. */
  private final Schema schema;
  /** Indexes into {@link #schema} of the columns to convert and output. */
  private final int[] required;
  /** The pushed filter over the output columns, or null. */
  private final VectorExpression pushedFilter;
  private int[] selected = new int[0];
  /**
   * PERMISSIVE with a pushed filter: the output positions the filter reads, and the filter rebound
   * to a batch of only those columns. The filter runs first and the other columns are converted
   * for the surviving rows only (no mode reacts to their bad values, so skipping them is safe).
   * Null otherwise.
   */
  private final int[] filterColumns;
  private final VectorExpression narrowFilter;
  private final ParseMode mode;
  private final CsvRecordReader reader;
  private final CsvValueParser parser;
  private final byte[] nullValue;
  private final TypeKind[] kinds;
  private final int width;
  /** The records of the current chunk to drop (DROPMALFORMED only). */
  private final boolean[] dropped;
  private int failureRow;
  private int failureColumn;
  private String failureProblem;
  private boolean closed;

  public CsvScanOperator(CsvScanExec scan, int partition, TaskContext context) {
    this(scan, partition, context, CsvRecordReader.DEFAULT_BUFFER_BYTES);
  }

  /** With a chosen initial read buffer size: tests use tiny buffers to hit every chunk boundary. */
  CsvScanOperator(CsvScanExec scan, int partition, TaskContext context, int bufferBytes) {
    Objects.requireNonNull(scan, "scan is null");
    this.schema = scan.fileSchema();
    CsvOptions options = scan.options();
    this.mode = options.mode();
    this.width = schema.size();
    this.required = scan.requiredColumns().stream().mapToInt(Integer::intValue).toArray();
    this.pushedFilter = scan.pushedFilter() == null ? null : ExpressionCompiler.compile(scan.pushedFilter());
    if (scan.pushedFilter() != null && options.mode() == ParseMode.PERMISSIVE) {
      boolean[] read = new boolean[required.length];
      markReferences(scan.pushedFilter(), read);
      int[] newOrdinals = new int[required.length];
      int count = 0;
      for (int i = 0; i < read.length; i++) {
        if (read[i]) {
          newOrdinals[i] = count++;
        }
      }
      int[] columns = new int[count];
      for (int i = 0; i < read.length; i++) {
        if (read[i]) {
          columns[newOrdinals[i]] = i;
        }
      }
      this.filterColumns = columns;
      this.narrowFilter = ExpressionCompiler.compile(rebind(scan.pushedFilter(), newOrdinals));
    } else {
      this.filterColumns = null;
      this.narrowFilter = null;
    }
    this.kinds = new TypeKind[width];
    for (int i = 0; i < width; i++) {
      kinds[i] = schema.type(i).kind();
    }
    for (int i : required) {
      ColumnType type = schema.type(i);
      if (type.kind() == TypeKind.DECIMAL) {
        throw new UnsupportedOperationException(
            "CSV column \"" + schema.field(i).name() + "\" has type " + type + ", which Ember cannot read from CSV yet");
      }
    }
    String nullText = options.nullValue();
    this.nullValue = nullText == null || nullText.isEmpty() ? null : nullText.getBytes(StandardCharsets.UTF_8);
    this.parser = new CsvValueParser(options);
    int rowsPerChunk = CsvRecordReader.rowsPerChunk(width);
    this.dropped = mode == ParseMode.DROPMALFORMED ? new boolean[rowsPerChunk] : null;
    if (scan.splits().isEmpty() && partition == 0) {
      reader = null;
      return;
    }
    if (partition < 0 || partition >= scan.splits().size()) {
      throw new IndexOutOfBoundsException(
          "CSV scan has " + scan.splits().size() + " splits, no partition " + partition);
    }
    this.reader = new CsvRecordReader(
        scan.splits().get(partition), options, width, rowsPerChunk, options.header(), bufferBytes);
    if (mode == ParseMode.PERMISSIVE && width > 0) {
      // Field counts do not matter here (missing fields are null, extra ones ignored), so the
      // fields after the last required one need not be cut out.
      int lastRequired = -1;
      for (int column : required) {
        lastRequired = Math.max(lastRequired, column);
      }
      reader.cutOnlyLeadingFields(Math.max(1, lastRequired + 1));
    }
  }

  @Override
  public Batch next() {
    if (reader == null || closed) {
      return null;
    }
    while (true) {
      int rows = reader.readChunk();
      if (rows == 0) {
        return null;
      }
      Batch batch = convert(rows);
      if (batch.rowCount() > 0) {
        return batch;
      }
    }
  }

  private static void markReferences(Expression expression, boolean[] read) {
    if (expression instanceof BoundReference reference) {
      read[reference.ordinal()] = true;
    }
    for (Expression child : expression.children()) {
      markReferences(child, read);
    }
  }

  private static Expression rebind(Expression expression, int[] newOrdinals) {
    if (expression instanceof BoundReference reference) {
      return new BoundReference(newOrdinals[reference.ordinal()], reference.type(), reference.nullable());
    }
    List<Expression> children = expression.children();
    if (children.isEmpty()) {
      return expression;
    }
    List<Expression> rebound = new ArrayList<>(children.size());
    for (Expression child : children) {
      rebound.add(rebind(child, newOrdinals));
    }
    return expression.withChildren(rebound);
  }

  /** PERMISSIVE with a pushed filter: converts the filter's columns, filters, then converts the rest for the kept rows. */
  private Batch convertFilteringFirst(int rows) {
    ColumnVector[] filterInput = new ColumnVector[filterColumns.length];
    for (int i = 0; i < filterColumns.length; i++) {
      filterInput[i] = convertColumn(required[filterColumns[i]], null, rows);
    }
    if (selected.length < rows) {
      selected = new int[rows];
    }
    int count = Selections.trueRows(narrowFilter.evaluate(new Batch(filterInput, rows)), selected);
    int[] kept = count == rows ? null : selected;
    ColumnVector[] columns = new ColumnVector[required.length];
    for (int i = 0; i < filterColumns.length; i++) {
      columns[filterColumns[i]] = kept == null ? filterInput[i] : filterInput[i].gather(kept, count);
    }
    for (int i = 0; i < required.length; i++) {
      if (columns[i] == null) {
        columns[i] = convertColumn(required[i], kept, count);
      }
    }
    return new Batch(columns, count);
  }

  private Batch convert(int rows) {
    if (narrowFilter != null) {
      return convertFilteringFirst(rows);
    }
    failureRow = Integer.MAX_VALUE;
    failureProblem = null;
    if (dropped != null) {
      Arrays.fill(dropped, 0, rows, false);
    }
    if (mode != ParseMode.PERMISSIVE && width > 0) {
      checkRecordShapes(rows);
    }
    ColumnVector[] columns = new ColumnVector[required.length];
    for (int i = 0; i < required.length; i++) {
      columns[i] = convertColumn(required[i], null, rows);
    }
    if (failureProblem != null) {
      throwFailure();
    }
    Batch batch = new Batch(columns, rows);
    if (dropped != null && anyTrue(dropped, rows)) {
      int[] kept = new int[rows];
      int count = 0;
      for (int row = 0; row < rows; row++) {
        if (!dropped[row]) {
          kept[count++] = row;
        }
      }
      batch = batch.gather(kept, count);
    }
    return pushedFilter == null ? batch : filter(batch);
  }

  /** The rows of the batch where the pushed filter is true. */
  private Batch filter(Batch batch) {
    int rows = batch.rowCount();
    if (rows == 0) {
      return batch;
    }
    if (selected.length < rows) {
      selected = new int[rows];
    }
    int count = Selections.trueRows(pushedFilter.evaluate(batch), selected);
    return count == rows ? batch : batch.gather(selected, count);
  }

  /** Marks (DROPMALFORMED) or notes (FAILFAST) records with the wrong field count or an unclosed quote. */
  private void checkRecordShapes(int rows) {
    for (int row = 0; row < rows; row++) {
      int fields = reader.fieldCounts[row];
      if (fields == width && !reader.unclosedQuote[row]) {
        continue;
      }
      if (mode == ParseMode.DROPMALFORMED) {
        dropped[row] = true;
      } else if (row < failureRow) {
        failureRow = row;
        failureColumn = -1;
        failureProblem = reader.unclosedQuote[row]
            ? "a quoted field is not closed before the end of the file"
            : "expected " + width + " fields but found " + fields;
      }
    }
  }

  private static boolean anyTrue(boolean[] flags, int count) {
    for (int i = 0; i < count; i++) {
      if (flags[i]) {
        return true;
      }
    }
    return false;
  }

  /** Converts the column for rows {@code positions[0, count)} of the chunk, or rows {@code [0, count)} when positions is null. */
  private ColumnVector convertColumn(int column, int[] positions, int count) {
    VectorBuilder builder = VectorBuilder.forType(schema.type(column), count);
    byte[] bytes = reader.buffer;
    int[] starts = reader.fieldStarts;
    int[] ends = reader.fieldEnds;
    int[] counts = reader.fieldCounts;
    CsvValueParser values = parser;
    switch (kinds[column]) {
      case STRING -> {
        for (int i = 0; i < count; i++) {
          int row = positions == null ? i : positions[i];
          int index = row * width + column;
          if (isNull(counts[row], column, bytes, starts[index], ends[index])) {
            builder.appendNull();
          } else {
            builder.appendString(new String(bytes, starts[index], ends[index] - starts[index], StandardCharsets.UTF_8));
          }
        }
      }
      case INT -> {
        for (int i = 0; i < count; i++) {
          int row = positions == null ? i : positions[i];
          int index = row * width + column;
          if (isNull(counts[row], column, bytes, starts[index], ends[index])) {
            builder.appendNull();
            continue;
          }
          int value = values.parseInt(bytes, starts[index], ends[index]);
          if (values.ok) {
            builder.appendInt(value);
          } else {
            builder.appendNull();
            badValue(row, column, starts[index], ends[index]);
          }
        }
      }
      case LONG -> {
        for (int i = 0; i < count; i++) {
          int row = positions == null ? i : positions[i];
          int index = row * width + column;
          if (isNull(counts[row], column, bytes, starts[index], ends[index])) {
            builder.appendNull();
            continue;
          }
          long value = values.parseLong(bytes, starts[index], ends[index]);
          if (values.ok) {
            builder.appendLong(value);
          } else {
            builder.appendNull();
            badValue(row, column, starts[index], ends[index]);
          }
        }
      }
      case DOUBLE -> {
        for (int i = 0; i < count; i++) {
          int row = positions == null ? i : positions[i];
          int index = row * width + column;
          if (isNull(counts[row], column, bytes, starts[index], ends[index])) {
            builder.appendNull();
            continue;
          }
          double value = values.parseDouble(bytes, starts[index], ends[index]);
          if (values.ok) {
            builder.appendDouble(value);
          } else {
            builder.appendNull();
            badValue(row, column, starts[index], ends[index]);
          }
        }
      }
      case BOOLEAN -> {
        for (int i = 0; i < count; i++) {
          int row = positions == null ? i : positions[i];
          int index = row * width + column;
          if (isNull(counts[row], column, bytes, starts[index], ends[index])) {
            builder.appendNull();
            continue;
          }
          boolean value = values.parseBoolean(bytes, starts[index], ends[index]);
          if (values.ok) {
            builder.appendBoolean(value);
          } else {
            builder.appendNull();
            badValue(row, column, starts[index], ends[index]);
          }
        }
      }
      case DATE -> {
        for (int i = 0; i < count; i++) {
          int row = positions == null ? i : positions[i];
          int index = row * width + column;
          if (isNull(counts[row], column, bytes, starts[index], ends[index])) {
            builder.appendNull();
            continue;
          }
          int value = values.parseDate(bytes, starts[index], ends[index], false);
          if (values.ok) {
            builder.appendInt(value);
          } else {
            builder.appendNull();
            badValue(row, column, starts[index], ends[index]);
          }
        }
      }
      case TIMESTAMP -> {
        for (int i = 0; i < count; i++) {
          int row = positions == null ? i : positions[i];
          int index = row * width + column;
          if (isNull(counts[row], column, bytes, starts[index], ends[index])) {
            builder.appendNull();
            continue;
          }
          long value = values.parseTimestamp(bytes, starts[index], ends[index]);
          if (values.ok) {
            builder.appendLong(value);
          } else {
            builder.appendNull();
            badValue(row, column, starts[index], ends[index]);
          }
        }
      }
      case DECIMAL -> throw new IllegalStateException("DECIMAL columns are rejected when the operator is created");
    }
    return builder.build();
  }

  /** A missing field, an empty one, or one equal to nullValue. */
  private boolean isNull(int fieldCount, int column, byte[] bytes, int start, int end) {
    if (column >= fieldCount || start == end) {
      return true;
    }
    byte[] text = nullValue;
    return text != null && end - start == text.length && Arrays.equals(bytes, start, end, text, 0, text.length);
  }

  private void badValue(int row, int column, int start, int end) {
    switch (mode) {
      case PERMISSIVE -> {}
      case DROPMALFORMED -> dropped[row] = true;
      case FAILFAST -> {
        if (row < failureRow) {
          failureRow = row;
          failureColumn = column;
          String value = new String(reader.buffer, start, end - start, StandardCharsets.UTF_8);
          if (value.length() > 200) {
            value = value.substring(0, 200) + "...";
          }
          failureProblem = "cannot parse '" + value + "' as " + schema.type(column).simpleString();
        }
      }
    }
  }

  private void throwFailure() {
    long line = CsvRecordReader.lineNumberAt(reader.path, reader.rowOffsets[failureRow]);
    String column = failureColumn < 0 ? null : schema.field(failureColumn).name();
    throw new MalformedRecordException(reader.path, line, column, failureProblem);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (reader != null) {
      reader.close();
    }
  }
}
