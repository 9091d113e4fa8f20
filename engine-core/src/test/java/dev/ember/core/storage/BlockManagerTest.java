package dev.ember.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.testing.TestSeeds;
import dev.ember.core.testing.EngineHygiene;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.ember.core.memory.MemoryConsumer;
import dev.ember.core.memory.TaskMemoryManager;
import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.vector.BatchSizes;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import dev.ember.core.vector.LongVector;
import dev.ember.core.vector.StringVector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EngineHygiene.class)
class BlockManagerTest {
  private static final Schema SCHEMA = Schema.of(Field.of("id", ColumnType.LONG), Field.of("name", ColumnType.STRING));
  private static final List<ColumnType> TYPES = List.of(ColumnType.LONG, ColumnType.STRING);

  @TempDir
  Path directory;

  /** Random batches with nulls and duplicates; 0 batches when {@code batchCount} is 0. */
  private static List<Batch> batches(long seed, int batchCount, int rowsPerBatch) {
    Random random = new Random(TestSeeds.seed(seed));
    List<Batch> batches = new ArrayList<>();
    for (int b = 0; b < batchCount; b++) {
      List<List<Object>> rows = new ArrayList<>();
      for (int r = 0; r < rowsPerBatch; r++) {
        Long id = random.nextInt(10) == 0 ? null : (long) random.nextInt(50);
        String name = random.nextInt(7) == 0 ? null : "n" + random.nextInt(20);
        rows.add(Arrays.asList(id, name));
      }
      batches.add(Batch.fromRows(SCHEMA, rows));
    }
    return batches;
  }

  private static List<List<Object>> rows(List<Batch> batches) {
    List<List<Object>> rows = new ArrayList<>();
    batches.forEach(batch -> rows.addAll(batch.rows()));
    return rows;
  }

  /** What a memory block of these batches reserves: their compressed size. */
  private static long bytes(List<Batch> batches) {
    return CachedBatch.blockBytes(CachedBatch.compressBlock(batches));
  }

  private BlockManager manager(long memory) {
    return new BlockManager(new UnifiedMemoryManager(memory, 0.5, directory.resolve("spill")), directory.resolve("blocks"));
  }

  @Test
  void aLongColumnOfSmallValuesReservesHalfItsWidthAndReadsBackTheSameRows() {
    Random random = new Random(TestSeeds.seed(40));
    Schema schema = Schema.of(Field.of("key", ColumnType.LONG));
    List<Batch> block = new ArrayList<>();
    for (int b = 0; b < 3; b++) {
      List<List<Object>> rows = new ArrayList<>();
      for (int r = 0; r < 4096; r++) {
        rows.add(Arrays.asList((Object) (long) random.nextInt(6_000_000)));
      }
      block.add(Batch.fromRows(schema, rows));
    }
    long uncompressed = block.stream().mapToLong(BatchSizes::estimateBytes).sum();
    UnifiedMemoryManager memory = new UnifiedMemoryManager(64L << 20, 0.5, directory.resolve("spill"));
    try (BlockManager manager = new BlockManager(memory, directory.resolve("blocks"))) {
      BlockId id = new BlockId(0, 0);
      assertThat(manager.put(id, List.of(ColumnType.LONG), block, StorageMode.MEMORY_ONLY)).isTrue();
      assertThat(manager.memoryBytes()).isEqualTo(3 * 4096 * 4L).isEqualTo(uncompressed / 2);
      assertThat(memory.storageUsed()).isEqualTo(manager.memoryBytes());
      assertThat(manager.drainUpdates()).singleElement().satisfies(status -> assertThat(status.memoryBytes()).isEqualTo(uncompressed / 2));
      assertThat(rows(manager.get(id).orElseThrow())).isEqualTo(rows(block));
      List<CachedBatch> stored = manager.getCached(id).orElseThrow();
      assertThat(stored).hasSize(3).allSatisfy(batch -> assertThat(batch.column(0)).isInstanceOf(CompressedColumn.IntOffsets.class));
    }
    assertThat(memory.storageUsed()).isZero();
  }

