package dev.ember.core.io.csv;

import dev.ember.core.text.CivilCalendar;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import dev.ember.core.source.CsvOptions;

/**
 * Encodes batches as CSV text: each column is encoded on its own into a byte sink (one type switch
 * per column and batch), then the rows are assembled by copying the columns' byte ranges.
 *
 * <p>Strings are quoted when they hold the delimiter, the quote, the escape character, CR or LF,
 * start or end with a blank ({@code <= ' '}, so a reader that skips blank lines or trims cannot
 * lose them), or are empty ({@code ""}, which tells them from null); inside quotes the quote and
 * the escape character are preceded by the escape character. Null is written as the nullValue
 * option (empty by default, as Spark). Doubles as {@link Double#toString}, dates with dateFormat,
 * timestamps with timestampFormat in UTC (the default pattern prints
 * {@code 2024-01-31T12:00:00.000000Z}). Records end with {@code \n}.
 */
final class CsvBatchEncoder {
  private static final int FLUSH_BYTES = 1 << 16;

  private final byte delimiter;
  private final byte quote;
  private final byte escape;
  private final byte[] nullValue;
  private final DateTimeFormatter dateFormatter;
  private final DateTimeFormatter timestampFormatter;
  private final ByteSink[] columns;
  private final int[][] offsets;
  private final ByteSink output = new ByteSink(FLUSH_BYTES + 4096);

