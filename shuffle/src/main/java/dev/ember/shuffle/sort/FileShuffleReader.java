package dev.ember.shuffle.sort;

import dev.ember.core.codec.CorruptBlockException;
import dev.ember.core.codec.FrameCodec;
import dev.ember.core.operator.Operator;
import dev.ember.core.vector.BatchSizes;
import dev.ember.core.shuffle.FetchFailedException;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.vector.Batch;
import dev.ember.shuffle.fetch.BlockFetcher;
import dev.ember.shuffle.fetch.ShuffleBlockId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;

/**
 * One reduce partition of a shuffle: the blocks of the given map outputs in map order, one frame
 * at a time. A local block is found through its map output's index (two longs) and read with
 * positioned reads from the data file, or straight from the manager's memory when the map output
 * is small enough to be kept there, or, when the manager holds the map output as batches
 * (in-process mode), those batches themselves, by reference (read-only); a remote one comes from the {@link BlockFetcher}. A missing
 * file, a short file or a damaged frame fails with a {@link FetchFailedException} naming the
 * shuffle, map and reduce ids. Owned by the task thread.
 */
final class FileShuffleReader implements Operator {
  private final DiskShuffleManager manager;
  private final int shuffleId;
  private final int reducePartition;
  private final List<MapStatus> mapOutputs;
  private final TaskMetrics metrics;
  private final FrameCodec codec = new FrameCodec(false);
  private final ByteBuffer header = ByteBuffer.allocate(FrameCodec.HEADER_BYTES);
  /** Grown to the largest frame read from a file; a reader of held (in-process) outputs never needs it. */
  private byte[] payload = new byte[0];
  private int nextMap;
  private MapStatus current;
  private FileChannel data;
  private Path dataPath;
  private long position;
  private long end;
  private Iterator<Batch> remote;
  /** The held batches of the current map output's block (in-process mode), or null. */
  private Batch[] heldBlock;
  private int heldPosition;
  /** The in-memory block being read (instead of {@link #data}), or null. */
  private byte[] memoryBlock;
  private boolean closed;

  FileShuffleReader(DiskShuffleManager manager, int shuffleId, int reducePartition, List<MapStatus> mapOutputs,
      TaskMetrics metrics) {
    this.manager = manager;
    this.shuffleId = shuffleId;
    this.reducePartition = reducePartition;
    this.mapOutputs = List.copyOf(mapOutputs);
    this.metrics = metrics;
  }

  @Override
  public Batch next() {
    while (!closed) {
      if (remote != null && remote.hasNext()) {
        Batch batch = remote.next();
        metrics.addShuffleRead(batch.rowCount(), BatchSizes.estimateBytes(batch));
        return batch;
      }
      if (heldBlock != null && heldPosition < heldBlock.length) {
        Batch batch = heldBlock[heldPosition++];
        metrics.addShuffleRead(batch.rowCount(), BatchSizes.estimateBytes(batch));
        return batch;
      }
      if (data != null && position < end) {
        return readFrame();
      }
      if (memoryBlock != null && position < end) {
        return readMemoryFrame();
      }
      closeCurrent();
      if (nextMap >= mapOutputs.size()) {
        return null;
      }
      open(mapOutputs.get(nextMap++));
    }
    return null;
  }