  @Test
  void aBlocksStringBatchesWithDictionariesOfTheirOwnShareOneAndReserveItOnce() {
    Random random = new Random(TestSeeds.seed(41));
    String[][] orders = {{"AIR", "MAIL", "SHIP"}, {"SHIP", "AIR", "RAIL"}, {"TRUCK", "MAIL", "AIR"}};
    List<Batch> block = new ArrayList<>();
    long separately = 0;
    for (String[] entries : orders) {
      int[] ids = new int[2000];
      long[] keys = new long[ids.length];
      for (int row = 0; row < ids.length; row++) {
        ids[row] = row < entries.length ? row : random.nextInt(entries.length);
        keys[row] = random.nextInt(100);
      }
      Batch batch = Batch.of(new LongVector(ColumnType.LONG, keys, null, keys.length), StringVector.dictionaryEncoded(
          ColumnType.STRING, ids, new StringVector(ColumnType.STRING, entries, null, entries.length), null, ids.length));
      block.add(batch);
      separately += CachedBatch.compress(batch).bytes();
    }
    UnifiedMemoryManager memory = new UnifiedMemoryManager(64L << 20, 0.5, directory.resolve("spill"));
    try (BlockManager manager = new BlockManager(memory, directory.resolve("blocks"))) {
      BlockId id = new BlockId(0, 0);
      assertThat(manager.put(id, TYPES, block, StorageMode.MEMORY_ONLY)).isTrue();
      List<CachedBatch> stored = manager.getCached(id).orElseThrow();
      StringVector shared = stored.get(0).column(1).dictionaryOrNull();
      assertThat(shared.size()).isEqualTo(5);
      assertThat(stored).allSatisfy(batch -> assertThat(batch.column(1).dictionaryOrNull()).isSameAs(shared));
      assertThat(rows(manager.get(id).orElseThrow())).isEqualTo(rows(block));
      // Each batch kept its own three-entry dictionary before; the block now holds one of five.
      long dictionaries = 0;
      for (Batch batch : block) {
        dictionaries += ((StringVector) batch.column(1)).dictionary().retainedBytes();
      }
      assertThat(manager.memoryBytes()).isEqualTo(separately - dictionaries + shared.retainedBytes());
      assertThat(memory.storageUsed()).isEqualTo(manager.memoryBytes());
    }
  }

  @Test
  void everyModeGivesBackTheRowsItStored() {
    try (BlockManager manager = manager(64L << 20)) {
      int cacheId = 0;
      for (StorageMode mode : StorageMode.values()) {
        for (int batchCount : new int[] {0, 1, 3}) {
          List<Batch> stored = batches(cacheId, batchCount, 100);
          BlockId id = new BlockId(cacheId++, 2);
          assertThat(manager.get(id)).isEmpty();
          assertThat(manager.put(id, TYPES, stored, mode)).isTrue();
          assertThat(manager.inMemory(id)).isEqualTo(mode.useMemory());
          assertThat(manager.onDisk(id)).isEqualTo(!mode.useMemory());
          assertThat(rows(manager.get(id).orElseThrow())).isEqualTo(rows(stored));
          // Disk blocks are read again and again: the file stays.
          assertThat(rows(manager.get(id).orElseThrow())).isEqualTo(rows(stored));
        }
      }
      assertThat(manager.hits()).isEqualTo(2L * 9);
      assertThat(manager.misses()).isEqualTo(9);
    }
  }

  @Test
  void memoryOnlyEvictsTheLeastRecentlyUsedBlockOfAnotherCacheAndDropsWhatNeverFits() {
    List<Batch> block = batches(1, 4, 500);
    long size = bytes(block);
    // Room for two blocks and a half.
    try (BlockManager manager = manager(size * 5 / 2)) {
      BlockId a = new BlockId(0, 0);
      BlockId b = new BlockId(1, 0);
      BlockId c = new BlockId(2, 0);
      assertThat(manager.put(a, TYPES, block, StorageMode.MEMORY_ONLY)).isTrue();
      assertThat(manager.put(b, TYPES, block, StorageMode.MEMORY_ONLY)).isTrue();
      manager.get(a);
      assertThat(manager.put(c, TYPES, block, StorageMode.MEMORY_ONLY)).isTrue();
      assertThat(manager.inMemory(a)).isTrue();
      assertThat(manager.inMemory(b)).as("b was the least recently used").isFalse();
      assertThat(manager.onDisk(b)).isFalse();
      assertThat(manager.get(b)).isEmpty();
      List<Batch> huge = batches(2, 12, 500);
      assertThat(manager.put(new BlockId(3, 0), TYPES, huge, StorageMode.MEMORY_ONLY)).isFalse();
      assertThat(manager.get(new BlockId(3, 0))).isEmpty();
      assertThat(manager.memoryBytes()).isEqualTo(2 * size);
    }
  }

