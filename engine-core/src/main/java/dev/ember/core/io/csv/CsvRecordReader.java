package dev.ember.core.io.csv;

import dev.ember.core.io.InputPathNotFoundException;
import dev.ember.core.vector.Batch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;

/**
 * Cuts the records of one {@link FileSplit} into fields, a chunk of rows at a time, without
 * decoding them: each field is a byte range of {@link #buffer}, valid until the next
 * {@link #readChunk()}. Converting the bytes into values is the caller's job, column by column.
 *
 * <p>Split ownership: a split owns the records that begin in {@code [start, start + length)}. A
 * split with {@code start > 0} begins at the first line start at or after {@code start} (a line
 * start is the file start or the byte after a {@code \n}) and the last record it owns is read past
 * the split's end. Like Spark without {@code multiLine}, a split that begins inside a quoted field
 * holding a newline misaligns; within a split, quoted newlines are read correctly.
 *
 * <p>Dialect: fields are separated by the one-byte delimiter, records by {@code \n} or
 * {@code \r\n} (a missing final newline is fine). A field that begins with the quote character is
 * quoted: delimiters and newlines inside are data, a quote is written doubled or preceded by the
 * escape character, and the escape character preceded by itself stands for itself (any other
 * escape is kept as is). Bytes between a closing quote and the next delimiter are appended to the
 * value. A quote that is never closed takes the rest of the file and marks the record malformed.
 * Lines that are empty or hold only blanks ({@code <= ' '}) are skipped, as Spark skips lines whose
 * {@code trim()} is empty. A UTF-8 byte order mark at the file start is skipped. When the header
 * is to be skipped, it is the first non-blank record of a split that starts at byte 0.
 */
final class CsvRecordReader implements AutoCloseable {
  static final int DEFAULT_BUFFER_BYTES = 1 << 20;
  private static final int INCOMPLETE = -1;
  private static final int NOT_BLANK = -2;
  private static final int UNCLOSED = -3;
  /** Reads eight bytes of the buffer as one long, lowest address in the lowest byte. */
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long NEWLINES = ONES * '\n';
  private static final int MAX_BUFFER_BYTES = Integer.MAX_VALUE - 16;

  final String path;
  private final FileChannel channel;
  private final long splitEnd;
  private final byte delimiter;
  private final byte quote;
  private final byte escape;
  private final boolean escapeIsQuote;
  private final int width;
  private final int maxRows;
  private boolean headerPending;

  /** The bytes the fields of the current chunk point into. */
  byte[] buffer;
  private int limit;
  private long bufferOffset;
  private int position;
  private boolean endOfFile;
  private boolean finished;
  private boolean closed;

  /** Rows in the current chunk. */
  int rowCount;
  /** Field {@code c} of row {@code r} is {@code buffer[fieldStarts[r * width + c], fieldEnds[...])}, for {@code c < min(width, fieldCounts[r])}. */
  final int[] fieldStarts;
  final int[] fieldEnds;
  /** How many fields each row has (may exceed {@code width}; only the first {@code width} are kept). */
  final int[] fieldCounts;
  /** The file offset where each row begins (for error messages). */
  final long[] rowOffsets;
  /** Whether each row ends inside a quote that was never closed. */
  final boolean[] unclosedQuote;
  private final int[] pendingDecode;
  /**
   * How many leading fields are cut out; the rest of a record is skipped with a quote-aware scan.
   * {@code width} unless {@link #cutOnlyLeadingFields} lowered it.
   */
  private int cutFields;

  /**
   * Rows per chunk for records of {@code width} fields: {@link Batch#DEFAULT_ROWS}, fewer for very
   * wide records so that the field position arrays stay near a million entries.
   */
  static int rowsPerChunk(int width) {
    return Math.max(16, Math.min(Batch.DEFAULT_ROWS, (1 << 20) / Math.max(1, width)));
  }

