package dev.ember.core.io.csv;

import dev.ember.core.io.InputPathNotFoundException;
import dev.ember.core.source.CsvOptions;
import dev.ember.core.source.FileSplit;
import dev.ember.core.vector.Batch;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts the records of one {@link FileSplit} into fields, a chunk of rows at a time, without
 * decoding them: each field is a byte range of {@link #buffer}, valid until the next
 * {@link #readChunk()}. Converting the bytes into values is the caller's job, column by column.
 *
 * <p>Records, as Spark reads them. Lines end with the line separator: by default any of
 * {@code \n}, {@code \r\n} and a lone {@code \r} (Spark's default), else the one {@code lineSep}
 * byte. Without {@code multiLine} (Spark's default) a record is one line: a quote never continues
 * a record past the line's end, so a quote that is not closed on its line makes only that record
 * malformed (its field runs to the line's end). With {@code multiLine} a quoted field may hold
 * line separators, and a quote that is never closed takes the rest of the file; the default
 * separators are then {@code \n} and {@code \r\n} only (a {@code \r} just before {@code \n} is
 * dropped, a lone one is data), as Ember's multi-line reader always read them.
 *
 * <p>Split ownership: a split owns the records that begin in {@code [start, start + length)}. A
 * split with {@code start > 0} begins at the first line start at or after {@code start} (the
 * file start or the byte after a line separator) and the last record it owns is read past the
 * split's end. Without {@code multiLine} every line start is a record start, so any byte is a
 * correct split point; {@code multiLine} files are planned as one split per file
 * ({@link CsvSource#planSplits(List, long, CsvOptions)}).
 *
 * <p>Fields are separated by the one-byte delimiter. A field that begins with the quote character
 * (after blanks, with {@code ignoreLeadingWhiteSpace}) is quoted: delimiters inside are data, a
 * quote is written doubled or preceded by the escape character, and the escape character preceded
 * by itself stands for itself (any other escape is kept as is). Bytes between a closing quote and
 * the next delimiter are appended to the value. The white-space options trim blanks
 * ({@code <= ' '}) outside quotes. Lines that are empty or hold only blanks are skipped, as Spark
 * skips lines whose {@code trim()} is empty, and so are lines starting with the comment character.
 * A UTF-8 byte order mark at the file start is skipped. When the header is to be skipped, it is
 * the file's first record (after blank and comment lines), skipped by whichever split owns it. With an {@code emptyValue}, a
 * quoted empty field is marked {@link #QUOTED_EMPTY} in {@link #fieldStarts} and {@link #fieldEnds}.
 */
final class CsvRecordReader implements AutoCloseable {
  static final int DEFAULT_BUFFER_BYTES = 1 << 20;
  /** The field range of a quoted empty field when the options give an emptyValue. */
  static final int QUOTED_EMPTY = -2;
  private static final int INCOMPLETE = -1;
  private static final int NOT_BLANK = -2;
  /** Reads eight bytes of the buffer as one long, lowest address in the lowest byte. */
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final int MAX_BUFFER_BYTES = Integer.MAX_VALUE - 16;
  /** Bytes below this ({@code \r} + 1) are flagged by one has-less-than test: {@code \n}, {@code \r} and a few control bytes. */
  private static final int CONTROL_LIMIT = '\r' + 1;
  private static final long BELOW_CONTROL_LIMIT = ONES * CONTROL_LIMIT;

  final String path;
  private final FileChannel channel;
  private final long splitEnd;
  private final byte delimiter;
  private final byte quote;
  private final byte escape;
  private final boolean escapeIsQuote;
  /** Line separator bytes: {@code \n} and {@code \r} by default, the lineSep byte twice otherwise. */
  private final byte lineEnd;
  private final byte otherLineEnd;
  /** Whether a lone {@code \r} ends a line too, and {@code \r\n} is one separator (default separators, not multiLine). */
  private final boolean anyLineEnd;
  /**
   * multiLine with the default separators: lines end with {@code \n}, and a {@code \r} just
   * before it (outside quotes) is dropped, so {@code \r\n} files read as {@code \n} files and a
   * lone {@code \r} is data.
   */
  private final boolean dropCarriageReturn;
  private final boolean multiLine;
  private final boolean hasComment;
  private final byte comment;
  private final boolean trimLeading;
  private final boolean trimTrailing;
  private final boolean markQuotedEmpty;
  private final int width;
  private final int maxRows;
  /**
   * The file offset where the header record starts (the first line that is neither blank nor a
   * comment), or -1: the split that owns that record skips it, whichever split it is.
   */
  private final long headerOffset;
  /** Set by {@link #skipRecordTail} when the skipped tail holds a quote that is not closed. */
  private boolean tailUnclosed;

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
  /** Whether each row holds a quote that is not closed (before its line's end, or the file's with multiLine). */
  final boolean[] unclosedQuote;
  /** Each row's undecoded text as {@code rawText[rawStarts[r], rawEnds[r])}, when {@link #keepRawRecords} was called. */
  byte[] rawText;
  int[] rawStarts;
  int[] rawEnds;
  private int rawLength;
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
    this.multiLine = options.multiLine();
    boolean defaultSeparators = options.lineSeparator() == null;
    this.anyLineEnd = defaultSeparators && !multiLine;
    this.dropCarriageReturn = defaultSeparators && multiLine;
    this.lineEnd = defaultSeparators ? (byte) '\n' : CsvDialect.asciiByte(options.lineSeparator().charAt(0), "lineSep");
    this.otherLineEnd = anyLineEnd ? (byte) '\r' : lineEnd;
    this.hasComment = options.comment() != CsvOptions.NO_COMMENT;
    this.comment = hasComment ? CsvDialect.asciiByte(options.comment(), "comment") : 0;
    this.trimLeading = options.ignoreLeadingWhiteSpace();
    this.trimTrailing = options.ignoreTrailingWhiteSpace();
    this.markQuotedEmpty = options.emptyValue() != null;
    this.width = width;
    this.maxRows = maxRows;
    boolean utf8 = options.charset() == StandardCharsets.UTF_8;
    this.headerOffset = skipHeader ? headerOffset(split.path(), utf8) : -1;
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
        if (options.charset() == StandardCharsets.UTF_8
            && limit >= 3 && buffer[0] == (byte) 0xEF && buffer[1] == (byte) 0xBB && buffer[2] == (byte) 0xBF) {
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

  /**
   * The offset of the first line of the file that is neither blank nor a comment (after a UTF-8
   * byte order mark), or -1 when there is none. Read apart from the split, so that the split
   * owning the header knows it even when blank lines before the header cross a split boundary.
   */
  private long headerOffset(String file, boolean utf8) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(Path.of(file)), 1 << 14)) {
      long offset = 0;
      if (utf8) {
        in.mark(3);
        if (in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF) {
          offset = 3;
        } else {
          in.reset();
        }
      }
      long lineStart = offset;
      boolean atLineStart = true;
      boolean commentLine = false;
      int read;
      while ((read = in.read()) >= 0) {
        byte c = (byte) read;
        offset++;
        if (atLineStart) {
          commentLine = hasComment && c == comment;
          atLineStart = false;
        }
        if (isLineEnd(c)) {
          lineStart = offset;
          atLineStart = true;
        } else if (!commentLine && (c < 0 || c > ' ')) {
          return lineStart;
        }
      }
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the header of CSV file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Keeps each record's undecoded text too (for the corrupt-record column), in {@link #rawText}. */
  void keepRawRecords() {
    rawText = new byte[1 << 12];
    rawStarts = new int[maxRows];
    rawEnds = new int[maxRows];
  }

  private boolean isLineEnd(byte c) {
    return c == lineEnd || c == otherLineEnd;
  }

  /** A blank the white-space options trim: {@code <= ' '}, but never the delimiter or a line separator. */
  private boolean isTrimmable(byte c) {
    return c >= 0 && c <= ' ' && c != delimiter && c != lineEnd && c != otherLineEnd;
  }

  /**
   * The position after the line separator at {@code p} (or {@code p} at the end of the file), or
   * {@link #INCOMPLETE} when a {@code \r} ends the buffer and the next byte decides.
   */
  private int afterLineEnd(byte[] bytes, int p, int end, boolean atEndOfFile) {
    if (p >= end) {
      return end;
    }
    if (anyLineEnd && bytes[p] == '\r') {
      if (p + 1 < end) {
        return bytes[p + 1] == '\n' ? p + 2 : p + 1;
      }
      return atEndOfFile ? p + 1 : INCOMPLETE;
    }
    return p + 1;
  }

  /** Positions on the first line start at or after the split start; the buffer starts one byte before it. */
  private void skipToLineStart() throws IOException {
    fill();
    while (true) {
      for (int i = position; i < limit; i++) {
        if (isLineEnd(buffer[i])) {
          int next = afterLineEnd(buffer, i, limit, endOfFile);
          if (next != INCOMPLETE) {
            position = next;
            return;
          }
          position = i;
          break;
        }
        position = i + 1;
      }
      if (endOfFile) {
        position = limit;
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
    rawLength = 0;
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
        int skipEnd = skippedLineEnd();
        if (skipEnd >= 0) {
          position = skipEnd;
          continue;
        }
        long recordStart = bufferOffset + position;
        int next = skipEnd == INCOMPLETE ? INCOMPLETE : tokenize(rowCount);
        if (next == INCOMPLETE) {
          if (rowCount > 0) {
            break;
          }
          fill();
          continue;
        }
        position = next;
        if (recordStart != headerOffset) {
          rowCount++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read CSV file " + path + ": " + e.getMessage(), e);
    }
    return rowCount;
  }

  /**
   * The position after the line at {@link #position} when it is skipped (blank, or a comment),
   * {@link #NOT_BLANK}, or {@link #INCOMPLETE}.
   */
  private int skippedLineEnd() {
    final byte[] bytes = buffer;
    int p = position;
    boolean commentLine = hasComment && bytes[p] == comment;
    for (; p < limit; p++) {
      byte c = bytes[p];
      if (isLineEnd(c)) {
        return afterLineEnd(bytes, p, limit, endOfFile);
      }
      if (!commentLine && (c < 0 || c > ' ')) {
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
      if (trimLeading) {
        while (p < end && isTrimmable(bytes[p])) {
          p++;
        }
        if (p >= end && !atEndOfFile) {
          return INCOMPLETE;
        }
      }
      int fieldStart = p;
      int contentStart;
      int contentEnd;
      boolean decode = false;
      boolean quotedEmpty = false;
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
          if (!multiLine && (c == lineEnd || c == otherLineEnd)) {
            // A record is one line: the open quote ends with it.
            unclosed = true;
            break;
          }
          p++;
        }
        if (unclosed) {
          decode = true;
          contentStart = fieldStart;
          contentEnd = p;
        } else {
          int afterQuote = p;
          while (p < end && bytes[p] != delimiter && bytes[p] != lineEnd && bytes[p] != otherLineEnd) {
            p++;
          }
          if (p >= end && !atEndOfFile) {
            return INCOMPLETE;
          }
          int rawEnd = p;
          if (dropCarriageReturn && rawEnd > afterQuote && bytes[rawEnd - 1] == '\r' && (p >= end || bytes[p] == '\n')) {
            rawEnd--;
          }
          if (trimTrailing) {
            while (rawEnd > afterQuote && isTrimmable(bytes[rawEnd - 1])) {
              rawEnd--;
            }
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
            quotedEmpty = contentStart == contentEnd;
          }
        }
      } else {
        while (p < end) {
          byte c = bytes[p];
          if (c == delimiter || c == lineEnd || c == otherLineEnd) {
            break;
          }
          p++;
        }
        if (p >= end && !atEndOfFile) {
          return INCOMPLETE;
        }
        contentStart = fieldStart;
        contentEnd = p;
        if (dropCarriageReturn && contentEnd > contentStart && bytes[contentEnd - 1] == '\r' && (p >= end || bytes[p] == '\n')) {
          contentEnd--;
        }
        if (trimTrailing) {
          while (contentEnd > contentStart && isTrimmable(bytes[contentEnd - 1])) {
            contentEnd--;
          }
        }
      }
      if (field < width) {
        if (quotedEmpty && markQuotedEmpty) {
          fieldStarts[base + field] = QUOTED_EMPTY;
          fieldEnds[base + field] = QUOTED_EMPTY;
        } else {
          fieldStarts[base + field] = contentStart;
          fieldEnds[base + field] = contentEnd;
          if (decode) {
            pendingDecode[pending++] = field;
          }
        }
      }
      field++;
      if (!unclosed && p < end && bytes[p] == delimiter) {
        p++;
        if (field == cutFields && field < width) {
          p = skipRecordTail(bytes, p, end, atEndOfFile);
          if (p == INCOMPLETE) {
            return INCOMPLETE;
          }
          unclosed = tailUnclosed;
          break;
        }
        continue;
      }
      p = afterLineEnd(bytes, p, end, atEndOfFile);
      if (p == INCOMPLETE) {
        return INCOMPLETE;
      }
      break;
    }
    if (rawText != null) {
      keepRaw(row, bytes, position, p);
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

  /** Copies the record {@code bytes[start, end)} without its line separator into {@link #rawText}. */
  private void keepRaw(int row, byte[] bytes, int start, int end) {
    if (end > start && isLineEnd(bytes[end - 1])) {
      end--;
      if ((anyLineEnd || dropCarriageReturn) && end > start && bytes[end] == '\n' && bytes[end - 1] == '\r') {
        end--;
      }
    }
    int length = end - start;
    if (rawLength + length > rawText.length) {
      rawText = Arrays.copyOf(rawText, Math.max(rawText.length * 2, rawLength + length));
    }
    System.arraycopy(bytes, start, rawText, rawLength, length);
    rawStarts[row] = rawLength;
    rawLength += length;
    rawEnds[row] = rawLength;
  }

  /**
   * The position of the first line separator or quote in {@code bytes[from, end)}, or {@code end}.
   * Eight bytes at a time: a zero byte in x ^ broadcast(b) is a b, and the lowest flagged byte of
   * the classic has-zero (and has-less-than) test is always exact. Two tests per word, as many as
   * the pruned scan's hot loop can afford: with the default separators, one has-less-than-14 test
   * finds both {@code \n} and {@code \r} (a tab or other control byte it also flags is checked and
   * skipped; a tab delimiter would be flagged at every field, so such dialects test the two
   * separators exactly).
   */
  private int firstLineEndOrQuote(byte[] bytes, int from, int end) {
    final byte quoteByte = quote;
    final byte lineEndByte = lineEnd;
    final byte otherLineEndByte = otherLineEnd;
    final long quotes = ONES * (quoteByte & 0xFF);
    final long lineEnds = ONES * (lineEndByte & 0xFF);
    int scan = from;
    if (lineEndByte == otherLineEndByte) {
      while (scan + 8 <= end) {
        long word = (long) LONGS.get(bytes, scan);
        long lineEndBits = word ^ lineEnds;
        long quoteBits = word ^ quotes;
        long found = ((lineEndBits - ONES) & ~lineEndBits | (quoteBits - ONES) & ~quoteBits) & HIGHS;
        if (found != 0) {
          return scan + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        scan += 8;
      }
    } else if (delimiter >= CONTROL_LIMIT && (quoteByte < 0 || quoteByte >= CONTROL_LIMIT)) {
      while (scan + 8 <= end) {
        long word = (long) LONGS.get(bytes, scan);
        long quoteBits = word ^ quotes;
        long found = ((word - BELOW_CONTROL_LIMIT) & ~word | (quoteBits - ONES) & ~quoteBits) & HIGHS;
        if (found == 0) {
          scan += 8;
          continue;
        }
        int at = scan + (Long.numberOfTrailingZeros(found) >>> 3);
        byte c = bytes[at];
        if (c == lineEndByte || c == otherLineEndByte || c == quoteByte) {
          return at;
        }
        scan = at + 1;
      }
    } else {
      final long otherLineEnds = ONES * (otherLineEndByte & 0xFF);
      while (scan + 8 <= end) {
        long word = (long) LONGS.get(bytes, scan);
        long lineEndBits = word ^ lineEnds;
        long otherBits = word ^ otherLineEnds;
        long quoteBits = word ^ quotes;
        long found = ((lineEndBits - ONES) & ~lineEndBits | (otherBits - ONES) & ~otherBits | (quoteBits - ONES) & ~quoteBits) & HIGHS;
        if (found != 0) {
          return scan + (Long.numberOfTrailingZeros(found) >>> 3);
        }
        scan += 8;
      }
    }
    while (scan < end) {
      byte c = bytes[scan];
      if (c == lineEndByte || c == otherLineEndByte || c == quoteByte) {
        return scan;
      }
      scan++;
    }
    return end;
  }

  /**
   * Skips the fields of a record from {@code p} (a field start) to the record's end, with the
   * tokenizer's quoting rules: a field is quoted only when it begins with the quote, and inside it
   * doubled or escaped quotes and delimiters are data (line separators too, with multiLine).
   * Returns the position after the record's line separator (or the end at the end of the file),
   * or {@link #INCOMPLETE} when the buffer ends first; sets {@link #tailUnclosed}.
   */
  private int skipRecordTail(byte[] bytes, int p, int end, boolean atEndOfFile) {
    tailUnclosed = false;
    final byte delimiterByte = delimiter;
    final byte quoteByte = quote;
    int scan = firstLineEndOrQuote(bytes, p, end);
    if (scan < end && bytes[scan] != quoteByte) {
      return afterLineEnd(bytes, scan, end, atEndOfFile);
    }
    while (true) {
      if (trimLeading) {
        while (p < end && isTrimmable(bytes[p])) {
          p++;
        }
      }
      if (p < end && bytes[p] == quoteByte) {
        p++;
        while (true) {
          if (p >= end) {
            if (atEndOfFile) {
              tailUnclosed = true;
              return end;
            }
            return INCOMPLETE;
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
          if (!multiLine && isLineEnd(c)) {
            tailUnclosed = true;
            return afterLineEnd(bytes, p, end, atEndOfFile);
          }
          p++;
        }
      }
      // Unquoted bytes (or those after a closing quote) up to the line's end; a quote matters only
      // at a field's start, where it opens a quoted field.
      boolean nextField = false;
      while (p < end) {
        byte c = bytes[p];
        if (isLineEnd(c)) {
          return afterLineEnd(bytes, p, end, atEndOfFile);
        }
        p++;
        if (c == delimiterByte) {
          nextField = true;
          break;
        }
      }
      if (!nextField) {
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

  /**
   * The 1-based number of the line holding file offset {@code offset}, lines ending as the
   * options say; reads the file again (error paths only).
   */
  static long lineNumberAt(String path, long offset, CsvOptions options) {
    boolean anyLineEnd = options.lineSeparator() == null && !options.multiLine();
    byte separator = options.lineSeparator() == null ? (byte) '\n' : (byte) options.lineSeparator().charAt(0);
    try (FileChannel file = FileChannel.open(Path.of(path), StandardOpenOption.READ)) {
      ByteBuffer chunk = ByteBuffer.allocate(1 << 16);
      long line = 1;
      long remaining = offset;
      boolean afterCarriageReturn = false;
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
          byte c = bytes[i];
          if (c == separator) {
            // \r\n is one line end: its \r was counted already.
            if (!afterCarriageReturn || c != '\n') {
              line++;
            }
          } else if (anyLineEnd && c == '\r') {
            line++;
          }
          afterCarriageReturn = anyLineEnd && c == '\r';
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
