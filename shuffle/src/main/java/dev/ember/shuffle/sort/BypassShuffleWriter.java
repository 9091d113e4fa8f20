package dev.ember.shuffle.sort;

import dev.ember.core.memory.MemoryConsumer;
import dev.ember.core.memory.TaskMemory;
import dev.ember.core.vector.BatchSizes;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.shuffle.ShuffleWriter;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.vector.Batch;
import dev.ember.shuffle.partition.BatchSplitter;
import dev.ember.shuffle.partition.Partitioners;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Spark's bypass-merge path for few reducers (and no map-side combine, which Ember never does in
 * the writer: partial aggregation runs inside the task): one part file per reducer, each fed by a
 * small per-reducer buffer of pieces that is flushed as one block once it holds
 * {@link BlockWriter#TARGET_ROWS} rows, or when memory is short. Commit concatenates the part
 * files, in reducer order, into the data file and writes the index; both are renamed at once.
 *
 * <p>Until the blocks add up to more than {@link DiskShuffleSettings#inMemoryOutputBytes()} (or
 * memory runs short) they go to per-reducer byte arrays instead of part files, so that a small map
 * output is published in memory and creates no file; past the threshold the arrays are written to
 * part files and the writer goes on as above.
 *
 * <p>Owned by the task thread; the memory manager may call {@link #spill(long)} on that thread.
 */
final class BypassShuffleWriter implements ShuffleWriter, MemoryConsumer {
  private final MapOutputCommitter committer;
  private final ShuffleDependency dependency;
  private final int mapId;
  private final TaskMetrics metrics;
  private final TaskMemory memory;
  private final BatchSplitter splitter;
  private final BlockWriter blocks;
  private final List<List<Batch>> pending;
  private final long[] pendingRows;
  private final long[] pendingBytes;
  private final long[] records;
  private final long[] lengths;
  private final Path[] partFiles;
  private final FileChannel[] partChannels;
  private final OutputStream[] partStreams;
  private final long inMemoryOutputBytes;
  /** Per reducer, its blocks while the output is still small; null entries have none. */
  private final ByteArrayOutputStream[] memoryParts;
  private long memoryBytes;
  private boolean inMemory;
  private long reservedBytes;
  private boolean flushing;
  private boolean committed;
  private boolean closed;

  BypassShuffleWriter(MapOutputCommitter committer, ShuffleDependency dependency, int mapId, TaskMetrics metrics,
      TaskMemory memory, DiskShuffleSettings settings) {
    this.committer = committer;
    this.dependency = dependency;
    this.mapId = mapId;
    this.metrics = metrics;
    this.memory = memory;
    this.splitter = new BatchSplitter(Partitioners.forMapTask(dependency, mapId));
    this.blocks = new BlockWriter(settings.compress());
    int reducers = dependency.reducePartitionCount();
    this.pending = new ArrayList<>(reducers);
    for (int i = 0; i < reducers; i++) {
      pending.add(new ArrayList<>());
    }
    this.pendingRows = new long[reducers];
    this.pendingBytes = new long[reducers];
    this.records = new long[reducers];
    this.lengths = new long[reducers];
    this.partFiles = new Path[reducers];
    this.partChannels = new FileChannel[reducers];
    this.partStreams = new OutputStream[reducers];
    this.inMemoryOutputBytes = settings.inMemoryOutputBytes();
    this.memoryParts = new ByteArrayOutputStream[reducers];
    this.inMemory = inMemoryOutputBytes > 0;
  }

  @Override
  public String name() {
    return "BypassShuffleWriter(shuffle " + dependency.shuffleId() + ", map " + mapId + ")";
  }

  @Override
  public void write(Batch batch) {
    checkWritable();
    if (batch.columnCount() != dependency.schema().size()) {
      throw new IllegalArgumentException("shuffle " + dependency.shuffleId() + " expects " + dependency.schema().size()
          + " columns, got a batch of " + batch.columnCount());
    }
    if (batch.rowCount() == 0) {
      return;
    }
    Batch[] pieces = splitter.split(batch);
    for (int reducer = 0; reducer < pieces.length; reducer++) {
      Batch piece = pieces[reducer];
      if (piece == null) {
        continue;
      }
      long bytes = BatchSizes.estimateBytes(piece);
      long granted = memory.reserve(bytes, this);
      if (granted < bytes) {
        if (granted > 0) {
          memory.release(granted, this);
        }
        moveToFiles();
        flushAll();
        granted = memory.reserve(bytes, this);
        if (granted < bytes) {
          // Memory is that short: the piece goes straight to its file.
          if (granted > 0) {
            memory.release(granted, this);
          }
          granted = 0;
        }
      }
      reservedBytes += granted;
      pending.get(reducer).add(piece);
      pendingRows[reducer] += piece.rowCount();
      pendingBytes[reducer] += granted;
      records[reducer] += piece.rowCount();
      if (granted == 0 || pendingRows[reducer] >= BlockWriter.TARGET_ROWS) {
        flush(reducer);
      }
    }
  }

  @Override
  public long spill(long bytes) {
    if (flushing || committed || closed) {
      return 0;
    }
    long before = reservedBytes;
    moveToFiles();
    flushAll();
    return before - reservedBytes;
  }

  private void flushAll() {
    for (int reducer = 0; reducer < pending.size(); reducer++) {
      flush(reducer);
    }
  }

  /** Appends the reducer's pending pieces to its part file as blocks and gives back their memory. */
  private void flush(int reducer) {
    List<Batch> pieces = pending.get(reducer);
    if (pieces.isEmpty()) {
      return;
    }
    flushing = true;
    try {
      if (inMemory) {
        if (memoryParts[reducer] == null) {
          memoryParts[reducer] = new ByteArrayOutputStream();
        }
        long written = blocks.write(pieces, memoryParts[reducer]);
        lengths[reducer] += written;
        memoryBytes += written;
        if (memoryBytes > inMemoryOutputBytes) {
          moveToFiles();
        }
      } else {
        if (partStreams[reducer] == null) {
          openPart(reducer);
        }
        lengths[reducer] += blocks.write(pieces, partStreams[reducer]);
      }
    } catch (IOException e) {
      throw MapOutputCommitter.failure("write a part file", dependency.shuffleId(), mapId, e);
    } finally {
      flushing = false;
    }
    pieces.clear();
    pendingRows[reducer] = 0;
    if (pendingBytes[reducer] > 0) {
      memory.release(pendingBytes[reducer], this);
      reservedBytes -= pendingBytes[reducer];
      pendingBytes[reducer] = 0;
    }
  }

  /** Leaves the in-memory mode: the blocks so far go to part files, and so do all later ones. */
  private void moveToFiles() {
    if (!inMemory) {
      return;
    }
    inMemory = false;
    try {
      for (int reducer = 0; reducer < memoryParts.length; reducer++) {
        if (memoryParts[reducer] != null && memoryParts[reducer].size() > 0) {
          openPart(reducer);
          memoryParts[reducer].writeTo(partStreams[reducer]);
        }
        memoryParts[reducer] = null;
      }
    } catch (IOException e) {
      throw MapOutputCommitter.failure("write a part file", dependency.shuffleId(), mapId, e);
    }
    memoryBytes = 0;
  }

  private void openPart(int reducer) throws IOException {
    partFiles[reducer] = committer.temporaryFile(dependency.shuffleId(),
        "part_" + dependency.shuffleId() + "_" + mapId + "_" + reducer);
    partChannels[reducer] = FileChannel.open(partFiles[reducer], StandardOpenOption.WRITE);
    partStreams[reducer] = ShuffleFiles.bufferedStream(partChannels[reducer]);
  }

  @Override
  public MapStatus commit() {
    checkWritable();
    int shuffleId = dependency.shuffleId();
    Path data = null;
    Path index = null;
    try {
      flushAll();
      if (inMemory) {
        byte[][] partitions = new byte[memoryParts.length][];
        for (int reducer = 0; reducer < memoryParts.length; reducer++) {
          partitions[reducer] = memoryParts[reducer] == null ? new byte[0] : memoryParts[reducer].toByteArray();
        }
        MapStatus status = committer.commitInMemory(shuffleId, mapId, partitions, records.clone());
        committed = true;
        MapOutputCommitter.addWrite(metrics, lengths, records);
        return status;
      }
      closeParts();
      data = committer.temporaryFile(shuffleId, ShuffleFiles.dataName(shuffleId, mapId));
      try (FileChannel channel = FileChannel.open(data, StandardOpenOption.WRITE)) {
        for (int reducer = 0; reducer < partFiles.length; reducer++) {
          if (partFiles[reducer] != null) {
            try (FileChannel part = FileChannel.open(partFiles[reducer], StandardOpenOption.READ)) {
              if (part.size() != lengths[reducer]) {
                throw new IOException("part file " + partFiles[reducer] + " has " + part.size() + " bytes, expected "
                    + lengths[reducer]);
              }
              ShuffleFiles.transfer(part, 0, lengths[reducer], channel);
            }
          }
        }
      }
      index = committer.temporaryFile(shuffleId, ShuffleFiles.indexName(shuffleId, mapId));
      ShuffleFiles.writeIndex(index, lengths);
      MapStatus status = committer.commit(shuffleId, mapId, data, index, lengths.clone(), records.clone());
      committed = true;
      MapOutputCommitter.addWrite(metrics, lengths, records);
      return status;
    } catch (IOException e) {
      throw MapOutputCommitter.failure("write the map output", shuffleId, mapId, e);
    } finally {
      if (!committed) {
        ShuffleFiles.deleteQuietly(data);
        ShuffleFiles.deleteQuietly(index);
      }
      cleanUp();
    }
  }

  private void closeParts() throws IOException {
    IOException failure = null;
    for (int reducer = 0; reducer < partStreams.length; reducer++) {
      if (partStreams[reducer] != null) {
        try {
          partStreams[reducer].close();
        } catch (IOException e) {
          failure = failure == null ? e : failure;
        }
        partStreams[reducer] = null;
        partChannels[reducer] = null;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private void checkWritable() {
    if (committed || closed) {
      throw new IllegalStateException("map " + mapId + " of shuffle " + dependency.shuffleId() + " is already "
          + (committed ? "committed" : "closed"));
    }
  }

  private void cleanUp() {
    try {
      closeParts();
    } catch (IOException e) {
      // The part files are deleted next; a close error changes nothing.
    }
    for (int reducer = 0; reducer < partFiles.length; reducer++) {
      ShuffleFiles.deleteQuietly(partFiles[reducer]);
      partFiles[reducer] = null;
      memoryParts[reducer] = null;
      pending.get(reducer).clear();
      pendingBytes[reducer] = 0;
    }
    if (reservedBytes > 0) {
      memory.release(reservedBytes, this);
      reservedBytes = 0;
    }
  }

  /** Without a commit, drops pending pieces and deletes the part files: a failed attempt leaves nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    cleanUp();
  }
}