  CsvRecordReader(FileSplit split, CsvOptions options, int width, int maxRows, boolean skipHeader, int bufferBytes) {
    this.path = Path.of(split.path()).toAbsolutePath().toString();
    this.splitEnd = split.start() + split.length();
    CsvDialect.validate(options);
    this.delimiter = CsvDialect.asciiByte(options.delimiter(), "delimiter");
    this.quote = CsvDialect.asciiByte(options.quote(), "quote");
    this.escape = CsvDialect.asciiByte(options.escape(), "escape");
    this.escapeIsQuote = quote == escape;
    this.width = width;
    this.maxRows = maxRows;
    this.headerPending = skipHeader && split.start() == 0;
    this.buffer = new byte[Math.max(bufferBytes, 16)];
    this.fieldStarts = new int[width * maxRows];
    this.fieldEnds = new int[width * maxRows];
    this.fieldCounts = new int[maxRows];
    this.rowOffsets = new long[maxRows];
    this.unclosedQuote = new boolean[maxRows];
    this.pendingDecode = new int[width];
    this.cutFields = width;
    try {
      channel = FileChannel.open(Path.of(split.path()), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new InputPathNotFoundException(path);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open CSV file " + path + ": " + e.getMessage(), e);
    }
    try {
      if (split.length() == 0) {
        finished = true;
      } else if (split.start() == 0) {
        fill();
        if (limit >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB && buffer[2] == (byte) 0xBF) {
          position = 3;
        }
      } else {
        channel.position(split.start() - 1);
        bufferOffset = split.start() - 1;
        skipToLineStart();
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("Cannot read CSV file " + path + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }


  /**
   * Cuts out only the first {@code count} fields of each record and skips the rest of it, for a
   * caller that needs no more (PERMISSIVE scans, where field counts do not matter). A record with a
   * longer tail then reports {@code count} fields; record boundaries, unclosed quotes and the
   * values of the kept fields are as before.
   */
  void cutOnlyLeadingFields(int count) {
    if (count < 1 || count > width) {
      throw new IllegalArgumentException("leading field count " + count + " is not in [1, " + width + "]");
    }
    cutFields = count;
  }

  /** Positions on the first line start at or after the split start; the buffer starts one byte before it. */
  private void skipToLineStart() throws IOException {
    fill();
    if (limit > 0 && buffer[0] == '\n') {
      position = 1;
      return;
    }
    while (true) {
      for (int i = position; i < limit; i++) {
        if (buffer[i] == '\n') {
          position = i + 1;
          return;
        }
      }
      position = limit;
      if (endOfFile) {
        finished = true;
        return;
      }
      fill();
    }
  }

  /**
   * Moves the unread bytes to the buffer's start (growing it when it is full) and reads more.
   * Invalidates the current chunk's field positions.
   */
  private void fill() throws IOException {
    if (position > 0) {
      System.arraycopy(buffer, position, buffer, 0, limit - position);
      bufferOffset += position;
      limit -= position;
      position = 0;
    }
    if (limit == buffer.length) {
      if (buffer.length == MAX_BUFFER_BYTES) {
        throw new IllegalStateException("CSV record in " + path + " at byte " + bufferOffset + " is longer than 2 GB");
      }
      buffer = Arrays.copyOf(buffer, (int) Math.min(MAX_BUFFER_BYTES, buffer.length * 2L));
    }
    ByteBuffer target = ByteBuffer.wrap(buffer, limit, buffer.length - limit);
    while (target.hasRemaining()) {
      int read = channel.read(target);
      if (read < 0) {
        endOfFile = true;
        break;
      }
    }
    limit = target.position();
  }

  /**
   * Cuts the next records of the split into fields: up to {@code maxRows}, fewer when the buffer
   * ends mid-record. Returns the row count, 0 once the split is done.
   */
  int readChunk() {
    rowCount = 0;
    if (finished || closed) {
      return 0;
    }
    try {
      while (rowCount < maxRows) {
        if (position >= limit) {
          if (endOfFile) {
            finished = true;
            break;
          }
          if (rowCount > 0) {
            break;
          }
          fill();
          continue;
        }
        if (bufferOffset + position >= splitEnd) {
          finished = true;
          break;
        }
        int blankEnd = blankLineEnd();
        if (blankEnd >= 0) {
          position = blankEnd;
          continue;
        }
        int next = blankEnd == INCOMPLETE ? INCOMPLETE : tokenize(rowCount);
        if (next == INCOMPLETE) {
          if (rowCount > 0) {
            break;
          }
          fill();
          continue;
        }
        position = next;
        if (headerPending) {
          headerPending = false;
        } else {
          rowCount++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read CSV file " + path + ": " + e.getMessage(), e);
    }
    return rowCount;
  }

  /** The position after a blank line starting at {@link #position}, {@link #NOT_BLANK}, or {@link #INCOMPLETE}. */
  private int blankLineEnd() {
    for (int p = position; p < limit; p++) {
      byte c = buffer[p];
      if (c == '\n') {
        return p + 1;
      }
      if (c < 0 || c > ' ') {
        return NOT_BLANK;
      }
    }
    return endOfFile ? limit : INCOMPLETE;
  }

  /**
   * Cuts the record at {@link #position} into row {@code row}; returns the position after it, or
   * {@link #INCOMPLETE} when the buffer ends first (nothing has been changed then).
   */
  private int tokenize(int row) {
    final byte[] bytes = buffer;
    final int end = limit;
    final boolean atEndOfFile = endOfFile;
    final int base = row * width;
    int p = position;
    int field = 0;
    int pending = 0;
    boolean unclosed = false;
    while (true) {
      int fieldStart = p;
      int contentStart;
      int contentEnd;
      boolean decode = false;
      if (p < end && bytes[p] == quote) {
        p++;
        while (true) {
          if (p >= end) {
            if (!atEndOfFile) {
              return INCOMPLETE;
            }
            unclosed = true;
            break;
          }
          byte c = bytes[p];
          if (c == quote) {
            if (p + 1 >= end && !atEndOfFile) {
              return INCOMPLETE;
            }
            if (p + 1 < end && bytes[p + 1] == quote) {
              decode = true;
              p += 2;
              continue;
            }
            p++;
            break;
          }
          if (c == escape && !escapeIsQuote) {
            if (p + 1 >= end && !atEndOfFile) {
              return INCOMPLETE;
            }
            if (p + 1 < end && (bytes[p + 1] == quote || bytes[p + 1] == escape)) {
              decode = true;
              p += 2;
              continue;
            }
          }
          p++;
        }
        if (unclosed) {
          decode = true;
          contentStart = fieldStart;
          contentEnd = end;
        } else {
          int afterQuote = p;
          while (p < end && bytes[p] != delimiter && bytes[p] != '\n') {
            p++;
          }
          if (p >= end && !atEndOfFile) {
            return INCOMPLETE;
          }
          int rawEnd = p;
          if ((p >= end || bytes[p] == '\n') && rawEnd > afterQuote && bytes[rawEnd - 1] == '\r') {
            rawEnd--;
          }
          if (rawEnd > afterQuote) {
            decode = true;
          }
          if (decode) {
            contentStart = fieldStart;
            contentEnd = rawEnd;
          } else {
            contentStart = fieldStart + 1;
            contentEnd = afterQuote - 1;
          }
        }
      } else {
        while (p < end) {
          byte c = bytes[p];
          if (c == delimiter || c == '\n') {
            break;
          }
          p++;
        }
        if (p >= end && !atEndOfFile) {
          return INCOMPLETE;
        }
        contentStart = fieldStart;
        contentEnd = p;
        if ((p >= end || bytes[p] == '\n') && contentEnd > contentStart && bytes[contentEnd - 1] == '\r') {
          contentEnd--;
        }
      }
      if (field < width) {
        fieldStarts[base + field] = contentStart;
        fieldEnds[base + field] = contentEnd;
        if (decode) {
          pendingDecode[pending++] = field;
        }
      }
      field++;
      if (p < end && bytes[p] == delimiter) {
        p++;
        if (field == cutFields && field < width) {
          p = skipRecordTail(bytes, p, end, atEndOfFile);
          if (p == INCOMPLETE) {
            return INCOMPLETE;
          }
          if (p == UNCLOSED) {
            unclosed = true;
            p = end;
          }
          break;
        }
        continue;
      }
      if (p < end) {
        p++;
      }
      break;
    }
    // The record is complete: only now may quoted fields be rewritten in place.
    for (int i = 0; i < pending; i++) {
      int index = base + pendingDecode[i];
      fieldEnds[index] = decodeQuoted(bytes, fieldStarts[index], fieldEnds[index]);
    }
    fieldCounts[row] = field;
    rowOffsets[row] = bufferOffset + position;
    unclosedQuote[row] = unclosed;
    return p;
  }

  /**
   * Skips the fields of a record from {@code p} (a field start) to the record's end, with the
   * tokenizer's quoting rules: a field is quoted only when it begins with the quote, and inside it
   * doubled or escaped quotes, delimiters and newlines are data. Returns the position after the
   * record's newline (or the end at the end of the file), {@link #INCOMPLETE} when the buffer ends
   * first, or {@link #UNCLOSED} when a quote is never closed (the record then takes the rest of the file).
   */
  private int skipRecordTail(byte[] bytes, int p, int end, boolean atEndOfFile) {
    final byte delimiterByte = delimiter;
    final byte quoteByte = quote;
    // Fast path: when no quote comes before the next newline, no field of the tail is quoted and
    // the record ends at that newline. Eight bytes at a time: a zero byte in x ^ broadcast(b) is a
    // b; the lowest flagged byte of the classic has-zero test is always exact.
    final long quotes = ONES * (quoteByte & 0xFF);
    int scan = p;
    while (scan + 8 <= end) {
      long word = (long) LONGS.get(bytes, scan);
      long newlineBits = word ^ NEWLINES;
      long quoteBits = word ^ quotes;
      long found = ((newlineBits - ONES) & ~newlineBits | (quoteBits - ONES) & ~quoteBits) & HIGHS;
      if (found != 0) {
        scan += Long.numberOfTrailingZeros(found) >>> 3;
        break;
      }
      scan += 8;
    }
    while (scan < end && bytes[scan] != '\n' && bytes[scan] != quoteByte) {
      scan++;
    }
    if (scan < end && bytes[scan] == '\n') {
      return scan + 1;
    }
    while (true) {
      if (p < end && bytes[p] == quoteByte) {
        p++;
        while (true) {
          if (p >= end) {
            return atEndOfFile ? UNCLOSED : INCOMPLETE;
          }
          byte c = bytes[p];
          if (c == quoteByte) {
            if (p + 1 >= end && !atEndOfFile) {
              return INCOMPLETE;
            }
            if (p + 1 < end && bytes[p + 1] == quoteByte) {
              p += 2;
              continue;
            }
            p++;
            break;
          }
          if (c == escape && !escapeIsQuote) {
            if (p + 1 >= end && !atEndOfFile) {
              return INCOMPLETE;
            }
            if (p + 1 < end && (bytes[p + 1] == quoteByte || bytes[p + 1] == escape)) {
              p += 2;
              continue;
            }
          }
          p++;
        }
      }
      // Unquoted bytes (or those after a closing quote) up to the newline; a quote matters only
      // right after a delimiter, where it opens a quoted field.
      while (p < end) {
        byte c = bytes[p];
        if (c == '\n') {
          return p + 1;
        }
        p++;
        if (c == delimiterByte && p < end && bytes[p] == quoteByte) {
          break;
        }
      }
      if (p >= end) {
        return atEndOfFile ? end : INCOMPLETE;
      }
    }
  }

  /**
   * Rewrites the quoted field {@code bytes[start, end)} (starting with its opening quote) as its
   * value, in place from {@code start}; returns the value's end. The value is never longer.
   */
  private int decodeQuoted(byte[] bytes, int start, int end) {
    int write = start;
    int read = start + 1;
    while (read < end) {
      byte c = bytes[read];
      if (c == quote) {
        if (read + 1 < end && bytes[read + 1] == quote) {
          bytes[write++] = quote;
          read += 2;
          continue;
        }
        read++;
        break;
      }
      if (c == escape && !escapeIsQuote && read + 1 < end && (bytes[read + 1] == quote || bytes[read + 1] == escape)) {
        bytes[write++] = bytes[read + 1];
        read += 2;
        continue;
      }
      bytes[write++] = c;
      read++;
    }
    while (read < end) {
      bytes[write++] = bytes[read++];
    }
    return write;
  }

  /** The 1-based number of the line holding file offset {@code offset}; reads the file again (error paths only). */
  static long lineNumberAt(String path, long offset) {
    try (FileChannel file = FileChannel.open(Path.of(path), StandardOpenOption.READ)) {
      ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
      long line = 1;
      long remaining = offset;
      while (remaining > 0) {
        chunk.clear();
        if (remaining < chunk.capacity()) {
          chunk.limit((int) remaining);
        }
        int read = file.read(chunk);
        if (read < 0) {
          break;
        }
        byte[] bytes = chunk.array();
        for (int i = 0; i < read; i++) {
          if (bytes[i] == '\n') {
            line++;
          }
        }
        remaining -= read;
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read CSV file " + path + " to find the line of byte " + offset + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot close CSV file " + path + ": " + e.getMessage(), e);
    }
  }
}
