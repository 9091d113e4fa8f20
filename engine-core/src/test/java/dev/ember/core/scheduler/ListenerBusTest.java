package dev.ember.core.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.scheduler.listener.ExecutorAddedEvent;
import dev.ember.core.scheduler.listener.ExecutorRemovedEvent;
import dev.ember.core.scheduler.listener.JobEndEvent;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.JobStartEvent;
import dev.ember.core.scheduler.listener.ListenerEvent;
import dev.ember.core.scheduler.listener.ListenerFailures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class ListenerBusTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** Records events and the threads they came on. */
  private static final class Recorder implements JobListener {
    final List<Object> events = Collections.synchronizedList(new ArrayList<>());
    final List<String> threads = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onJobStart(JobStartEvent event) {
      events.add(event);
      threads.add(Thread.currentThread().getName());
    }

    @Override
    public void onJobEnd(JobEndEvent event) {
      events.add(event);
      threads.add(Thread.currentThread().getName());
    }

    @Override
    public void onExecutorAdded(ExecutorAddedEvent event) {
      events.add(event);
    }

    @Override
    public void onExecutorRemoved(ExecutorRemovedEvent event) {
      events.add(event);
    }
  }

  /** Blocks in every call until released. */
  private static final class Blocking implements JobListener {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public void onJobStart(JobStartEvent event) {
      entered.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static JobStartEvent start(int jobId) {
    return new JobStartEvent(jobId, "job " + jobId, List.of(jobId), jobId);
  }

  @Test
  void eventsArriveInOrderOnTheBusThreadAndStopDrainsTheQueue() throws InterruptedException {
    ListenerBus bus = new ListenerBus();
    Recorder recorder = new Recorder();
    bus.add(recorder);
    List<ListenerEvent> posted = new ArrayList<>();
    for (int job = 0; job < 500; job++) {
      posted.add(start(job));
      posted.add(new JobEndEvent(job, true, null, 1, job));
    }
    posted.forEach(bus::post);
    bus.stop(WAIT);
    assertThat(recorder.events).isEqualTo(posted);
    assertThat(recorder.threads).containsOnly(ListenerBus.THREAD_NAME);
    assertThat(threadAlive()).isFalse();
    assertThat(bus.droppedEventCount()).isZero();
  }

  @Test
  void aBlockedListenerNeverBlocksThePosterAndAFullQueueDropsAndCountsEvents() throws InterruptedException {
    ListenerBus bus = new ListenerBus(3);
    Blocking blocking = new Blocking();
    Recorder recorder = new Recorder();
    bus.add(blocking);
    bus.add(recorder);
    bus.post(start(0));
    assertThat(blocking.entered.await(30, TimeUnit.SECONDS)).isTrue();
    long began = System.nanoTime();
    for (int job = 1; job <= 10; job++) {
      bus.post(start(job));
    }
    // Ten posts into a queue of three with its only consumer stuck: none of them waited.
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).isLessThan(5_000);
    assertThat(bus.droppedEventCount()).isEqualTo(7);
    assertThat(bus.waitUntilEmpty(Duration.ofMillis(50))).isFalse();
    blocking.release.countDown();
    assertThat(bus.waitUntilEmpty(WAIT)).isTrue();
    assertThat(recorder.events).extracting(event -> ((JobStartEvent) event).jobId()).containsExactly(0, 1, 2, 3);
    bus.stop(WAIT);
  }

  @Test
  void aThrowingListenerIsReportedAndTheOthersStillGetEveryEvent() throws InterruptedException {
    List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
    BiConsumer<JobListener, RuntimeException> previous = ListenerFailures.setHandler((listener, failure) -> failures.add(failure));
    ListenerBus bus = new ListenerBus();
    try {
      bus.add(new JobListener() {
        @Override
        public void onJobStart(JobStartEvent event) {
          throw new IllegalStateException("listener bug " + event.jobId());
        }

        @Override
        public void onJobEnd(JobEndEvent event) {
          throw new AssertionError("a test's assertion");
        }
      });
      Recorder recorder = new Recorder();
      bus.add(recorder);
      bus.post(start(1));
      bus.post(new JobEndEvent(1, true, null, 1, 1));
      bus.post(start(2));
      assertThat(bus.waitUntilEmpty(WAIT)).isTrue();
      assertThat(recorder.events).hasSize(3);
      assertThat(failures).extracting(Throwable::getMessage)
          .containsExactly("listener bug 1", "job listener threw java.lang.AssertionError: a test's assertion", "listener bug 2");
    } finally {
      bus.stop(WAIT);
      ListenerFailures.setHandler(previous);
    }
  }

  @Test
  void aListenerAddedLaterLearnsOfTheExecutorsStillAlive() {
    ListenerBus bus = new ListenerBus();
    bus.post(new ExecutorAddedEvent("a", "host-a", 2, 100, 1));
    bus.post(new ExecutorAddedEvent("b", "host-b", 4, 100, 2));
    bus.post(new ExecutorRemovedEvent("a", "lost", 3));
    // Nobody listened yet: no thread was started for these.
    assertThat(threadAlive()).isFalse();
    Recorder recorder = new Recorder();
    bus.add(recorder);
    bus.post(new ExecutorAddedEvent("c", "host-c", 1, 100, 4));
    bus.stop(WAIT);
    assertThat(recorder.events).extracting(event -> ((ExecutorAddedEvent) event).executorId()).containsExactly("b", "c");
    assertThat(bus.liveExecutorIds()).containsExactly("b", "c");
  }

  @Test
  void anEventBuiltLaterIsBuiltOnTheBusThreadInItsPlaceAndABuilderThatFailsLosesOnlyItsEvent()
      throws InterruptedException {
    ListenerBus bus = new ListenerBus();
    Recorder recorder = new Recorder();
    bus.add(recorder);
    List<String> builtOn = Collections.synchronizedList(new ArrayList<>());
    bus.post(start(1));
    bus.postBuiltLater(() -> {
      builtOn.add(Thread.currentThread().getName());
      return start(2);
    });
    bus.postBuiltLater(() -> {
      throw new IllegalStateException("a broken builder");
    });
    bus.post(start(3));
    bus.stop(WAIT);
    assertThat(recorder.events).containsExactly(start(1), start(2), start(3));
    assertThat(builtOn).containsExactly(ListenerBus.THREAD_NAME);
  }

  @Test
  void anEventBuiltLaterIsBuiltAtOnceForASchedulingListenerAndNotAtAllWithoutListeners() {
    ListenerBus bus = new ListenerBus();
    List<Integer> built = new ArrayList<>();
    bus.postBuiltLater(() -> {
      built.add(1);
      return start(1);
    });
    assertThat(built).isEmpty();
    Recorder recorder = new Recorder();
    bus.addScheduling(recorder);
    bus.postBuiltLater(() -> start(2));
    assertThat(recorder.events).containsExactly(start(2));
    assertThat(recorder.threads).containsExactly(Thread.currentThread().getName());
    bus.stop(WAIT);
  }

  @Test
  void aSchedulingListenerRunsOnThePostingThreadBeforePostReturns() {
    ListenerBus bus = new ListenerBus();
    Recorder recorder = new Recorder();
    bus.addScheduling(recorder);
    bus.post(start(7));
    assertThat(recorder.events).containsExactly(start(7));
    assertThat(recorder.threads).containsExactly(Thread.currentThread().getName());
    bus.stop(WAIT);
  }

  @Test
  void postsAfterStopAreIgnoredAndStopIsIdempotent() {
    ListenerBus bus = new ListenerBus();
    Recorder recorder = new Recorder();
    bus.add(recorder);
    bus.post(start(1));
    bus.stop(WAIT);
    bus.post(start(2));
    bus.stop(WAIT);
    assertThat(recorder.events).containsExactly(start(1));
    assertThat(threadAlive()).isFalse();
  }

  @Test
  void theDispatchThreadStartsWithTheFirstListenerNotWithALaterEvent() throws Exception {
    ListenerBus bus = new ListenerBus();
    bus.post(start(1));
    assertThat(threadAlive()).as("nobody listens: no thread").isFalse();
    Recorder recorder = new Recorder();
    bus.add(recorder);
    // Running before any event for the listener, so its start is not tied to when events arrive.
    assertThat(threadAlive()).isTrue();
    bus.post(start(2));
    bus.stop(WAIT);
    assertThat(recorder.events).containsExactly(start(2));
    assertThat(threadAlive()).isFalse();
  }

  private static boolean threadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.isAlive() && thread.getName().equals(ListenerBus.THREAD_NAME));
  }
}
