package dev.ember.shuffle.sort;

import dev.ember.core.memory.MemoryConsumer;
import dev.ember.core.memory.TaskMemory;
import dev.ember.core.vector.BatchSizes;
import dev.ember.core.shuffle.MapStatus;
import dev.ember.core.shuffle.ShuffleDependency;
import dev.ember.core.shuffle.ShuffleWriter;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.ColumnVector;
import dev.ember.shuffle.partition.BatchSplitter;
import dev.ember.shuffle.partition.Partitioners;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The sort-based writer: splits each batch by reduce partition and buffers the pieces per partition
 * (so the buffer is "sorted by partition id" without comparing rows) as long as its memory
 * reservation and the buffer cap allow; otherwise it spills every partition's pieces, in partition
 * order, to a spill file. Commit merges, partition by partition, the spills' byte ranges (copied as
 * they are: frames are self-contained) and the pieces still in memory into one data file plus its
 * index, written under temporary names and renamed at once. A map output that never spilled and
 * encodes to at most {@link DiskShuffleSettings#inMemoryOutputBytes()} is published in memory instead.
 * When its manager holds batches (in-process mode), a map output that never spilled is published as
 * its pieces, compacted per partition into batches of about {@link BlockWriter#TARGET_ROWS} rows, if
 * storage memory can hold it; its execution memory is given back first.
 *
 * <p>Owned by the task thread; the memory manager may call {@link #spill(long)} on that thread.
 */
final class SortShuffleWriter implements ShuffleWriter, MemoryConsumer {
  private final MapOutputCommitter committer;
  private final ShuffleDependency dependency;
  private final int mapId;
  private final TaskMetrics metrics;
  private final TaskMemory memory;
  private final long bufferCap;
  private final long inMemoryOutputBytes;
  private final BatchSplitter splitter;
  private final BlockWriter blocks;
  private final List<List<Batch>> buffered;
  private final long[] records;
  private final List<SpillFile> spills = new ArrayList<>();
  private long bufferedBytes;
  private long reservedBytes;
  private boolean spilling;
  private boolean committed;
  private boolean closed;

  SortShuffleWriter(MapOutputCommitter committer, ShuffleDependency dependency, int mapId, TaskMetrics metrics,
      TaskMemory memory, DiskShuffleSettings settings) {
    this.committer = committer;
    this.dependency = dependency;
    this.mapId = mapId;
    this.metrics = metrics;
    this.memory = memory;
    this.bufferCap = settings.writeBufferBytes();
    this.inMemoryOutputBytes = settings.inMemoryOutputBytes();
    this.splitter = new BatchSplitter(Partitioners.forMapTask(dependency, mapId));
    this.blocks = new BlockWriter(settings.compress());
    int reducers = dependency.reducePartitionCount();
    this.buffered = new ArrayList<>(reducers);
    for (int i = 0; i < reducers; i++) {
      buffered.add(new ArrayList<>());
    }
    this.records = new long[reducers];
  }

  /**
   * Pieces of at least this many rows (a quarter of a full batch) are handed to readers as they
   * are: a reader's per-batch costs are small next to a thousand rows, a copy of them is not.
   */
  static final int KEPT_PIECE_ROWS = BlockWriter.TARGET_ROWS / 4;

  @Override
  public String name() {
    return "SortShuffleWriter(shuffle " + dependency.shuffleId() + ", map " + mapId + ")";
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
    long bytes = BatchSizes.estimateBytes(batch);
    if (bufferedBytes > 0 && bufferedBytes + bytes > bufferCap) {
      spillBuffered();
    }
    if (!reserve(bytes)) {
      spillBuffered();
      if (!reserve(bytes)) {
        // Not even this batch fits: it goes to disk on its own.
        addPieces(pieces);
        bufferedBytes += bytes;
        spillBuffered();
        return;
      }
    }
    addPieces(pieces);
    bufferedBytes += bytes;
  }

  private void addPieces(Batch[] pieces) {
    for (int partition = 0; partition < pieces.length; partition++) {
      Batch piece = pieces[partition];
      if (piece != null) {
        buffered.get(partition).add(piece);
        records[partition] += piece.rowCount();
      }
    }
  }

  /** Reserves {@code bytes} in full, or holds nothing more and returns false. */
  private boolean reserve(long bytes) {
    long granted = memory.reserve(bytes, this);
    if (granted >= bytes) {
      reservedBytes += granted;
      return true;
    }
    if (granted > 0) {
      memory.release(granted, this);
    }
    return false;
  }

  @Override
  public long spill(long bytes) {
    if (spilling || committed || closed || bufferedBytes == 0) {
      return 0;
    }
    long released = reservedBytes;
    spillBuffered();
    return released;
  }

  /** Writes every buffered piece to a new spill file, in partition order, and gives back the memory. */
  private void spillBuffered() {
    if (bufferedBytes == 0) {
      return;
    }
    spilling = true;
    Path path = null;
    try {
      path = committer.temporaryFile(dependency.shuffleId(), "spill_" + dependency.shuffleId() + "_" + mapId);
      long[] offsets = new long[buffered.size() + 1];
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE);
          OutputStream out = ShuffleFiles.bufferedStream(channel)) {
        long offset = 0;
        for (int partition = 0; partition < buffered.size(); partition++) {
          offsets[partition] = offset;
          offset += blocks.write(buffered.get(partition), out);
          buffered.get(partition).clear();
        }
        offsets[buffered.size()] = offset;
      }
      spills.add(new SpillFile(path, offsets));
      metrics.addSpill(offsets[buffered.size()]);
    } catch (IOException e) {
      ShuffleFiles.deleteQuietly(path);
      throw MapOutputCommitter.failure("spill", dependency.shuffleId(), mapId, e);
    } finally {
      spilling = false;
    }
    bufferedBytes = 0;
    releaseAll();
  }

  @Override
  public MapStatus commit() {
    checkWritable();
    int shuffleId = dependency.shuffleId();
    try {
      if (spills.isEmpty() && committer.holdsBatches()) {
        Batch[][] compacted = compactBuffered();
        // The task's execution memory is handed over to storage: give it back before storage is asked.
        releaseAll();
        MapStatus status = committer.publishHeld(shuffleId, mapId, compacted, records, metrics);
        if (status != null) {
          committed = true;
          return status;
        }
      }
      byte[][] partitions = spills.isEmpty() && bufferedBytes <= inMemoryOutputBytes && inMemoryOutputBytes > 0
          ? encodeInMemory()
          : null;
      MapStatus status = partitions != null
          ? committer.publishInMemory(shuffleId, mapId, partitions, records, metrics)
          : committer.publishFiles(shuffleId, mapId, this::mergeSpillsAndBuffer, records, metrics);
      committed = true;
      return status;
    } finally {
      cleanUp();
    }
  }

  /**
   * Each partition's buffered pieces with runs of small ones concatenated into batches of at most
   * {@link BlockWriter#TARGET_ROWS} rows. A piece of at least {@link #KEPT_PIECE_ROWS} rows is kept
   * as it is, by reference: with few reducers (local mode's two to four) every piece is that large,
   * and concatenating them copied every shuffled row once more for nothing a reader needs.
   */
  private Batch[][] compactBuffered() {
    Batch[][] partitions = new Batch[buffered.size()][];
    List<Batch> compacted = new ArrayList<>();
    List<Batch> group = new ArrayList<>();
    for (int partition = 0; partition < buffered.size(); partition++) {
      compacted.clear();
      int groupRows = 0;
      for (Batch piece : buffered.get(partition)) {
        boolean kept = piece.rowCount() >= KEPT_PIECE_ROWS;
        if (groupRows > 0 && (kept || groupRows + piece.rowCount() > BlockWriter.TARGET_ROWS)) {
          compacted.add(concat(group));
          group.clear();
          groupRows = 0;
        }
        if (kept) {
          compacted.add(piece);
        } else {
          group.add(piece);
          groupRows += piece.rowCount();
        }
      }
      if (!group.isEmpty()) {
        compacted.add(concat(group));
        group.clear();
      }
      partitions[partition] = compacted.toArray(new Batch[0]);
    }
    return partitions;
  }

  /** The group as one batch, with the column types of its pieces (the first's: a writer gets one schema). */
  private static Batch concat(List<Batch> group) {
    Batch first = group.getFirst();
    if (group.size() == 1) {
      return first;
    }
    ColumnVector[] columns = new ColumnVector[first.columnCount()];
    List<ColumnVector> parts = new ArrayList<>(group.size());
    int rows = 0;
    for (Batch piece : group) {
      rows += piece.rowCount();
    }
    for (int column = 0; column < columns.length; column++) {
      parts.clear();
      for (Batch piece : group) {
        parts.add(piece.column(column));
      }
      columns[column] = ColumnVector.concat(first.type(column), parts);
    }
    return new Batch(columns, rows);
  }

  /** The data file: per partition, its byte ranges of every spill and then its buffered pieces. */
  private long[] mergeSpillsAndBuffer(FileChannel data) throws IOException {
    long[] lengths = new long[buffered.size()];
    List<FileChannel> spillChannels = new ArrayList<>(spills.size());
    try (OutputStream out = ShuffleFiles.bufferedStream(data)) {
      try {
        for (SpillFile spill : spills) {
          spillChannels.add(FileChannel.open(spill.path(), StandardOpenOption.READ));
        }
        for (int partition = 0; partition < buffered.size(); partition++) {
          long length = 0;
          out.flush();
          for (int i = 0; i < spills.size(); i++) {
            SpillFile spill = spills.get(i);
            ShuffleFiles.transfer(spillChannels.get(i), spill.start(partition), spill.length(partition), data);
            length += spill.length(partition);
          }
          length += blocks.write(buffered.get(partition), out);
          buffered.get(partition).clear();
          lengths[partition] = length;
        }
      } finally {
        for (FileChannel spillChannel : spillChannels) {
          spillChannel.close();
        }
      }
    }
    return lengths;
  }

  /** The buffered pieces as each partition's frames, or null if they encode to more than the in-memory threshold. */
  private byte[][] encodeInMemory() {
    byte[][] partitions = new byte[buffered.size()][];
    long total = 0;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      for (int partition = 0; partition < buffered.size(); partition++) {
        out.reset();
        total += blocks.write(buffered.get(partition), out);
        if (total > inMemoryOutputBytes) {
          return null;
        }
        partitions[partition] = out.toByteArray();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a byte array stream failed", e);
    }
    return partitions;
  }

  private void checkWritable() {
    if (committed || closed) {
      throw new IllegalStateException("map " + mapId + " of shuffle " + dependency.shuffleId() + " is already "
          + (committed ? "committed" : "closed"));
    }
  }

  private void releaseAll() {
    if (reservedBytes > 0) {
      memory.release(reservedBytes, this);
      reservedBytes = 0;
    }
  }

  private void cleanUp() {
    for (SpillFile spill : spills) {
      ShuffleFiles.deleteQuietly(spill.path());
    }
    spills.clear();
    for (List<Batch> pieces : buffered) {
      pieces.clear();
    }
    bufferedBytes = 0;
    releaseAll();
  }

  /** Without a commit, drops the buffered pieces and deletes the spills: a failed attempt leaves nothing. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    cleanUp();
  }
}
