package dev.ember.shuffle.sort;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * File names and small file helpers of the disk shuffle. A map output is Spark's pair
 * {@code shuffle_<shuffle>_<map>_0.data} (the partitions' frames one after another, in partition
 * order) and {@code shuffle_<shuffle>_<map>_0.index} ({@code reducers + 1} big-endian longs: the
 * offset where each partition starts, then the data file's length).
 */
final class ShuffleFiles {
  private ShuffleFiles() {}

  static String dataName(int shuffleId, int mapId) {
    return "shuffle_" + shuffleId + "_" + mapId + "_0.data";
  }

  static String indexName(int shuffleId, int mapId) {
    return "shuffle_" + shuffleId + "_" + mapId + "_0.index";
  }

  /** Writes the index of partitions with these lengths into the (existing) file. */
  static void writeIndex(Path path, long[] partitionLengths) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
        Files.newOutputStream(path, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)))) {
      long offset = 0;
      out.writeLong(offset);
      for (long length : partitionLengths) {
        offset += length;
        out.writeLong(offset);
      }
    }
  }

  /** Copies {@code count} bytes from {@code source} at {@code position} to the end of {@code target}. */
  static void transfer(FileChannel source, long position, long count, WritableByteChannel target) throws IOException {
    long done = 0;
    while (done < count) {
      long moved = source.transferTo(position + done, count - done, target);
      if (moved <= 0) {
        throw new IOException("copied only " + done + " of " + count + " bytes: the source file is shorter");
      }
      done += moved;
    }
  }

  /** Reads exactly {@code buffer.remaining()} bytes at {@code position}, or fails naming what is missing. */
  static void readFully(FileChannel channel, long position, ByteBuffer buffer) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new IOException("unexpected end of file at offset " + at + ", " + buffer.remaining() + " bytes missing");
      }
      at += read;
    }
  }

  static void deleteQuietly(Path path) {
    if (path == null) {
      return;
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Left for the directory clean-up of removeShuffle or close.
    }
  }

  /** An output stream on a channel that the caller keeps using for transfers (flushed before each). */
  static OutputStream bufferedStream(FileChannel channel) {
    return new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16);
  }
}
