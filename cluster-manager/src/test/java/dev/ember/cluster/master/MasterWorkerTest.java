package dev.ember.cluster.master;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.cluster.launch.ExecutorLauncher;
import dev.ember.cluster.launch.ExecutorSpec;
import dev.ember.cluster.launch.LaunchedExecutor;
import dev.ember.cluster.rpc.Connection;
import dev.ember.cluster.rpc.ControlMessage;
import dev.ember.cluster.rpc.ControlMessage.ApplicationRegistered;
import dev.ember.cluster.rpc.ControlMessage.ExecutorState;
import dev.ember.cluster.rpc.ControlMessage.ExecutorStateChanged;
import dev.ember.cluster.rpc.ControlMessage.RegisterApplication;
import dev.ember.cluster.rpc.ControlMessage.RegisterWorker;
import dev.ember.cluster.rpc.Endpoint;
import dev.ember.cluster.rpc.RpcClient;
import dev.ember.cluster.worker.Worker;
import dev.ember.cluster.worker.WorkerSettings;
import dev.ember.core.network.NetworkSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** A real master and workers on loopback in this JVM; executors are fakes (no processes here). */
class MasterWorkerTest {
  private static final Duration TIMEOUT = Duration.ofMillis(1_500);
  private static final Duration HEARTBEAT = Duration.ofMillis(100);
  private static final long MIB = 1L << 20;

  private static NetworkSettings network(String secretOrNull) {
    return network(secretOrNull, TIMEOUT);
  }

  private static NetworkSettings network(String secretOrNull, Duration timeout) {
    return new NetworkSettings(1 << 20,
        secretOrNull == null ? null : secretOrNull.getBytes(StandardCharsets.UTF_8), timeout);
  }

  /** Records launches; a launched fake "runs" until killed. */
  private static final class FakeLauncher implements ExecutorLauncher {
    final List<FakeExecutor> launched = new CopyOnWriteArrayList<>();

    @Override
    public LaunchedExecutor launch(ExecutorSpec spec) {
      FakeExecutor executor = new FakeExecutor(spec);
      launched.add(executor);
      return executor;
    }
  }

  private record FakeExecutor(ExecutorSpec spec, CompletableFuture<Integer> exited) implements LaunchedExecutor {
    FakeExecutor(ExecutorSpec spec) {
      this(spec, new CompletableFuture<>());
    }

    @Override
    public void kill() {
      exited.complete(143);
    }
  }

  /** A driver's or a test peer's end of a connection: queues what it receives. */
  private static final class Recorder implements Endpoint {
    final BlockingQueue<ControlMessage> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    @Override
    public void received(Connection connection, ControlMessage message) {
      received.add(message);
    }

    @Override
    public void disconnected(Connection connection) {
      closed.complete(null);
    }

    ControlMessage next() throws InterruptedException {
      ControlMessage message = received.poll(5, TimeUnit.SECONDS);
      assertThat(message).as("a message within 5 s").isNotNull();
      return message;
    }
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static Worker worker(Master master, String id, int cores, NetworkSettings network, ExecutorLauncher launcher) {
    return Worker.start(new WorkerSettings(id, "127.0.0.1", master.port(), "127.0.0.1", cores, 512 * MIB), network,
        launcher);
  }

