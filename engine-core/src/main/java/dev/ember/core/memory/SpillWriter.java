package dev.ember.core.memory;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes batches of fixed column types to a new spill file, in a compact columnar layout read back
 * by {@link SpillReader}. Per batch: the row count (int; -1 ends the file), then per column a null
 * flag byte, the validity as packed bits when some row is null, and the values of the first
 * rowCount slots: booleans one byte each, ints, longs and doubles as big-endian primitives copied
 * through a {@link ByteBuffer} view in one call per column, strings as a UTF-8 length (int) and
 * bytes. On failure the file is deleted.
 */
public final class SpillWriter implements AutoCloseable {
  private final Path path;
  private final List<ColumnType> types;
  private final CountingStream counter;
  private final DataOutputStream output;
  private ByteBuffer scratch = ByteBuffer.allocate(8 * 1024);
  private long rows;
  private boolean finished;

  private SpillWriter(Path path, List<ColumnType> types) throws IOException {
    this.path = path;
    this.types = List.copyOf(types);
    this.counter = new CountingStream(Files.newOutputStream(path));
    this.output = new DataOutputStream(new BufferedOutputStream(counter, 64 * 1024));
  }

  /** A writer of a new file {@code spill-*.bin} in {@code directory} (created if missing). */
  public static SpillWriter create(Path directory, List<ColumnType> types) {
    try {
      Files.createDirectories(directory);
      Path file = Files.createTempFile(directory, "spill-", ".bin");
      return new SpillWriter(file, types);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a spill file in " + directory + ": " + e.getMessage(), e);
    }
  }

  public Path path() {
    return path;
  }

  public long rows() {
    return rows;
  }

  public void write(Batch batch) {
    if (batch.columnCount() != types.size()) {
      throw new IllegalArgumentException("spill file " + path + " holds " + types.size() + " columns, got a batch of "
          + batch.columnCount());
    }
    for (int i = 0; i < types.size(); i++) {
      if (!batch.type(i).equals(types.get(i))) {
        throw new IllegalArgumentException("spill file column " + i + " is " + types.get(i) + ", got " + batch.type(i));
      }
    }
    int count = batch.rowCount();
    if (count == 0) {
      return;
    }
    try {
      output.writeInt(count);
      for (int i = 0; i < types.size(); i++) {
        writeColumn(batch.column(i), count);
      }
      rows += count;
    } catch (IOException e) {
      abort();
      throw new UncheckedIOException("cannot write spill file " + path + ": " + e.getMessage(), e);
    }
  }

  private void writeColumn(ColumnVector column, int count) throws IOException {
    boolean[] nulls = column.nulls;
    boolean anyNull = false;
    if (nulls != null) {
      for (int i = 0; i < count && !anyNull; i++) {
        anyNull = nulls[i];
      }
    }
    output.writeByte(anyNull ? 1 : 0);
    if (anyNull) {
      byte[] bits = new byte[(count + 7) >>> 3];
      for (int i = 0; i < count; i++) {
        if (nulls[i]) {
          bits[i >>> 3] |= (byte) (1 << (i & 7));
        }
      }
      output.write(bits);
    }
    switch (column) {
      case BooleanVector vector -> {
        byte[] bytes = new byte[count];
        for (int i = 0; i < count; i++) {
          bytes[i] = (byte) (vector.values[i] ? 1 : 0);
        }
        output.write(bytes);
      }
      case IntVector vector -> {
        ByteBuffer buffer = scratch(4L * count);
        buffer.asIntBuffer().put(vector.values, 0, count);
        output.write(buffer.array(), 0, 4 * count);
      }
      case LongVector vector -> {
        ByteBuffer buffer = scratch(8L * count);
        buffer.asLongBuffer().put(vector.values, 0, count);
        output.write(buffer.array(), 0, 8 * count);
      }
      case DoubleVector vector -> {
        ByteBuffer buffer = scratch(8L * count);
        buffer.asDoubleBuffer().put(vector.values, 0, count);
        output.write(buffer.array(), 0, 8 * count);
      }
      case StringVector vector -> {
        String[] values = vector.values;
        for (int i = 0; i < count; i++) {
          if (anyNull && nulls[i]) {
            output.writeInt(0);
          } else {
            byte[] utf8 = values[i].getBytes(StandardCharsets.UTF_8);
            output.writeInt(utf8.length);
            output.write(utf8);
          }
        }
      }
    }
  }

  private ByteBuffer scratch(long bytes) {
    if (scratch.capacity() < bytes) {
      scratch = ByteBuffer.allocate((int) Math.max(bytes, scratch.capacity() * 2L));
    }
    scratch.clear();
    return scratch;
  }

  /** Ends the file and returns it for reading; the writer is closed. */
  public SpillFile finish() {
    if (finished) {
      throw new IllegalStateException("spill file " + path + " is already finished");
    }
    try {
      output.writeInt(-1);
      output.close();
      finished = true;
      return new SpillFile(path, types, rows, counter.count);
    } catch (IOException e) {
      abort();
      throw new UncheckedIOException("cannot finish spill file " + path + ": " + e.getMessage(), e);
    }
  }

  /** Bytes written so far (buffered bytes included after {@link #finish()}). */
  public long bytesWritten() {
    return counter.count;
  }

  /** Deletes the file unless it was finished (then the {@link SpillFile} owns it). */
  @Override
  public void close() {
    if (!finished) {
      abort();
    }
  }

  private void abort() {
    finished = true;
    try {
      output.close();
    } catch (IOException ignored) {
      // The file is deleted next; a failed close changes nothing.
    }
    SpillFile.deleteQuietly(path);
  }

  private static final class CountingStream extends OutputStream {
    private final OutputStream target;
    long count;

    CountingStream(OutputStream target) {
      this.target = target;
    }

    @Override
    public void write(int value) throws IOException {
      target.write(value);
      count++;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      target.write(bytes, offset, length);
      count += length;
    }

    @Override
    public void close() throws IOException {
      target.close();
    }
  }
}
