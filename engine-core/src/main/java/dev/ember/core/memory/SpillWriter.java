package dev.ember.core.memory;

import dev.ember.core.codec.BatchEncoder;
import dev.ember.core.codec.ByteArrayOutput;
import dev.ember.core.codec.FrameCodec;
import dev.ember.core.types.ColumnType;
import dev.ember.core.vector.Batch;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes batches of fixed column types to a new spill file, read back by {@link SpillReader}: one
 * frame per batch ({@link FrameCodec}: LZ4-compressed, as Spark compresses spills by default, and
 * checksummed) holding the batch in the one columnar encoding ({@link BatchEncoder}). The file
 * has no end marker: the {@link SpillFile} records its length. On failure the file is deleted.
 */
public final class SpillWriter implements AutoCloseable {
  private final Path path;
  private final List<ColumnType> types;
  private final CountingStream counter;
  private final OutputStream output;
  private final ByteArrayOutput block = new ByteArrayOutput(64 * 1024);
  private final FrameCodec frames = new FrameCodec(true);
  private long rows;
  private boolean finished;

  private SpillWriter(Path path, List<ColumnType> types) throws IOException {
    this.path = path;
    this.types = List.copyOf(types);
    this.counter = new CountingStream(Files.newOutputStream(path));
    this.output = new BufferedOutputStream(counter, 64 * 1024);
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
      block.reset();
      BatchEncoder.encode(batch, block);
      frames.writeFrame(block, output);
      rows += count;
    } catch (IOException e) {
      abort();
      throw new UncheckedIOException("cannot write spill file " + path + ": " + e.getMessage(), e);
    }
  }

  /** Ends the file and returns it for reading; the writer is closed. */
  public SpillFile finish() {
    if (finished) {
      throw new IllegalStateException("spill file " + path + " is already finished");
    }
    try {
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