  @Test
  void workersRegisterAndAnApplicationGetsOneExecutorPerWorkerUntilItsDriverLeaves() throws Exception {
    FakeLauncher launcher = new FakeLauncher();
    try (Master master = Master.start("127.0.0.1", 0, network(null), HEARTBEAT);
        Worker first = worker(master, "w1", 2, network(null), launcher);
        Worker second = worker(master, "w2", 1, network(null), launcher);
        RpcClient driverClient = new RpcClient("test-driver", network(null))) {
      assertThat(first.registered().get(5, TimeUnit.SECONDS)).isEqualTo("w1");
      assertThat(second.registered().get(5, TimeUnit.SECONDS)).isEqualTo("w2");
      assertThat(master.workerIds()).containsExactlyInAnyOrder("w1", "w2");

      Recorder driver = new Recorder();
      Connection toMaster = driverClient.connect("127.0.0.1", master.port(), TIMEOUT, driver);
      toMaster.send(new RegisterApplication("test", "127.0.0.1", 45_000, 1, 256 * MIB));
      assertThat(driver.next()).isEqualTo(new ApplicationRegistered("app-1", 2));
      List<ControlMessage> states = List.of(driver.next(), driver.next());
      assertThat(states).allSatisfy(state ->
          assertThat(((ExecutorStateChanged) state).state()).isEqualTo(ExecutorState.RUNNING));
      // One executor per worker with the worker's cores; which worker's executor is "0" depends on
      // the order the two concurrently registering workers reached the master.
      List<ExecutorSpec> specs = launcher.launched.stream().map(FakeExecutor::spec).toList();
      assertThat(specs).extracting(ExecutorSpec::executorId).containsExactlyInAnyOrder("0", "1");
      assertThat(specs).extracting(ExecutorSpec::cores).containsExactlyInAnyOrder(2, 1);
      assertThat(specs).allSatisfy(spec -> assertThat(spec).isEqualTo(
          new ExecutorSpec("app-1", spec.executorId(), spec.cores(), 256 * MIB, "127.0.0.1", 45_000)));
      String onFirst = specs.stream().filter(spec -> spec.cores() == 2).findFirst().orElseThrow().executorId();
      assertThat(first.runningExecutors()).containsExactly("app-1/" + onFirst);

      // A second application finds the workers' cores taken.
      Recorder other = new Recorder();
      driverClient.connect("127.0.0.1", master.port(), TIMEOUT, other)
          .send(new RegisterApplication("other", "127.0.0.1", 45_001, 1, 256 * MIB));
      assertThat(other.next()).isEqualTo(new ApplicationRegistered("app-2", 0));

      toMaster.close();
      eventually("executors stopped after the driver left",
          () -> launcher.launched.stream().allMatch(executor -> executor.exited().isDone()));
      eventually("the application is forgotten", () -> !master.applicationIds().contains("app-1"));
      assertThat(first.runningExecutors()).isEmpty();
      // The freed cores serve the next application.
      Recorder third = new Recorder();
      driverClient.connect("127.0.0.1", master.port(), TIMEOUT, third)
          .send(new RegisterApplication("third", "127.0.0.1", 45_002, 1, 256 * MIB));
      assertThat(third.next()).isEqualTo(new ApplicationRegistered("app-3", 2));
    }
  }

  @Test
  void anExecutorThatExitsIsReportedToItsDriver() throws Exception {
    FakeLauncher launcher = new FakeLauncher();
    try (Master master = Master.start("127.0.0.1", 0, network(null), HEARTBEAT);
        Worker worker = worker(master, "w1", 1, network(null), launcher);
        RpcClient driverClient = new RpcClient("test-driver", network(null))) {
      worker.registered().get(5, TimeUnit.SECONDS);
      Recorder driver = new Recorder();
      driverClient.connect("127.0.0.1", master.port(), TIMEOUT, driver)
          .send(new RegisterApplication("test", "127.0.0.1", 45_000, 1, 64 * MIB));
      assertThat(driver.next()).isEqualTo(new ApplicationRegistered("app-1", 1));
      assertThat(((ExecutorStateChanged) driver.next()).state()).isEqualTo(ExecutorState.RUNNING);
      launcher.launched.get(0).exited().complete(137);
      ExecutorStateChanged failed = (ExecutorStateChanged) driver.next();
      assertThat(failed.state()).isEqualTo(ExecutorState.FAILED);
      assertThat(failed.message()).contains("137");
    }
  }

