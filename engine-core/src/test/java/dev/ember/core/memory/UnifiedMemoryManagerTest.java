package dev.ember.core.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class UnifiedMemoryManagerTest {
  private static final Path DIR = Path.of("unused");

  @Test
  void aSingleTaskGetsEverythingThenIsRefused() {
    UnifiedMemoryManager manager = UnifiedMemoryManager.forExecution(1000, DIR);

    assertThat(manager.acquireExecution(600, 1)).isEqualTo(600);
    assertThat(manager.acquireExecution(600, 1)).as("only what is left").isEqualTo(400);
    assertThat(manager.acquireExecution(1, 1)).isZero();
    manager.releaseExecution(500, 1);
    assertThat(manager.acquireExecution(100, 1)).isEqualTo(100);
    assertThat(manager.executionUsed()).isEqualTo(600);
    assertThat(manager.peakExecutionUsed()).isEqualTo(1000);
  }

  @Test
  void eachOfNTasksIsCappedAtOneNth() {
    UnifiedMemoryManager manager = UnifiedMemoryManager.forExecution(1200, DIR);
    assertThat(manager.acquireExecution(100, 1)).isEqualTo(100);
    assertThat(manager.acquireExecution(100, 2)).isEqualTo(100);
    assertThat(manager.acquireExecution(100, 3)).isEqualTo(100);

    // Three active tasks: at most 400 each.
    assertThat(manager.acquireExecution(1000, 1)).isEqualTo(300);
    assertThat(manager.acquireExecution(1000, 2)).isEqualTo(300);
    assertThat(manager.executionUsedBy(1)).isEqualTo(400);
    // Once task 1 ends, two remain and each may hold 600.
    assertThat(manager.releaseAllExecution(1)).isEqualTo(400);
    assertThat(manager.activeTasks()).isEqualTo(2);
    assertThat(manager.acquireExecution(1000, 2)).isEqualTo(200);
    assertThat(manager.acquireExecution(1000, 3)).isEqualTo(500);
    assertThat(manager.executionUsed()).isEqualTo(1200);
  }

  @Test
  void aTaskBelowItsGuaranteedShareWaitsUntilAnotherReleases() throws Exception {
    UnifiedMemoryManager manager = UnifiedMemoryManager.forExecution(1000, DIR);
    assertThat(manager.acquireExecution(1000, 1)).isEqualTo(1000);
    AtomicLong granted = new AtomicLong(-1);
    CountDownLatch started = new CountDownLatch(1);
    Thread waiter = new Thread(() -> {
      started.countDown();
      granted.set(manager.acquireExecution(300, 2));
    });
    waiter.start();
    started.await();
    // Task 2 holds nothing and is guaranteed 1000 / (2 * 2) = 250: it waits for memory to be released.
    while (waiter.getState() != Thread.State.WAITING && waiter.isAlive()) {
      Thread.onSpinWait();
    }
    assertThat(granted.get()).isEqualTo(-1);
    manager.releaseExecution(600, 1);
    waiter.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(waiter.isAlive()).isFalse();
    assertThat(granted.get()).isEqualTo(300);
  }

  @Test
  void aWaitingTaskThatIsInterruptedIsCancelled() throws Exception {
    UnifiedMemoryManager manager = UnifiedMemoryManager.forExecution(1000, DIR);
    manager.acquireExecution(1000, 1);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread waiter = new Thread(() -> {
      try {
        manager.acquireExecution(300, 2);
      } catch (Throwable error) {
        failure.set(error);
      }
    });
    waiter.start();
    while (waiter.getState() != Thread.State.WAITING && waiter.isAlive()) {
      Thread.onSpinWait();
    }
    waiter.interrupt();
    waiter.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(failure.get()).isInstanceOf(java.util.concurrent.CancellationException.class)
        .hasMessageContaining("task 2");
  }

  @Test
  void storageAndExecutionBorrowEachOthersFreeMemory() {
    UnifiedMemoryManager manager = new UnifiedMemoryManager(1000, 0.5, DIR);

    assertThat(manager.acquireExecution(800, 1)).as("execution borrows free storage memory").isEqualTo(800);
    assertThat(manager.acquireStorage(300)).as("storage never evicts execution").isFalse();
    assertThat(manager.acquireStorage(200)).isTrue();
    manager.releaseAllExecution(1);
    assertThat(manager.acquireStorage(600)).as("storage borrows free execution memory").isTrue();
    assertThat(manager.storageUsed()).isEqualTo(800);
    // Storage holds 300 beyond its 500 share: execution may evict that much, and no more.
    List<Long> evictionRequests = new ArrayList<>();
    manager.setStorageEvictor(bytes -> {
      evictionRequests.add(bytes);
      return bytes;
    });
    assertThat(manager.acquireExecution(1000, 2)).isEqualTo(500);
    assertThat(evictionRequests).containsExactly(300L);
    assertThat(manager.storageUsed()).isEqualTo(500);
    manager.releaseStorage(500);
    assertThatThrownBy(() -> manager.releaseStorage(1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void heldShuffleOutputsAreEvictedBeforeCachedBlocksAndAWholeDropLeavesStorage() {
    UnifiedMemoryManager manager = new UnifiedMemoryManager(1000, 0.5, DIR);
    assertThat(manager.acquireStorage(900)).isTrue();
    List<String> asked = new ArrayList<>();
    // The shuffle store frees whole outputs: 250 when asked for 200; the block manager is not needed.
    manager.setStorageEvictor(bytes -> {
      asked.add("cache " + bytes);
      return bytes;
    });
    manager.addStorageEvictor(bytes -> {
      asked.add("shuffle " + bytes);
      return 250;
    });
    assertThat(manager.acquireExecution(300, 1)).isEqualTo(300);
    assertThat(asked).containsExactly("shuffle 200");
    assertThat(manager.storageUsed()).as("every byte dropped leaves storage").isEqualTo(650);

    // Asked for more than the shuffle store holds: the block manager frees the rest.
    asked.clear();
    UnifiedMemoryManager other = new UnifiedMemoryManager(1000, 0.5, DIR);
    assertThat(other.acquireStorage(1000)).isTrue();
    other.addStorageEvictor(bytes -> {
      asked.add("shuffle " + bytes);
      return 100;
    });
    other.setStorageEvictor(bytes -> {
      asked.add("cache " + bytes);
      return bytes;
    });
    assertThat(other.acquireExecution(400, 1)).isEqualTo(400);
    assertThat(asked).containsExactly("shuffle 400", "cache 300");
    assertThat(other.storageUsed()).isEqualTo(600);
  }

  @Test
  void settingsGiveTheUnifiedRegionAndSpillDirectory() {
    UnifiedMemoryManager manager = UnifiedMemoryManager.fromSettings(
        Map.of("ember.executor.memory", "100m", "ember.local.dir", "/tmp/ember-local"));

    // 100 MiB - a fifth reserved = 80 MiB, x 0.6.
    assertThat(manager.maxMemory()).isEqualTo((long) (80L * (1 << 20) * 0.6));
    assertThat(manager.spillDirectory()).isEqualTo(Path.of("/tmp/ember-local", "spill"));
    long heap = Runtime.getRuntime().maxMemory();
    assertThat(UnifiedMemoryManager.fromSettings(Map.of()).maxMemory())
        .isEqualTo((long) ((heap - Math.min(300L << 20, heap / 5)) * 0.6));
    assertThat(UnifiedMemoryManager.unifiedRegion(4L << 30)).isEqualTo((long) (((4L << 30) - (300L << 20)) * 0.6));
    assertThatThrownBy(() -> UnifiedMemoryManager.fromSettings(Map.of("ember.executor.memory", "lots")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ember.executor.memory");
  }

  @Test
  void unsetExecutorMemoryFollowsTheMaxHeapAsSparksLocalMode() {
    // Spark, 12g heap: (12288 MiB - 300 MiB reserve) x 0.6.
    long twelveGigabytes = 12L << 30;
    assertThat(UnifiedMemoryManager.executorMemory(Map.of(), twelveGigabytes)).isEqualTo(twelveGigabytes);
    assertThat(UnifiedMemoryManager.unifiedRegion(UnifiedMemoryManager.executorMemory(Map.of(), twelveGigabytes)))
        .isEqualTo((long) ((12_288L - 300) * (1 << 20) * 0.6));
    assertThat(UnifiedMemoryManager.executorMemory(Map.of(), 3L << 30)).isEqualTo(3L << 30);
    assertThat(UnifiedMemoryManager.executorMemory(Map.of(), Runtime.getRuntime().maxMemory()))
        .isEqualTo(UnifiedMemoryManager.executorMemory(Map.of()))
        .isEqualTo(UnifiedMemoryManager.defaultExecutorMemory());
    // A JVM without a heap limit keeps the former fixed size rather than an executor that never spills.
    assertThat(UnifiedMemoryManager.defaultExecutorMemory(Long.MAX_VALUE)).isEqualTo(1L << 30);
    assertThatThrownBy(() -> UnifiedMemoryManager.defaultExecutorMemory(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anExplicitExecutorMemoryWinsOverTheHeap() {
    assertThat(UnifiedMemoryManager.executorMemory(Map.of("ember.executor.memory", "2g"), 12L << 30)).isEqualTo(2L << 30);
    assertThat(UnifiedMemoryManager.executorMemory(Map.of("ember.executor.memory", "512"), 1L << 30)).isEqualTo(512L << 20);
  }

  @Test
  void executorsInTheirOwnProcessesDefaultToSparksOneGigabyte() {
    assertThat(UnifiedMemoryManager.clusterExecutorMemory(Map.of())).isEqualTo(1L << 30);
    assertThat(UnifiedMemoryManager.clusterExecutorMemory(Map.of("ember.executor.memory", "3g"))).isEqualTo(3L << 30);
  }

  @Test
  void releasingMoreThanHeldIsAnError() {
    UnifiedMemoryManager manager = UnifiedMemoryManager.forExecution(1000, DIR);
    manager.acquireExecution(10, 1);

    assertThatThrownBy(() -> manager.releaseExecution(11, 1))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds 10");
  }

  @Test
  void concurrentTasksNeverExceedThePoolAndEndAtZero() throws Exception {
    UnifiedMemoryManager manager = UnifiedMemoryManager.forExecution(10_000, DIR);
    int threads = 4;
    List<Thread> workers = new ArrayList<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int t = 0; t < threads; t++) {
      long taskId = t;
      workers.add(new Thread(() -> {
        try {
          Random random = new Random(taskId);
          long held = 0;
          for (int i = 0; i < 5000; i++) {
            if (held > 0 && random.nextBoolean()) {
              long release = 1 + random.nextInt((int) held);
              manager.releaseExecution(release, taskId);
              held -= release;
            } else {
              // Asks below the guaranteed share never wait: 10000 / (2 * 4) = 1250 each.
              long ask = Math.min(1 + random.nextInt(400), Math.max(0, 1250 - held));
              held += manager.acquireExecution(ask, taskId);
            }
            long used = manager.executionUsed();
            if (used > 10_000) {
              throw new AssertionError("pool over its size: " + used);
            }
          }
          manager.releaseAllExecution(taskId);
        } catch (Throwable error) {
          failure.compareAndSet(null, error);
        }
      }));
    }
    workers.forEach(Thread::start);
    for (Thread worker : workers) {
      worker.join(TimeUnit.SECONDS.toMillis(30));
    }

    assertThat(failure.get()).isNull();
    assertThat(manager.executionUsed()).isZero();
    assertThat(manager.activeTasks()).isZero();
  }
}