  CsvBatchEncoder(Schema schema, CsvOptions options) {
    CsvDialect.validate(options);
    delimiter = CsvDialect.asciiByte(options.delimiter(), "delimiter");
    quote = CsvDialect.asciiByte(options.quote(), "quote");
    escape = CsvDialect.asciiByte(options.escape(), "escape");
    nullValue = options.nullValue() == null ? new byte[0] : options.nullValue().getBytes(StandardCharsets.UTF_8);
    dateFormatter = options.dateFormat().equals(CsvValueParser.DEFAULT_DATE_FORMAT)
        ? null
        : DateTimePatterns.formatter(options.dateFormat(), "dateFormat");
    timestampFormatter = options.timestampFormat().equals(CsvValueParser.DEFAULT_TIMESTAMP_FORMAT)
        ? null
        : DateTimePatterns.formatter(options.timestampFormat(), "timestampFormat").withZone(ZoneOffset.UTC);
    columns = new ByteSink[schema.size()];
    offsets = new int[schema.size()][];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = new ByteSink(1024);
      offsets[i] = new int[Batch.DEFAULT_ROWS + 1];
    }
  }


  void writeHeader(Schema schema, OutputStream out) throws IOException {
    for (int i = 0; i < schema.size(); i++) {
      if (i > 0) {
        output.put(delimiter);
      }
      putString(output, schema.field(i).name());
    }
    output.put((byte) '\n');
    output.writeTo(out);
  }

  /** Encodes the batch's rows and writes them; returns the number of bytes written. */
  long writeBatch(Batch batch, OutputStream out) throws IOException {
    int rows = batch.rowCount();
    for (int column = 0; column < columns.length; column++) {
      if (offsets[column].length < rows + 1) {
        offsets[column] = new int[rows + 1];
      }
      encodeColumn(batch.column(column), rows, columns[column], offsets[column]);
    }
    long written = 0;
    int columnCount = columns.length;
    for (int row = 0; row < rows; row++) {
      for (int column = 0; column < columnCount; column++) {
        if (column > 0) {
          output.put(delimiter);
        }
        int[] columnOffsets = offsets[column];
        output.put(columns[column].bytes, columnOffsets[row], columnOffsets[row + 1]);
      }
      output.put((byte) '\n');
      if (output.length >= FLUSH_BYTES) {
        written += output.length;
        output.writeTo(out);
      }
    }
    written += output.length;
    output.writeTo(out);
    return written;
  }

  private void encodeColumn(ColumnVector vector, int rows, ByteSink sink, int[] rowOffsets) {
    sink.length = 0;
    switch (vector) {
      case BooleanVector v -> {
        for (int row = 0; row < rows; row++) {
          rowOffsets[row] = sink.length;
          if (v.isNull(row)) {
            sink.put(nullValue, 0, nullValue.length);
          } else {
            sink.putAscii(v.values[row] ? "true" : "false");
          }
        }
      }
      case IntVector v -> {
        boolean date = v.type().kind() == dev.ember.core.types.TypeKind.DATE;
        for (int row = 0; row < rows; row++) {
          rowOffsets[row] = sink.length;
          if (v.isNull(row)) {
            sink.put(nullValue, 0, nullValue.length);
          } else if (date) {
            putDate(sink, v.values[row]);
          } else {
            sink.putLong(v.values[row]);
          }
        }
      }
      case LongVector v -> {
        boolean timestamp = v.type().kind() == dev.ember.core.types.TypeKind.TIMESTAMP;
        boolean decimal = v.type().kind() == dev.ember.core.types.TypeKind.DECIMAL;
        for (int row = 0; row < rows; row++) {
          rowOffsets[row] = sink.length;
          if (v.isNull(row)) {
            sink.put(nullValue, 0, nullValue.length);
          } else if (timestamp) {
            putTimestamp(sink, v.values[row]);
          } else if (decimal) {
            sink.putAscii(java.math.BigDecimal.valueOf(v.values[row], v.type().scale()).toPlainString());
          } else {
            sink.putLong(v.values[row]);
          }
        }
      }
      case DoubleVector v -> {
        for (int row = 0; row < rows; row++) {
          rowOffsets[row] = sink.length;
          if (v.isNull(row)) {
            sink.put(nullValue, 0, nullValue.length);
          } else {
            sink.putAscii(Double.toString(v.values[row]));
          }
        }
      }
      case StringVector v -> {
        for (int row = 0; row < rows; row++) {
          rowOffsets[row] = sink.length;
          if (v.isNull(row)) {
            sink.put(nullValue, 0, nullValue.length);
          } else {
            putString(sink, v.get(row));
          }
        }
      }
      case dev.ember.core.vector.DecimalVector v -> {
        for (int row = 0; row < rows; row++) {
          rowOffsets[row] = sink.length;
          if (v.isNull(row)) {
            sink.put(nullValue, 0, nullValue.length);
          } else {
            sink.putAscii(v.get(row).toPlainString());
          }
        }
      }
    }
    rowOffsets[rows] = sink.length;
  }

  private void putDate(ByteSink sink, int epochDay) {
    if (dateFormatter == null && epochDay >= CivilCalendar.FIRST_FOUR_DIGIT_DAY && epochDay <= CivilCalendar.LAST_FOUR_DIGIT_DAY) {
      putIsoDate(sink, epochDay);
    } else {
      DateTimeFormatter formatter = dateFormatter == null
          ? DateTimePatterns.formatter(CsvValueParser.DEFAULT_DATE_FORMAT, "dateFormat")
          : dateFormatter;
      sink.putAscii(formatter.format(LocalDate.ofEpochDay(epochDay)));
    }
  }

  private static void putIsoDate(ByteSink sink, long epochDay) {
    long civil = CivilCalendar.civilFromEpochDay(epochDay);
    sink.putPadded(civil / 10_000, 4);
    sink.put((byte) '-');
    sink.putPadded(civil / 100 % 100, 2);
    sink.put((byte) '-');
    sink.putPadded(civil % 100, 2);
  }

  private void putTimestamp(ByteSink sink, long micros) {
    long epochDay = Math.floorDiv(micros, CivilCalendar.MICROS_PER_DAY);
    if (timestampFormatter == null && epochDay >= CivilCalendar.FIRST_FOUR_DIGIT_DAY && epochDay <= CivilCalendar.LAST_FOUR_DIGIT_DAY) {
      long microOfDay = Math.floorMod(micros, CivilCalendar.MICROS_PER_DAY);
      putIsoDate(sink, epochDay);
      sink.put((byte) 'T');
      long secondOfDay = microOfDay / CivilCalendar.MICROS_PER_SECOND;
      sink.putPadded(secondOfDay / 3600, 2);
      sink.put((byte) ':');
      sink.putPadded(secondOfDay / 60 % 60, 2);
      sink.put((byte) ':');
      sink.putPadded(secondOfDay % 60, 2);
      sink.put((byte) '.');
      sink.putPadded(microOfDay % CivilCalendar.MICROS_PER_SECOND, 6);
      sink.put((byte) 'Z');
    } else {
      DateTimeFormatter formatter = timestampFormatter == null
          ? DateTimePatterns.formatter(CsvValueParser.DEFAULT_TIMESTAMP_FORMAT, "timestampFormat").withZone(ZoneOffset.UTC)
          : timestampFormatter;
      Instant instant = Instant.ofEpochSecond(
          Math.floorDiv(micros, CivilCalendar.MICROS_PER_SECOND), Math.floorMod(micros, CivilCalendar.MICROS_PER_SECOND) * 1000);
      putString(sink, formatter.format(instant));
    }
  }

  private void putString(ByteSink sink, String value) {
    int length = value.length();
    if (length == 0) {
      sink.put(quote);
      sink.put(quote);
      return;
    }
    boolean needsQuotes = value.charAt(0) <= ' ' || value.charAt(length - 1) <= ' ';
    boolean ascii = true;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        ascii = false;
      } else if (c == delimiter || c == quote || c == escape || c == '\n' || c == '\r') {
        needsQuotes = true;
      }
    }
    if (!needsQuotes) {
      if (ascii) {
        sink.putAscii(value);
      } else {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        sink.put(bytes, 0, bytes.length);
      }
      return;
    }
    // UTF-8 continuation bytes are never ASCII, so escaping byte by byte is safe.
    byte[] bytes = ascii ? null : value.getBytes(StandardCharsets.UTF_8);
    int count = ascii ? length : bytes.length;
    sink.ensureRoom(count * 2 + 2);
    sink.put(quote);
    for (int i = 0; i < count; i++) {
      byte b = ascii ? (byte) value.charAt(i) : bytes[i];
      if (b == quote || b == escape) {
        sink.put(escape);
      }
      sink.put(b);
    }
    sink.put(quote);
  }
}