  @Test
  void aSilentWorkerIsDroppedAfterTheTimeoutWhileAHeartbeatingOneStays() throws Exception {
    try (Master master = Master.start("127.0.0.1", 0, network(null), HEARTBEAT);
        Worker alive = worker(master, "alive", 1, network(null), new FakeLauncher());
        RpcClient silentClient = new RpcClient("silent", network(null))) {
      alive.registered().get(5, TimeUnit.SECONDS);
      Recorder silent = new Recorder();
      silentClient.connect("127.0.0.1", master.port(), TIMEOUT, silent)
          .send(new RegisterWorker("silent", "127.0.0.1", 1, 64 * MIB));
      assertThat(silent.next()).isInstanceOf(ControlMessage.WorkerRegistered.class);
      eventually("both registered", () -> master.workerIds().size() == 2);
      silent.closed.get(TIMEOUT.toMillis() * 4, TimeUnit.MILLISECONDS);
      assertThat(master.workerIds()).containsExactly("alive");
      assertThat(alive.terminated()).isNotDone();
    }
  }

  @Test
  void aTakenWorkerIdIsRefused() throws Exception {
    try (Master master = Master.start("127.0.0.1", 0, network(null), HEARTBEAT);
        Worker first = worker(master, "same", 1, network(null), new FakeLauncher())) {
      // The second starts once the first holds the id: started together, either could win the race.
      first.registered().get(5, TimeUnit.SECONDS);
      try (Worker second = worker(master, "same", 1, network(null), new FakeLauncher())) {
        assertThatThrownBy(() -> second.registered().get(5, TimeUnit.SECONDS)).hasMessageContaining("is taken");
        assertThat(second.terminated().get(5, TimeUnit.SECONDS)).contains("refused");
        assertThat(master.workerIds()).containsExactly("same");
      }
    }
  }

  @Test
  void withASecretOnlyAWorkerThatKnowsItRegisters() throws Exception {
    // A handshake deadline far above the test's 1.5 s network timeout: in a cold test JVM the right
    // worker's first handshake (three connecting at once) once took longer and was refused as silent.
    // The other two are refused at once (a wrong proof; a first frame that is no proof), not by it.
    Duration handshake = Duration.ofSeconds(20);
    try (Master master = Master.start("127.0.0.1", 0, network("cluster-secret", handshake), HEARTBEAT);
        Worker wrong = worker(master, "wrong", 1, network("guess", handshake), new FakeLauncher());
        Worker none = worker(master, "none", 1, network(null, handshake), new FakeLauncher());
        Worker right = worker(master, "right", 1, network("cluster-secret", handshake), new FakeLauncher())) {
      assertThat(right.registered().get(5, TimeUnit.SECONDS)).isEqualTo("right");
      assertThatThrownBy(() -> wrong.registered().join()).isInstanceOf(CompletionException.class);
      assertThatThrownBy(() -> none.registered().join()).isInstanceOf(CompletionException.class);
      assertThat(wrong.terminated().get(5, TimeUnit.SECONDS)).isEqualTo("lost the master");
      assertThat(master.workerIds()).containsExactly("right");
    }
  }

  @Test
  void aWorkerStopsItsExecutorsWhenTheMasterGoesAway() throws Exception {
    FakeLauncher launcher = new FakeLauncher();
    Master master = Master.start("127.0.0.1", 0, network(null), HEARTBEAT);
    try (Worker worker = worker(master, "w1", 1, network(null), launcher);
        RpcClient driverClient = new RpcClient("test-driver", network(null))) {
      worker.registered().get(5, TimeUnit.SECONDS);
      Recorder driver = new Recorder();
      driverClient.connect("127.0.0.1", master.port(), TIMEOUT, driver)
          .send(new RegisterApplication("test", "127.0.0.1", 45_000, 1, 64 * MIB));
      assertThat(driver.next()).isEqualTo(new ApplicationRegistered("app-1", 1));
      master.close();
      assertThat(worker.terminated().get(5, TimeUnit.SECONDS)).isEqualTo("lost the master");
      assertThat(launcher.launched).singleElement().satisfies(executor -> assertThat(executor.exited()).isDone());
    } finally {
      master.close();
    }
  }