  @Test
  void blocksOfTheSameCacheDoNotEvictEachOther() {
    List<Batch> block = batches(3, 4, 500);
    try (BlockManager manager = manager(bytes(block) * 3 / 2)) {
      assertThat(manager.put(new BlockId(0, 0), TYPES, block, StorageMode.MEMORY_ONLY)).isTrue();
      assertThat(manager.put(new BlockId(0, 1), TYPES, block, StorageMode.MEMORY_ONLY)).isFalse();
      assertThat(manager.inMemory(new BlockId(0, 0))).isTrue();
    }
  }

  @Test
  void memoryAndDiskMovesEvictedAndOversizedBlocksToDisk() {
    List<Batch> block = batches(4, 4, 500);
    try (BlockManager manager = manager(bytes(block) * 3 / 2)) {
      BlockId a = new BlockId(0, 0);
      BlockId b = new BlockId(1, 0);
      manager.put(a, TYPES, block, StorageMode.MEMORY_AND_DISK);
      manager.put(b, TYPES, block, StorageMode.MEMORY_AND_DISK);
      assertThat(manager.onDisk(a)).isTrue();
      assertThat(manager.inMemory(b)).isTrue();
      List<Batch> huge = batches(5, 10, 500);
      BlockId c = new BlockId(2, 0);
      assertThat(manager.put(c, TYPES, huge, StorageMode.MEMORY_AND_DISK)).isTrue();
      assertThat(manager.onDisk(c)).isTrue();
      assertThat(rows(manager.get(a).orElseThrow())).isEqualTo(rows(block));
      assertThat(rows(manager.get(c).orElseThrow())).isEqualTo(rows(huge));
    }
  }

  @Test
  void executionMemoryEvictsBorrowedStorage() {
    List<Batch> block = batches(6, 4, 500);
    long size = bytes(block);
    UnifiedMemoryManager memory = new UnifiedMemoryManager(size * 4, 0.25, directory.resolve("spill"));
    try (BlockManager manager = new BlockManager(memory, directory.resolve("blocks"))) {
      for (int i = 0; i < 3; i++) {
        assertThat(manager.put(new BlockId(i, 0), TYPES, block, StorageMode.MEMORY_AND_DISK)).isTrue();
      }
      TaskMemoryManager task = memory.newTaskMemory(1);
      // Execution wants everything storage borrowed beyond its quarter.
      MemoryConsumer consumer = new MemoryConsumer() {
        @Override
        public String name() {
          return "test";
        }

        @Override
        public long spill(long bytes) {
          return 0;
        }
      };
      long granted = task.reserve(size * 3, consumer);
      assertThat(granted).isGreaterThanOrEqualTo(size * 2);
      assertThat(manager.memoryBytes()).isLessThanOrEqualTo(size);
      for (int i = 0; i < 3; i++) {
        assertThat(rows(manager.get(new BlockId(i, 0)).orElseThrow())).isEqualTo(rows(block));
      }
      task.releaseAll();
    }
  }

