package dev.ember.shuffle.sort;

import dev.ember.core.codec.BatchEncoder;
import dev.ember.core.codec.ByteArrayOutput;
import dev.ember.core.codec.FrameCodec;
import dev.ember.core.vector.Batch;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Turns a partition's buffered pieces into frames: consecutive pieces are grouped into blocks of
 * about {@link #TARGET_ROWS} rows, so that the many small pieces a splitter makes compress and
 * decode as a few full batches. Owned by one writer (one task thread).
 */
final class BlockWriter {
  static final int TARGET_ROWS = 4096;

  private final FrameCodec codec;
  /** Made on the first block: in-process shuffles hand batches over and most writers never encode one. */
  private ByteArrayOutput block;

  BlockWriter(boolean compress) {
    this.codec = new FrameCodec(compress);
  }

  /** Writes the pieces as frames and returns the bytes written. */
  long write(List<Batch> pieces, OutputStream out) throws IOException {
    long written = 0;
    int start = 0;
    int rows = 0;
    for (int i = 0; i < pieces.size(); i++) {
      int pieceRows = pieces.get(i).rowCount();
      if (rows > 0 && rows + pieceRows > TARGET_ROWS) {
        written += writeBlock(pieces, start, i, out);
        start = i;
        rows = 0;
      }
      rows += pieceRows;
    }
    if (start < pieces.size()) {
      written += writeBlock(pieces, start, pieces.size(), out);
    }
    return written;
  }

  private int writeBlock(List<Batch> pieces, int from, int to, OutputStream out) throws IOException {
    if (block == null) {
      block = new ByteArrayOutput(1 << 16);
    }
    block.reset();
    BatchEncoder.encode(pieces, from, to, block);
    return codec.writeFrame(block, out);
  }
}