  @Test
  void anExecutorThatFailsIsRelaunchedWithANewIdUntilTheRetriesAreSpentAndOneThatExitsCleanlyIsNot() throws Exception {
    FakeLauncher launcher = new FakeLauncher();
    try (Master master = Master.start("127.0.0.1", 0, network(null), HEARTBEAT, 2);
        Worker worker = worker(master, "w1", 2, network(null), launcher);
        RpcClient driverClient = new RpcClient("test-driver", network(null))) {
      worker.registered().get(5, TimeUnit.SECONDS);
      Recorder driver = new Recorder();
      driverClient.connect("127.0.0.1", master.port(), TIMEOUT, driver)
          .send(new RegisterApplication("test", "127.0.0.1", 45_000, 1, 64 * MIB));
      assertThat(driver.next()).isEqualTo(new ApplicationRegistered("app-1", 1));
      assertThat(((ExecutorStateChanged) driver.next()).state()).isEqualTo(ExecutorState.RUNNING);
      // Two failures are answered with replacements on the worker whose resources came free, each with a new id.
      for (int failure = 0; failure < 2; failure++) {
        launcher.launched.get(failure).exited().complete(137);
        ExecutorStateChanged failed = (ExecutorStateChanged) driver.next();
        assertThat(failed.state()).isEqualTo(ExecutorState.FAILED);
        assertThat(failed.executorId()).isEqualTo(Integer.toString(failure));
        ExecutorStateChanged replacement = (ExecutorStateChanged) driver.next();
        assertThat(replacement.state()).isEqualTo(ExecutorState.RUNNING);
        assertThat(replacement.executorId()).isEqualTo(Integer.toString(failure + 1));
      }
      assertThat(launcher.launched).extracting(executor -> executor.spec().executorId()).containsExactly("0", "1", "2");
      assertThat(launcher.launched.get(2).spec().cores()).as("the freed cores").isEqualTo(2);
      assertThat(master.executorsOf("app-1")).containsExactly("w1/2");
      // The third failure is past ember.deploy.maxExecutorRetries (2): no replacement.
      launcher.launched.get(2).exited().complete(1);
      assertThat(((ExecutorStateChanged) driver.next()).state()).isEqualTo(ExecutorState.FAILED);
      assertThat(driver.received.poll(500, TimeUnit.MILLISECONDS)).isNull();
      assertThat(launcher.launched).hasSize(3);
      assertThat(master.executorsOf("app-1")).isEmpty();
    }
  }

  @Test
  void aCleanExitIsNotRelaunchedAndAJoiningWorkerGivesAnApplicationWithoutExecutorsOne() throws Exception {
    FakeLauncher launcher = new FakeLauncher();
    try (Master master = Master.start("127.0.0.1", 0, network(null), HEARTBEAT, 5);
        Worker first = worker(master, "w1", 1, network(null), launcher);
        RpcClient driverClient = new RpcClient("test-driver", network(null))) {
      first.registered().get(5, TimeUnit.SECONDS);
      Recorder driver = new Recorder();
      driverClient.connect("127.0.0.1", master.port(), TIMEOUT, driver)
          .send(new RegisterApplication("test", "127.0.0.1", 45_000, 1, 64 * MIB));
      assertThat(driver.next()).isEqualTo(new ApplicationRegistered("app-1", 1));
      assertThat(((ExecutorStateChanged) driver.next()).state()).isEqualTo(ExecutorState.RUNNING);
      launcher.launched.get(0).exited().complete(0);
      assertThat(((ExecutorStateChanged) driver.next()).state()).isEqualTo(ExecutorState.EXITED);
      assertThat(driver.received.poll(500, TimeUnit.MILLISECONDS)).as("no relaunch after a clean exit").isNull();
      assertThat(master.executorsOf("app-1")).isEmpty();
      try (Worker second = worker(master, "w2", 1, network(null), launcher)) {
        second.registered().get(5, TimeUnit.SECONDS);
        ExecutorStateChanged launched = (ExecutorStateChanged) driver.next();
        assertThat(launched.state()).isEqualTo(ExecutorState.RUNNING);
        assertThat(launched.executorId()).isEqualTo("1");
        // One executor per worker and application: w1 (free again) is not used, the newcomer is.
        assertThat(master.executorsOf("app-1")).containsExactly("w2/1");
      }
    }
  }

