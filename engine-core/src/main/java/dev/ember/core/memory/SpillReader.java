package dev.ember.core.memory;

import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.BooleanVector;
import dev.ember.core.vector.ColumnVector;
import dev.ember.core.vector.DoubleVector;
import dev.ember.core.vector.IntVector;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

/** Reads back the batches of a {@link SpillFile} in order; deletes the file at the end and on close. */
public final class SpillReader implements AutoCloseable {
  private final SpillFile file;
  private final List<ColumnType> types;
  private final DataInputStream input;
  private final boolean deleteOnClose;
  private boolean closed;

  SpillReader(SpillFile file) {
    this(file, true);
  }

  /** A reader that deletes the file at the end only when {@code deleteOnClose} (cached blocks are read many times). */
  SpillReader(SpillFile file, boolean deleteOnClose) {
    this.file = file;
    this.deleteOnClose = deleteOnClose;
    this.types = file.types();
    try {
      this.input = new DataInputStream(new BufferedInputStream(Files.newInputStream(file.path()), 64 * 1024));
    } catch (IOException e) {
      if (deleteOnClose) {
        file.delete();
      }
      throw new UncheckedIOException("cannot open spill file " + file.path() + ": " + e.getMessage(), e);
    }
  }

  /** The next batch, or null at the end of the file (then the file is already deleted). */
  public Batch next() {
    if (closed) {
      return null;
    }
    try {
      int count = input.readInt();
      if (count < 0) {
        close();
        return null;
      }
      ColumnVector[] columns = new ColumnVector[types.size()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = readColumn(types.get(i), count);
      }
      return new Batch(columns, count);
    } catch (EOFException e) {
      close();
      throw new UncheckedIOException("spill file " + file.path() + " ends early: it was truncated or overwritten", e);
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot read spill file " + file.path() + ": " + e.getMessage(), e);
    }
  }

  private ColumnVector readColumn(ColumnType type, int count) throws IOException {
    boolean[] nulls = null;
    if (input.readByte() != 0) {
      byte[] bits = new byte[(count + 7) >>> 3];
      input.readFully(bits);
      nulls = new boolean[count];
      for (int i = 0; i < count; i++) {
        nulls[i] = (bits[i >>> 3] & (1 << (i & 7))) != 0;
      }
    }
    return switch (type.kind()) {
      case BOOLEAN -> {
        byte[] bytes = new byte[count];
        input.readFully(bytes);
        boolean[] values = new boolean[count];
        for (int i = 0; i < count; i++) {
          values[i] = bytes[i] != 0;
        }
        yield new BooleanVector(type, values, nulls, count);
      }
      case INT, DATE -> {
        int[] values = new int[count];
        readBuffer(4 * count).asIntBuffer().get(values);
        yield new IntVector(type, values, nulls, count);
      }
      case LONG, TIMESTAMP -> {
        long[] values = new long[count];
        readBuffer(8 * count).asLongBuffer().get(values);
        yield new LongVector(type, values, nulls, count);
      }
      case DOUBLE -> {
        double[] values = new double[count];
        readBuffer(8 * count).asDoubleBuffer().get(values);
        yield new DoubleVector(type, values, nulls, count);
      }
      case STRING -> {
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
          int length = input.readInt();
          if (nulls != null && nulls[i]) {
            continue;
          }
          byte[] utf8 = new byte[length];
          input.readFully(utf8);
          values[i] = new String(utf8, StandardCharsets.UTF_8);
        }
        yield new StringVector(type, values, nulls, count);
      }
      case DECIMAL -> throw new IllegalStateException("spill files cannot hold DECIMAL columns yet");
    };
  }

  private ByteBuffer readBuffer(int bytes) throws IOException {
    byte[] array = new byte[bytes];
    input.readFully(array);
    return ByteBuffer.wrap(array);
  }

  /** Closes and deletes the file (unless it was opened to be kept). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      input.close();
    } catch (IOException ignored) {
      // Deleted next.
    }
    if (deleteOnClose) {
      file.delete();
    }
  }
}
