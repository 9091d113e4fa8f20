package dev.ember.core.memory;

import dev.ember.core.codec.CorruptBlockException;
import dev.ember.core.codec.FrameCodec;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * Reads back the batches of a {@link SpillFile} in order, one frame at a time; deletes the file at
 * the end and on close. A file shorter than its recorded length fails with an
 * {@link UncheckedIOException} naming the file; damaged bytes with a {@link CorruptBlockException}
 * naming the file.
 */
public final class SpillReader implements AutoCloseable {
  private final SpillFile file;
  private final List<ColumnType> types;
  private final InputStream input;
  private final FrameCodec frames = new FrameCodec(false);
  private final byte[] header = new byte[FrameCodec.HEADER_BYTES];
  private byte[] payload = new byte[0];
  private long position;
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
      this.input = new BufferedInputStream(Files.newInputStream(file.path()), 64 * 1024);
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
    if (position >= file.bytes()) {
      close();
      return null;
    }
    try {
      readFully(header, FrameCodec.HEADER_BYTES);
      FrameCodec.Header frame = FrameCodec.parseHeader(header, 0);
      long left = file.bytes() - position - FrameCodec.HEADER_BYTES;
      if (frame.storedLength() > left) {
        throw new CorruptBlockException("a frame of " + frame.storedLength() + " bytes at offset " + position
            + " runs past the file's recorded end (" + left + " bytes left)");
      }
      if (payload.length < frame.storedLength()) {
        payload = new byte[frame.storedLength()];
      }
      readFully(payload, frame.storedLength());
      Batch batch = frames.decode(frame, payload, 0);
      checkTypes(batch);
      position += FrameCodec.HEADER_BYTES + (long) frame.storedLength();
      return batch;
    } catch (CorruptBlockException e) {
      close();
      throw new CorruptBlockException("spill file " + file.path() + " is damaged at offset " + position + ": "
          + e.getMessage(), e);
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot read spill file " + file.path() + ": " + e.getMessage(), e);
    }
  }

  private void readFully(byte[] target, int length) throws IOException {
    int read = input.readNBytes(target, 0, length);
    if (read != length) {
      close();
      throw new UncheckedIOException("spill file " + file.path() + " ends early: it was truncated or overwritten ("
          + file.bytes() + " bytes were written)", new EOFException("read " + read + " of " + length + " bytes"));
    }
  }

  private void checkTypes(Batch batch) {
    if (batch.columnCount() != types.size()) {
      throw new CorruptBlockException("a batch of " + batch.columnCount() + " columns in a file of " + types.size());
    }
    for (int i = 0; i < types.size(); i++) {
      if (!batch.type(i).equals(types.get(i))) {
        throw new CorruptBlockException("column " + i + " is " + batch.type(i) + " in a file of " + types.get(i));
      }
    }
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