  @Test
  void aLostWorkersExecutorIsReplacedOnAWorkerWithRoomAndTheDriverIsTold() throws Exception {
    FakeLauncher launcher = new FakeLauncher();
    try (Master master = Master.start("127.0.0.1", 0, network(null), HEARTBEAT, 0);
        Worker spare = worker(master, "spare", 1, network(null), launcher);
        RpcClient driverClient = new RpcClient("test-driver", network(null))) {
      spare.registered().get(5, TimeUnit.SECONDS);
      // The spare's core goes to another application first, so app-2 lands on the doomed worker only.
      Recorder first = new Recorder();
      Connection firstDriver = driverClient.connect("127.0.0.1", master.port(), TIMEOUT, first);
      firstDriver.send(new RegisterApplication("first", "127.0.0.1", 45_000, 1, 64 * MIB));
      assertThat(first.next()).isEqualTo(new ApplicationRegistered("app-1", 1));
      // The doomed worker is a bare connection, so closing it is what a killed worker's process does.
      RpcClient doomedClient = new RpcClient("doomed", network(null));
      Recorder doomed = new Recorder();
      Connection doomedConnection = doomedClient.connect("127.0.0.1", master.port(), TIMEOUT, doomed);
      doomedConnection.send(new RegisterWorker("doomed", "127.0.0.1", 1, 512 * MIB));
      assertThat(doomed.next()).isInstanceOf(ControlMessage.WorkerRegistered.class);
      Recorder driver = new Recorder();
      driverClient.connect("127.0.0.1", master.port(), TIMEOUT, driver)
          .send(new RegisterApplication("second", "127.0.0.1", 45_001, 1, 64 * MIB));
      assertThat(driver.next()).isEqualTo(new ApplicationRegistered("app-2", 1));
      assertThat(doomed.next()).isInstanceOf(ControlMessage.LaunchExecutor.class);
      assertThat(master.executorsOf("app-2")).containsExactly("doomed/0");
      // app-1 leaves: the spare has room again, but app-2 still has its executor.
      firstDriver.close();
      eventually("app-1 gone", () -> master.applicationIds().equals(List.of("app-2")));
      assertThat(master.executorsOf("app-2")).containsExactly("doomed/0");
      // The doomed worker's connection closes as a killed process's would: the master forgets it,
      // tells the driver, and replaces the executor on the spare (a lost worker spends no retry).
      doomedConnection.close();
      doomedClient.close();
      eventually("the worker is forgotten", () -> master.workerIds().equals(List.of("spare")));
      ExecutorStateChanged lost = (ExecutorStateChanged) driver.next();
      assertThat(lost.state()).isEqualTo(ExecutorState.FAILED);
      assertThat(lost.executorId()).isEqualTo("0");
      assertThat(lost.message()).contains("worker doomed was lost");
      ExecutorStateChanged replacement = (ExecutorStateChanged) driver.next();
      assertThat(replacement.state()).isEqualTo(ExecutorState.RUNNING);
      assertThat(replacement.executorId()).isEqualTo("1");
      assertThat(master.executorsOf("app-2")).containsExactly("spare/1");
    }
  }
}
