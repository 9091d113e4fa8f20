package dev.ember.core.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.memory.UnifiedMemoryManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BroadcastTableCacheTest {
  @TempDir
  Path directory;

  @Test
  void concurrentCallersOfOneKeyShareOneBuild() throws Exception {
    UnifiedMemoryManager memory = new UnifiedMemoryManager(1 << 20, 0.5, directory);
    BroadcastTableCache cache = new BroadcastTableCache(memory);
    BroadcastTableCache.Key key = new BroadcastTableCache.Key(7, 1, List.of("k"));
    AtomicInteger builderCalls = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<int[]>> futures = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return cache.getOrBuild(key, int[].class, () -> {
            builderCalls.incrementAndGet();
            return new BroadcastTableCache.Built<>(new int[] {1, 2, 3}, 1000);
          });
        }));
      }
      start.countDown();
      int[] first = futures.get(0).get();
      for (Future<int[]> future : futures) {
        assertThat(future.get()).isSameAs(first);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(builderCalls).hasValue(1);
    assertThat(cache.buildCount()).isEqualTo(1);
    assertThat(memory.storageUsed()).isEqualTo(1000);
    // Another key (other build keys, or another job) is another table.
    cache.getOrBuild(new BroadcastTableCache.Key(7, 1, List.of("other")), String.class,
        () -> new BroadcastTableCache.Built<>("x", 10));
    cache.getOrBuild(new BroadcastTableCache.Key(8, 1, List.of("k")), String.class,
        () -> new BroadcastTableCache.Built<>("y", 20));
    assertThat(cache.buildCount()).isEqualTo(3);
    cache.releaseJob(7);
    assertThat(memory.storageUsed()).isEqualTo(20);
    assertThat(cache.size()).isEqualTo(1);
    cache.releaseAll();
    assertThat(memory.storageUsed()).isZero();
    assertThat(cache.size()).isZero();
  }

  @Test
  void aFailedBuildIsRetriedAndARefusedOneIsNotCached() {
    UnifiedMemoryManager memory = new UnifiedMemoryManager(100, 0.5, directory);
    BroadcastTableCache cache = new BroadcastTableCache(memory);
    BroadcastTableCache.Key key = new BroadcastTableCache.Key(1, 1, "k");
    assertThatThrownBy(() -> cache.getOrBuild(key, String.class, () -> {
      throw new IllegalStateException("broadcast lost");
    })).hasMessage("broadcast lost");
    assertThat(cache.getOrBuild(key, String.class, () -> new BroadcastTableCache.Built<>("t", 50))).isEqualTo("t");
    BroadcastTableCache.Key large = new BroadcastTableCache.Key(1, 2, "k");
    assertThat(cache.getOrBuild(large, String.class, () -> new BroadcastTableCache.Built<>("big", 1000))).isNull();
    assertThat(cache.getOrBuild(large, String.class, () -> new BroadcastTableCache.Built<>("big", 1000))).isNull();
    assertThat(cache.buildCount()).isEqualTo(2);
    assertThat(memory.storageUsed()).isEqualTo(50);
  }

  /**
   * A task that needs several tables skips the one another task is building and builds the next:
   * two tasks build two tables side by side; a table built so is what a later getOrBuild returns,
   * without building again.
   */
  @Test
  void buildUnlessBusySkipsATableAnotherTaskIsBuildingAndBuildsAFreeOne() throws Exception {
    UnifiedMemoryManager memory = new UnifiedMemoryManager(1 << 20, 0.5, directory);
    BroadcastTableCache cache = new BroadcastTableCache(memory);
    BroadcastTableCache.Key first = new BroadcastTableCache.Key(3, 1, List.of("a"));
    BroadcastTableCache.Key second = new BroadcastTableCache.Key(3, 2, List.of("b"));
    CountDownLatch building = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<String> other = pool.submit(() -> cache.getOrBuild(first, String.class, () -> {
        building.countDown();
        try {
          finish.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new BroadcastTableCache.Built<>("first", 10);
      }));
      building.await();
      AtomicInteger skipped = new AtomicInteger();
      cache.buildUnlessBusy(first, () -> {
        skipped.incrementAndGet();
        return new BroadcastTableCache.Built<>("again", 10);
      });
      assertThat(skipped).as("busy: not built here, and no wait").hasValue(0);
      cache.buildUnlessBusy(second, () -> new BroadcastTableCache.Built<>("second", 20));
      assertThat(cache.buildCount()).as("the free one is built while the other is still building").isEqualTo(1);
      finish.countDown();
      assertThat(other.get()).isEqualTo("first");
    } finally {
      pool.shutdownNow();
    }
    assertThat(cache.getOrBuild(second, String.class, () -> new BroadcastTableCache.Built<>("rebuilt", 20))).isEqualTo("second");
    cache.buildUnlessBusy(first, () -> new BroadcastTableCache.Built<>("again", 10));
    assertThat(cache.buildCount()).as("built ones are not built again").isEqualTo(2);
    assertThat(memory.storageUsed()).isEqualTo(30);
  }
}