  private void open(MapStatus status) {
    current = status;
    if (!status.executorId().equals(manager.executorId())) {
      long[] known = status.blockRecords();
      if (reducePartition < known.length && known[reducePartition] == 0) {
        return;
      }
      List<Batch> fetched = manager.remoteFetcher()
          .fetch(status, new ShuffleBlockId(shuffleId, status.mapId(), reducePartition));
      long bytes = 0;
      for (Batch batch : fetched) {
        bytes += BatchSizes.estimateBytes(batch);
      }
      metrics.addShuffleRemoteRead(bytes);
      remote = fetched.iterator();
      return;
    }
    Batch[][] held = manager.heldOutput(shuffleId, status.mapId());
    if (held != null) {
      if (reducePartition < 0 || reducePartition >= held.length) {
        throw new IllegalArgumentException("reduce partition " + reducePartition + " is outside shuffle " + shuffleId
            + " of " + held.length + " partitions");
      }
      heldBlock = held[reducePartition];
      heldPosition = 0;
      return;
    }
    byte[][] inMemory = manager.inMemoryOutput(shuffleId, status.mapId());
    if (inMemory != null) {
      if (reducePartition < 0 || reducePartition >= inMemory.length) {
        throw new IllegalArgumentException("reduce partition " + reducePartition + " is outside shuffle " + shuffleId
            + " of " + inMemory.length + " partitions");
      }
      memoryBlock = inMemory[reducePartition];
      position = 0;
      end = memoryBlock.length;
      return;
    }
    Path directory = manager.existingShuffleDirectory(shuffleId);
    Path index = directory.resolve(ShuffleFiles.indexName(shuffleId, status.mapId()));
    dataPath = directory.resolve(ShuffleFiles.dataName(shuffleId, status.mapId()));
    try {
      long start;
      try (FileChannel indexChannel = FileChannel.open(index, StandardOpenOption.READ)) {
        long indexSize = indexChannel.size();
        if (indexSize % 8 != 0 || indexSize < 16) {
          throw fetchFailed("index file " + index + " has " + indexSize + " bytes, not a whole index", null);
        }
        long partitions = indexSize / 8 - 1;
        if (reducePartition < 0 || reducePartition >= partitions) {
          throw new IllegalArgumentException("reduce partition " + reducePartition + " is outside shuffle " + shuffleId
              + " of " + partitions + " partitions");
        }
        ByteBuffer offsets = ByteBuffer.allocate(16);
        ShuffleFiles.readFully(indexChannel, 8L * reducePartition, offsets);
        start = offsets.getLong(0);
        end = offsets.getLong(8);
      }
      if (start < 0 || end < start) {
        throw fetchFailed("index file " + index + " has bad offsets " + start + ".." + end, null);
      }
      if (end == start) {
        return;
      }
      data = FileChannel.open(dataPath, StandardOpenOption.READ);
      if (data.size() < end) {
        throw fetchFailed("data file " + dataPath + " has " + data.size() + " bytes but the block ends at " + end, null);
      }
      position = start;
    } catch (NoSuchFileException e) {
      throw fetchFailed("the map output file " + e.getFile() + " is missing (lost or removed)", e);
    } catch (IOException e) {
      throw fetchFailed("cannot read the map output of " + dataPath + ": " + e, e);
    }
  }

  private Batch readFrame() {
    try {
      if (end - position < FrameCodec.HEADER_BYTES) {
        throw new CorruptBlockException("a frame header is cut off at offset " + position);
      }
      header.clear();
      ShuffleFiles.readFully(data, position, header);
      FrameCodec.Header frame = FrameCodec.parseHeader(header.array(), 0);
      long payloadStart = position + FrameCodec.HEADER_BYTES;
      if (frame.storedLength() > end - payloadStart) {
        throw new CorruptBlockException("a frame of " + frame.storedLength() + " bytes at offset " + position
            + " runs past the block's end " + end);
      }
      if (payload.length < frame.storedLength()) {
        payload = new byte[Math.max(frame.storedLength(), 1 << 16)];
      }
      ShuffleFiles.readFully(data, payloadStart, ByteBuffer.wrap(payload, 0, frame.storedLength()));
      Batch batch = codec.decode(frame, payload, 0);
      long frameBytes = FrameCodec.HEADER_BYTES + (long) frame.storedLength();
      position += frameBytes;
      metrics.addShuffleRead(batch.rowCount(), frameBytes);
      return batch;
    } catch (CorruptBlockException e) {
      throw fetchFailed("damaged block in " + dataPath + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw fetchFailed("cannot read " + dataPath + ": " + e, e);
    }
  }

  private Batch readMemoryFrame() {
    try {
      if (end - position < FrameCodec.HEADER_BYTES) {
        throw new CorruptBlockException("a frame header is cut off at offset " + position);
      }
      int at = (int) position;
      FrameCodec.Header frame = FrameCodec.parseHeader(memoryBlock, at);
      if (frame.storedLength() > end - at - FrameCodec.HEADER_BYTES) {
        throw new CorruptBlockException("a frame of " + frame.storedLength() + " bytes at offset " + position
            + " runs past the block's end " + end);
      }
      Batch batch = codec.decode(frame, memoryBlock, at + FrameCodec.HEADER_BYTES);
      long frameBytes = FrameCodec.HEADER_BYTES + (long) frame.storedLength();
      position += frameBytes;
      metrics.addShuffleRead(batch.rowCount(), frameBytes);
      return batch;
    } catch (CorruptBlockException e) {
      throw fetchFailed("damaged in-memory block: " + e.getMessage(), e);
    }
  }

  private FetchFailedException fetchFailed(String reason, Throwable cause) {
    closeCurrent();
    return new FetchFailedException(shuffleId, current.mapId(), reducePartition, reason, cause);
  }

  private void closeCurrent() {
    remote = null;
    heldBlock = null;
    memoryBlock = null;
    if (data != null) {
      try {
        data.close();
      } catch (IOException e) {
        // Read-only: nothing is lost.
      }
      data = null;
    }
    position = 0;
    end = 0;
  }

  @Override
  public void close() {
    closed = true;
    closeCurrent();
  }
}
