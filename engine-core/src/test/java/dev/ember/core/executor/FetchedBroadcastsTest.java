package dev.ember.core.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.core.memory.UnifiedMemoryManager;
import dev.ember.core.metrics.TaskMetrics;
import dev.ember.core.task.BroadcastHandle;
import dev.ember.core.types.ColumnType;
import dev.ember.core.types.Field;
import dev.ember.core.types.Schema;
import dev.ember.core.vector.Batch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchedBroadcastsTest {
  private static final Schema SCHEMA = Schema.of(Field.of("k", ColumnType.LONG));

  @TempDir
  Path directory;

  /** A driver that answers each (job, broadcast) with its own rows and counts the questions. */
  private static final class FakeDriver implements FetchedBroadcasts.Fetcher {
    final Map<BroadcastHandle, AtomicInteger> asked = new ConcurrentHashMap<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    @Override
    public List<Batch> fetch(BroadcastHandle handle) {
      asked.computeIfAbsent(handle, ignored -> new AtomicInteger()).incrementAndGet();
      if (failuresLeft.getAndDecrement() > 0) {
        throw new IllegalStateException("the driver did not answer");
      }
      List<List<Object>> rows = new ArrayList<>();
      for (long i = 0; i < handle.rows(); i++) {
        rows.add(List.of(handle.jobId() * 1000L + handle.broadcastId() * 100L + i));
      }
      return List.of(Batch.fromRows(SCHEMA, rows));
    }

    int total() {
      return asked.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }

  @Test
  void theTasksOfAnExecutorFetchABroadcastOncePerJobAndShareIt() throws Exception {
    UnifiedMemoryManager memory = new UnifiedMemoryManager(1 << 20, 0.5, directory);
    FakeDriver driver = new FakeDriver();
    FetchedBroadcasts broadcasts = new FetchedBroadcasts(driver, memory);
    BroadcastHandle handle = new BroadcastHandle(4, 2, 3, 1000);
    int tasks = 8;
    List<TaskMetrics> metrics = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(tasks);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Batch>>> reads = new ArrayList<>();
      for (int i = 0; i < tasks; i++) {
        TaskMetrics taskMetrics = new TaskMetrics();
        metrics.add(taskMetrics);
        reads.add(pool.submit(() -> {
          start.await();
          return broadcasts.value(handle, taskMetrics);
        }));
      }
      start.countDown();
      List<Batch> first = reads.get(0).get();
      for (Future<List<Batch>> read : reads) {
        assertThat(read.get()).isSameAs(first);
      }
      assertThat(first.get(0).rows()).containsExactly(List.of(4200L), List.of(4201L), List.of(4202L));
    } finally {
      pool.shutdownNow();
    }
    assertThat(driver.total()).isEqualTo(1);
    assertThat(broadcasts.fetchCount()).isEqualTo(1);
    // The one task that fetched counts it; the others read the shared value.
    TaskMetrics stage = new TaskMetrics();
    metrics.forEach(stage::add);
    assertThat(stage.broadcastsFetched()).isEqualTo(1);
    assertThat(stage.broadcastBytesFetched()).isEqualTo(1000);
    assertThat(memory.storageUsed()).isEqualTo(1000);

    // Another broadcast of the job, and the same id in another job, are fetched once each.
    broadcasts.value(new BroadcastHandle(4, 3, 1, 100), new TaskMetrics());
    broadcasts.value(new BroadcastHandle(5, 2, 2, 50), new TaskMetrics());
    broadcasts.value(new BroadcastHandle(5, 2, 2, 50), new TaskMetrics());
    assertThat(driver.total()).isEqualTo(3);
    assertThat(memory.storageUsed()).isEqualTo(1150);

    broadcasts.releaseJob(4);
    assertThat(broadcasts.size()).isEqualTo(1);
    assertThat(memory.storageUsed()).isEqualTo(50);
    broadcasts.releaseAll();
    assertThat(broadcasts.size()).isZero();
    assertThat(memory.storageUsed()).isZero();
  }

  @Test
  void aFailedFetchIsRetriedByTheNextTaskAndAValueTooBigForStorageIsKeptUncounted() {
    UnifiedMemoryManager memory = new UnifiedMemoryManager(1 << 20, 0.5, directory);
    FakeDriver driver = new FakeDriver();
    driver.failuresLeft.set(1);
    FetchedBroadcasts broadcasts = new FetchedBroadcasts(driver, memory);
    BroadcastHandle handle = new BroadcastHandle(1, 0, 2, 10L << 20);
    TaskMetrics failedTask = new TaskMetrics();
    assertThatThrownBy(() -> broadcasts.value(handle, failedTask))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not answer");
    assertThat(failedTask.broadcastsFetched()).isZero();

    List<Batch> value = broadcasts.value(handle, new TaskMetrics());
    assertThat(value.get(0).rowCount()).isEqualTo(2);
    assertThat(broadcasts.value(handle, new TaskMetrics())).isSameAs(value);
    assertThat(driver.total()).isEqualTo(2);
    assertThat(memory.storageUsed()).isZero();
    broadcasts.releaseJob(1);
    assertThat(memory.storageUsed()).isZero();
  }
}
