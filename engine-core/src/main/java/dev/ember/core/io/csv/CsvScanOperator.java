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
import dev.ember.core.types.DecimalTypes;
import dev.ember.core.types.Schema;
import dev.ember.core.types.TypeKind;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringDictionaryBuilder;
import dev.ember.core.vector.StringVector;
import java.nio.charset.Charset;
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
  private final CsvOptions options;
  private final CsvRecordReader reader;
  private final CsvValueParser parser;
  private final Charset charset;
  /** Whether the file's bytes are already the UTF-8 that string vectors hold. */
  private final boolean utf8;
  /** Per schema column: true once a batch had too many distinct strings for a dictionary. */
  private final boolean[] plainStrings;
  /** Dictionaries beyond this many entries stop paying for themselves. */
  static final int MAXIMUM_DICTIONARY_ENTRIES = 1024;
  /** A batch of at least this many rows that has too many distinct strings keeps the column plain for the split. */
  static final int PLAIN_FOR_GOOD_MIN_ROWS = 2048;
  private final byte[] nullValue;
  /** What a quoted empty field reads as (the emptyValue option), or null. */
  private final byte[] emptyValue;
  private final TypeKind[] kinds;
  /** The number of fields a well-formed record has: the schema's columns but the corrupt-record column. */
  private final int width;
  /** For each schema column, its field in the record (the corrupt-record column has none). */
  private final int[] fieldOf;
  /**
   * The schema column that receives malformed records' text (Spark's columnNameOfCorruptRecord,
   * PERMISSIVE only), or -1.
   */
  private final int corruptColumn;
  /** The chunk's malformed records, when the corrupt-record column is read; else null. */
  private final boolean[] malformed;
  /** Per output row of the column being converted: its value is {@code valueBytes[valueStarts[i], valueEnds[i])}. */
  private final int[] valueStarts;
  private final int[] valueEnds;
  private byte[] valueBytes;
  /** Output rows of the column being converted whose value did not parse. */
  private final int[] failed;
  private final CsvDecimalParser decimalParser;
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
    this.options = scan.options();
    this.mode = options.mode();
    this.required = scan.requiredColumns().stream().mapToInt(Integer::intValue).toArray();
    this.corruptColumn = corruptRecordColumn(schema, options);
    this.width = corruptColumn < 0 ? schema.size() : schema.size() - 1;
    this.fieldOf = new int[schema.size()];
    for (int i = 0; i < fieldOf.length; i++) {
      fieldOf[i] = corruptColumn >= 0 && i > corruptColumn ? i - 1 : i;
    }
    boolean readsCorruptColumn = false;
    for (int column : required) {
      readsCorruptColumn |= column == corruptColumn;
    }
    this.pushedFilter = scan.pushedFilter() == null ? null : ExpressionCompiler.compile(scan.pushedFilter());
    if (scan.pushedFilter() != null && options.mode() == ParseMode.PERMISSIVE && !readsCorruptColumn) {
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
    this.kinds = new TypeKind[schema.size()];
    this.plainStrings = new boolean[schema.size()];
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = schema.type(i).kind();
    }
    this.charset = options.charset();
    this.decimalParser = new CsvDecimalParser(charset);
    this.utf8 = charset.equals(java.nio.charset.StandardCharsets.UTF_8);
    String nullText = options.nullValue();
    this.nullValue = nullText == null || nullText.isEmpty() ? null : nullText.getBytes(charset);
    this.emptyValue = options.emptyValue() == null ? null : options.emptyValue().getBytes(charset);
    this.parser = new CsvValueParser(options);
    int rowsPerChunk = CsvRecordReader.rowsPerChunk(Math.max(1, width));
    this.dropped = mode == ParseMode.DROPMALFORMED ? new boolean[rowsPerChunk] : null;
    this.malformed = readsCorruptColumn && mode == ParseMode.PERMISSIVE ? new boolean[rowsPerChunk] : null;
    this.valueStarts = new int[rowsPerChunk];
    this.valueEnds = new int[rowsPerChunk];
    this.failed = new int[rowsPerChunk];
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
    if (malformed != null) {
      reader.keepRawRecords();
    } else if (mode == ParseMode.PERMISSIVE && width > 0) {
      // Field counts do not matter here (missing fields are null, extra ones ignored), so the
      // fields after the last required one need not be cut out.
      int lastRequired = -1;
      for (int column : required) {
        lastRequired = Math.max(lastRequired, fieldOf[column]);
      }
      reader.cutOnlyLeadingFields(Math.max(1, lastRequired + 1));
    }
  }

  /**
   * The index of the corrupt-record column, the STRING column named columnNameOfCorruptRecord (as
   * in Spark, it is not a field of the file, and only PERMISSIVE fills it), else -1.
   */
  static int corruptRecordColumn(Schema schema, CsvOptions options) {
    for (int i = 0; i < schema.size(); i++) {
      if (schema.field(i).name().equals(options.columnNameOfCorruptRecord())) {
        if (schema.type(i).kind() != TypeKind.STRING) {
          throw new IllegalArgumentException("The field for corrupt records \"" + schema.field(i).name()
              + "\" must be of type STRING, not " + schema.type(i).simpleString());
        }
        return i;
      }
    }
    return -1;
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
    int count = Selections.trueRows(VectorExpression.dispatch(narrowFilter, new Batch(filterInput, rows)), selected);
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
    if (malformed != null) {
      Arrays.fill(malformed, 0, rows, false);
    }
    if ((mode != ParseMode.PERMISSIVE || malformed != null) && width > 0) {
      checkRecordShapes(rows);
    }
    ColumnVector[] columns = new ColumnVector[required.length];
    // The corrupt-record column comes last: it shows what the other columns found malformed.
    int corruptPosition = -1;
    for (int i = 0; i < required.length; i++) {
      if (required[i] == corruptColumn) {
        corruptPosition = i;
      } else {
        columns[i] = convertColumn(required[i], null, rows);
      }
    }
    if (corruptPosition >= 0) {
      columns[corruptPosition] = corruptRecords(null, rows);
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
    int count = Selections.trueRows(VectorExpression.dispatch(pushedFilter, batch), selected);
    return count == rows ? batch : batch.gather(selected, count);
  }

  /** Marks (DROPMALFORMED) or notes (FAILFAST) records with the wrong field count or an unclosed quote. */
  private void checkRecordShapes(int rows) {
    for (int row = 0; row < rows; row++) {
      int fields = reader.fieldCounts[row];
      if (fields == width && !reader.unclosedQuote[row]) {
        continue;
      }
      if (mode == ParseMode.PERMISSIVE) {
        malformed[row] = true;
      } else if (mode == ParseMode.DROPMALFORMED) {
        dropped[row] = true;
      } else if (row < failureRow) {
        failureRow = row;
        failureColumn = -1;
        failureProblem = reader.unclosedQuote[row]
            ? (options.multiLine()
                ? "a quoted field is not closed before the end of the file"
                : "a quoted field is not closed before the end of its line (set multiLine to true for quoted line breaks)")
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

  /**
   * Converts the column for rows {@code positions[0, count)} of the chunk, or rows
   * {@code [0, count)} when positions is null.
   *
   * <p>One shape for every type: {@link #locateValues} finds each row's value bytes or null (one
   * shared loop over rows: missing, empty and nullValue fields, the emptyValue of a quoted empty
   * field), a per-type kernel parses the non-null values into a primitive array, and
   * {@link #markFailures} turns the values that did not parse into nulls and reports them to the
   * mode. The kernels stay one small loop per type on purpose: a shared loop would need a type
   * switch or a virtual parse call per value, which the JIT cannot hoist out of the hot loop.
   */
  private ColumnVector convertColumn(int column, int[] positions, int count) {
    if (column == corruptColumn) {
      return corruptRecords(positions, count);
    }
    boolean[] nulls = locateValues(column, positions, count);
    byte[] bytes = valueBytes;
    int[] starts = valueStarts;
    int[] ends = valueEnds;
    CsvValueParser values = parser;
    int failures = 0;
    ColumnType type = schema.type(column);
    return switch (kinds[column]) {
      case STRING -> stringColumn(column, type, bytes, starts, ends, nulls, count);
      case INT -> {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
          if (nulls == null || !nulls[i]) {
            out[i] = values.parseInt(bytes, starts[i], ends[i]);
            if (!values.ok) {
              failed[failures++] = i;
            }
          }
        }
        nulls = markFailures(column, positions, nulls, count, failures);
        yield new IntVector(type, out, nulls, count);
      }
      case LONG -> {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
          if (nulls == null || !nulls[i]) {
            out[i] = values.parseLong(bytes, starts[i], ends[i]);
            if (!values.ok) {
              failed[failures++] = i;
            }
          }
        }
        nulls = markFailures(column, positions, nulls, count, failures);
        yield new LongVector(type, out, nulls, count);
      }
      case DOUBLE -> {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
          if (nulls == null || !nulls[i]) {
            out[i] = values.parseDouble(bytes, starts[i], ends[i]);
            if (!values.ok) {
              failed[failures++] = i;
            }
          }
        }
        nulls = markFailures(column, positions, nulls, count, failures);
        yield new DoubleVector(type, out, nulls, count);
      }
      case BOOLEAN -> {
        boolean[] out = new boolean[count];
        for (int i = 0; i < count; i++) {
          if (nulls == null || !nulls[i]) {
            out[i] = values.parseBoolean(bytes, starts[i], ends[i]);
            if (!values.ok) {
              failed[failures++] = i;
            }
          }
        }
        nulls = markFailures(column, positions, nulls, count, failures);
        yield new BooleanVector(type, out, nulls, count);
      }
      case DATE -> {
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
          if (nulls == null || !nulls[i]) {
            out[i] = values.parseDate(bytes, starts[i], ends[i], false);
            if (!values.ok) {
              failed[failures++] = i;
            }
          }
        }
        nulls = markFailures(column, positions, nulls, count, failures);
        yield new IntVector(type, out, nulls, count);
      }
      case TIMESTAMP -> {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
          if (nulls == null || !nulls[i]) {
            out[i] = values.parseTimestamp(bytes, starts[i], ends[i]);
            if (!values.ok) {
              failed[failures++] = i;
            }
          }
        }
        nulls = markFailures(column, positions, nulls, count, failures);
        yield new LongVector(type, out, nulls, count);
      }
      case DECIMAL -> {
        CsvDecimalParser decimals = decimalParser;
        if (DecimalTypes.isCompact(type)) {
          long[] out = new long[count];
          for (int i = 0; i < count; i++) {
            if (nulls == null || !nulls[i]) {
              out[i] = decimals.parseCompact(bytes, starts[i], ends[i], type);
              if (!decimals.ok) {
                failed[failures++] = i;
              }
            }
          }
          nulls = markFailures(column, positions, nulls, count, failures);
          yield new LongVector(type, out, nulls, count);
        }
        long[] high = new long[count];
        long[] low = new long[count];
        for (int i = 0; i < count; i++) {
          if (nulls == null || !nulls[i]) {
            decimals.parseWide(bytes, starts[i], ends[i], type, high, low, i);
            if (!decimals.ok) {
              failed[failures++] = i;
            }
          }
        }
        nulls = markFailures(column, positions, nulls, count, failures);
        yield new dev.ember.core.vector.DecimalVector(type, high, low, nulls, count);
      }
    };
  }

  /**
   * Fills {@link #valueStarts}/{@link #valueEnds} with the value bytes of each output row (in
   * {@link #valueBytes}) and returns the null flags (null when no row is null): a missing field,
   * an empty one, or one equal to nullValue is null; a quoted empty field is the emptyValue when
   * one is set.
   */
  private boolean[] locateValues(int column, int[] positions, int count) {
    byte[] bytes = reader.buffer;
    int[] starts = reader.fieldStarts;
    int[] ends = reader.fieldEnds;
    int[] counts = reader.fieldCounts;
    int field = fieldOf[column];
    int[] outStarts = valueStarts;
    int[] outEnds = valueEnds;
    boolean[] nulls = null;
    boolean anyEmptyValue = false;
    for (int i = 0; i < count; i++) {
      int row = positions == null ? i : positions[i];
      int index = row * width + field;
      int start = starts[index];
      int end = ends[index];
      if (field >= counts[row]) {
        start = 0;
        end = 0;
      }
      if (start == end && start != CsvRecordReader.QUOTED_EMPTY || isNullValue(bytes, start, end)) {
        if (nulls == null) {
          nulls = new boolean[count];
        }
        nulls[i] = true;
      }
      anyEmptyValue |= start == CsvRecordReader.QUOTED_EMPTY;
      outStarts[i] = start;
      outEnds[i] = end;
    }
    valueBytes = bytes;
    if (anyEmptyValue) {
      nulls = substituteEmptyValues(count, nulls);
    }
    return nulls;
  }

  /**
   * Rare path (emptyValue set and used): copies every value of the column, the emptyValue for
   * quoted empty fields, into a scratch array. An empty emptyValue, or one equal to nullValue,
   * reads as null (Spark compares the emptyValue with nullValue too).
   */
  private boolean[] substituteEmptyValues(int count, boolean[] nulls) {
    ByteSink scratch = new ByteSink(1024);
    byte[] bytes = reader.buffer;
    boolean emptyIsNull = emptyValue.length == 0 || isNullValue(emptyValue, 0, emptyValue.length);
    for (int i = 0; i < count; i++) {
      int start = valueStarts[i];
      int end = valueEnds[i];
      valueStarts[i] = scratch.length;
      if (start == CsvRecordReader.QUOTED_EMPTY) {
        if (emptyIsNull) {
          if (nulls == null) {
            nulls = new boolean[count];
          }
          nulls[i] = true;
        } else {
          scratch.put(emptyValue, 0, emptyValue.length);
        }
      } else if (nulls == null || !nulls[i]) {
        scratch.put(bytes, start, end);
      }
      valueEnds[i] = scratch.length;
    }
    valueBytes = scratch.bytes;
    return nulls;
  }

  /**
   * A string column straight from the value bytes: dictionary-encoded while the batch has few
   * distinct values (at most half of its rows, and {@link #MAXIMUM_DICTIONARY_ENTRIES}), else
   * plain UTF-8 bytes and offsets. A column that had too many distinct values in a full-sized batch
   * stays plain for the rest of the split, so a column of distinct values pays for one failed
   * attempt only; a short batch (the end of a read buffer) proves nothing and does not count: 150
   * part types in a batch of 500 rows are still few. Text in another charset is decoded and
   * re-encoded as UTF-8.
   */
  private StringVector stringColumn(
      int column, ColumnType type, byte[] bytes, int[] starts, int[] ends, boolean[] nulls, int count) {
    if (!utf8) {
      String[] out = new String[count];
      for (int i = 0; i < count; i++) {
        if (nulls == null || !nulls[i]) {
          out[i] = new String(bytes, starts[i], ends[i] - starts[i], charset);
        }
      }
      return new StringVector(type, out, nulls, count);
    }
    if (!plainStrings[column] && count >= 16) {
      StringDictionaryBuilder dictionary =
          new StringDictionaryBuilder(Math.min(MAXIMUM_DICTIONARY_ENTRIES, Math.max(1, count / 2)));
      int[] ids = new int[count];
      boolean fits = true;
      for (int i = 0; i < count && fits; i++) {
        if (nulls == null || !nulls[i]) {
          ids[i] = dictionary.idOf(bytes, starts[i], ends[i]);
          fits = ids[i] >= 0;
        }
      }
      if (fits) {
        return StringVector.dictionaryEncoded(type, ids, dictionary.build(), nulls, count);
      }
      plainStrings[column] = count >= PLAIN_FOR_GOOD_MIN_ROWS;
    }
    long total = 0;
    int[] offsets = new int[count + 1];
    for (int i = 0; i < count; i++) {
      if (nulls == null || !nulls[i]) {
        total += ends[i] - starts[i];
      }
      offsets[i + 1] = (int) Math.min(total, Integer.MAX_VALUE);
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("column " + schema.field(column).name() + " holds more than 2 GB of text in one batch");
    }
    byte[] utf8Bytes = new byte[(int) total];
    for (int i = 0; i < count; i++) {
      int length = offsets[i + 1] - offsets[i];
      if (length > 0) {
        System.arraycopy(bytes, starts[i], utf8Bytes, offsets[i], length);
      }
    }
    return new StringVector(type, utf8Bytes, offsets, nulls, count);
  }

  /** Makes the values that did not parse null and reports them to the mode; returns the null flags. */
  private boolean[] markFailures(int column, int[] positions, boolean[] nulls, int count, int failures) {
    if (failures == 0) {
      return nulls;
    }
    if (nulls == null) {
      nulls = new boolean[count];
    }
    for (int f = 0; f < failures; f++) {
      int i = failed[f];
      nulls[i] = true;
      badValue(positions == null ? i : positions[i], column, valueBytes, valueStarts[i], valueEnds[i]);
    }
    return nulls;
  }

  /** The corrupt-record column: each malformed record's text (PERMISSIVE only), else null. */
  private ColumnVector corruptRecords(int[] positions, int count) {
    String[] out = new String[count];
    boolean[] nulls = new boolean[count];
    for (int i = 0; i < count; i++) {
      int row = positions == null ? i : positions[i];
      if (malformed != null && malformed[row]) {
        out[i] = new String(reader.rawText, reader.rawStarts[row], reader.rawEnds[row] - reader.rawStarts[row], charset);
      } else {
        nulls[i] = true;
      }
    }
    return new StringVector(ColumnType.STRING, out, nulls, count);
  }

  private boolean isNullValue(byte[] bytes, int start, int end) {
    byte[] text = nullValue;
    return text != null && end - start == text.length && Arrays.equals(bytes, start, end, text, 0, text.length);
  }

  private void badValue(int row, int column, byte[] bytes, int start, int end) {
    switch (mode) {
      case PERMISSIVE -> {
        if (malformed != null) {
          malformed[row] = true;
        }
      }
      case DROPMALFORMED -> dropped[row] = true;
      case FAILFAST -> {
        if (row < failureRow) {
          failureRow = row;
          failureColumn = column;
          String value = new String(bytes, start, end - start, charset);
          if (value.length() > 200) {
            value = value.substring(0, 200) + "...";
          }
          failureProblem = "cannot parse '" + value + "' as " + schema.type(column).simpleString();
        }
      }
    }
  }

  private void throwFailure() {
    long line = CsvRecordReader.lineNumberAt(reader.path, reader.rowOffsets[failureRow], options);
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