  @Test
  void aDeletedBlockFileIsAMissAndUnpersistAndCloseRemoveEverything() throws IOException {
    List<Batch> block = batches(7, 2, 100);
    BlockManager manager = manager(64L << 20);
    BlockId a = new BlockId(0, 0);
    BlockId b = new BlockId(0, 1);
    BlockId c = new BlockId(1, 0);
    manager.put(a, TYPES, block, StorageMode.DISK_ONLY);
    manager.put(b, TYPES, block, StorageMode.MEMORY_ONLY);
    manager.put(c, TYPES, block, StorageMode.DISK_ONLY);
    Files.delete(manager.file(a).orElseThrow());
    assertThat(manager.get(a)).isEmpty();
    assertThat(manager.onDisk(a)).isFalse();
    manager.put(a, TYPES, block, StorageMode.DISK_ONLY);
    manager.removeCache(0);
    assertThat(manager.get(a)).isEmpty();
    assertThat(manager.get(b)).isEmpty();
    assertThat(manager.memoryBytes()).isZero();
    assertThat(manager.get(c)).isPresent();
    manager.close();
    assertThat(directory.resolve("blocks")).doesNotExist();
  }

  @Test
  void aDamagedBlockFileIsCaughtByItsChecksumAndBecomesAMiss() throws IOException {
    List<Batch> block = batches(9, 3, 200);
    BlockManager manager = manager(64L << 20);
    BlockId id = new BlockId(0, 0);
    manager.put(id, TYPES, block, StorageMode.DISK_ONLY);
    Path file = manager.file(id).orElseThrow();
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 5] ^= 0x01; // inside the last frame's stored bytes
    Files.write(file, bytes);

    assertThat(manager.get(id)).as("damaged rows are never returned: the partition is recomputed").isEmpty();
    assertThat(manager.onDisk(id)).isFalse();
    assertThat(file).doesNotExist();
    manager.close();
  }

  @Test
  void everyChangeOfABlockIsReportedOnceWithItsNewestStateBytesAndRows() {
    List<Batch> first = batches(11, 4, 500);
    List<Batch> second = batches(12, 4, 500);
    long size = bytes(first);
    // Room for one of the two blocks: storing the second moves the first (another cache's) to disk.
    try (BlockManager manager = manager((size + bytes(second)) * 3 / 4)) {
      assertThat(manager.drainUpdates()).isEmpty();
      BlockId a = new BlockId(1, 0);
      BlockId b = new BlockId(2, 0);
      assertThat(manager.put(a, TYPES, first, StorageMode.MEMORY_AND_DISK)).isTrue();
      List<BlockStatus> afterFirst = manager.drainUpdates();
      assertThat(afterFirst).hasSize(1);
      long firstRows = first.stream().mapToLong(Batch::rowCount).sum();
      assertThat(afterFirst.get(0))
          .isEqualTo(new BlockStatus(a, StorageMode.MEMORY_AND_DISK, size, 0, firstRows, afterFirst.get(0).version()));
      assertThat(manager.drainUpdates()).as("reported once").isEmpty();

      assertThat(manager.put(b, TYPES, second, StorageMode.MEMORY_AND_DISK)).isTrue();
      List<BlockStatus> afterSecond = manager.drainUpdates();
      BlockStatus evicted = afterSecond.stream().filter(status -> status.id().equals(a)).findFirst().orElseThrow();
      assertThat(manager.inMemory(a)).isFalse();
      assertThat(evicted.memoryBytes()).isZero();
      assertThat(evicted.diskBytes()).isEqualTo(manager.file(a).orElseThrow().toFile().length()).isPositive();
      assertThat(evicted.rows()).as("moved to disk, same rows").isEqualTo(firstRows);
      BlockStatus stored = afterSecond.stream().filter(status -> status.id().equals(b)).findFirst().orElseThrow();
      assertThat(stored.memoryBytes()).isEqualTo(bytes(second));
      assertThat(stored.rows()).isEqualTo(second.stream().mapToLong(Batch::rowCount).sum());
      assertThat(stored.version()).isGreaterThan(evicted.version()).isGreaterThan(afterFirst.get(0).version());

      manager.removeCache(1);
      manager.drop(b);
      List<BlockStatus> removed = manager.drainUpdates();
      assertThat(removed).extracting(BlockStatus::id).containsExactly(a, b);
      assertThat(removed).allMatch(status -> status.memoryBytes() == 0 && status.diskBytes() == 0 && status.rows() == 0);
    }
  }
}
