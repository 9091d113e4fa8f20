package dev.ember.cluster.launch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.cluster.master.EmberMaster;
import dev.ember.cluster.rpc.Connection;
import dev.ember.cluster.rpc.ControlMessage;
import dev.ember.cluster.rpc.ControlMessage.ApplicationRegistered;
import dev.ember.cluster.rpc.ControlMessage.ExecutorRegistered;
import dev.ember.cluster.rpc.ControlMessage.RegisterApplication;
import dev.ember.cluster.rpc.ControlMessage.RegisterExecutor;
import dev.ember.cluster.rpc.Endpoint;
import dev.ember.cluster.rpc.RpcClient;
import dev.ember.cluster.rpc.RpcServer;
import dev.ember.cluster.worker.EmberWorker;
import dev.ember.core.network.NetworkSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: executors launched by the process launcher, and the master and worker mains. */
class ProcessLaunchTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final long MIB = 1L << 20;

  @TempDir
  Path work;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void noProcessOutlivesItsTest() {
    for (Process process : started) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /** A driver's executor endpoint: accepts every executor and queues its registration. */
  private static final class Driver implements Endpoint {
    final BlockingQueue<RegisterExecutor> registrations = new LinkedBlockingQueue<>();

    @Override
    public void received(Connection connection, ControlMessage message) {
      if (message instanceof RegisterExecutor registration) {
        registrations.add(registration);
        connection.send(new ExecutorRegistered(registration.executorId(), 0));
      }
    }

    RegisterExecutor next() throws InterruptedException {
      RegisterExecutor registration = registrations.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertThat(registration).as("an executor registers within " + TIMEOUT).isNotNull();
      return registration;
    }
  }

  private static void awaitExit(long pid) throws InterruptedException {
    Optional<ProcessHandle> handle = ProcessHandle.of(pid);
    if (handle.isPresent()) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (handle.get().isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(handle.get().isAlive()).as("process " + pid + " is gone").isFalse();
    }
  }

  @Test
  void anExecutorProcessConnectsBackAndExitsWhenTheDriverGoesAway() throws Exception {
    Driver driver = new Driver();
    ProcessExecutorLauncher launcher = new ProcessExecutorLauncher(work, List.of());
    ExecutorSpec spec;
    LaunchedExecutor executor;
    try (RpcServer server = RpcServer.start("test-driver", "127.0.0.1", 0, NetworkSettings.defaults(), driver)) {
      spec = new ExecutorSpec("app-7", "3", 2, 128 * MIB, "127.0.0.1", server.port());
      assertThat(launcher.command(spec)).contains("-Xmx128m", ProcessExecutorLauncher.EXECUTOR_MAIN_CLASS,
          "127.0.0.1:" + server.port(), "--executor-id", "3");
      executor = launcher.launch(spec);
      RegisterExecutor registration = driver.next();
      assertThat(registration.executorId()).isEqualTo("3");
      assertThat(registration.cores()).isEqualTo(2);
      Optional<ProcessHandle> process = ProcessHandle.of(registration.processId());
      assertThat(process).isPresent();
      assertThat(process.get().info().commandLine().orElse(ProcessExecutorLauncher.EXECUTOR_MAIN_CLASS))
          .contains("EmberExecutor");
      assertThat(executor.exited()).isNotDone();
    }
    // The driver's server closed: the executor ends by itself.
    assertThat(executor.exited().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isZero();
    assertThat(Files.readString(work.resolve("app-7").resolve("3").resolve("stdout"))).contains("lost the driver");
  }

  @Test
  void killEndsAnExecutorProcess() throws Exception {
    Driver driver = new Driver();
    try (RpcServer server = RpcServer.start("test-driver", "127.0.0.1", 0, NetworkSettings.defaults(), driver)) {
      LaunchedExecutor executor = new ProcessExecutorLauncher(work, List.of())
          .launch(new ExecutorSpec("app-1", "0", 1, 64 * MIB, "127.0.0.1", server.port()));
      long pid = driver.next().processId();
      executor.kill();
      executor.exited().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      awaitExit(pid);
    }
  }

  /** Runs {@code bin/ember} with this test's class path (the script's EMBER_CLASSPATH override). */
  private Process ember(Path log, String... arguments) throws IOException {
    Path script = Path.of("..", "bin", "ember").toAbsolutePath().normalize();
    assertThat(script).exists();
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("EMBER_CLASSPATH", System.getProperty("java.class.path"));
    builder.environment().put("EMBER_JAVA_OPTS", "-Dember.executor.heartbeatInterval=200ms -Dember.network.timeout=5s");
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private static Matcher awaitLine(Path log, Pattern pattern) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Matcher matcher = pattern.matcher(Files.readString(log, StandardCharsets.UTF_8));
        if (matcher.find()) {
          return matcher;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no line matching " + pattern + " in " + log + ":\n"
        + (Files.exists(log) ? Files.readString(log) : "(no log)"));
  }

  @Test
  void theScriptNamesItsCommandsWhenCalledWrongly() throws Exception {
    Process wrong = ember(work.resolve("wrong.log"), "mastr");
    assertThat(wrong.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(wrong.exitValue()).isEqualTo(2);
    assertThat(Files.readString(work.resolve("wrong.log"))).contains("unknown command 'mastr'")
        .contains("bin/ember master").contains("bin/ember worker ember://HOST:PORT");
    Process badUrl = ember(work.resolve("bad-url.log"), "worker", "local[2]");
    assertThat(badUrl.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(badUrl.exitValue()).isNotZero();
    assertThat(Files.readString(work.resolve("bad-url.log"))).contains("a worker joins a standalone master");
  }

  /** Through bin/ember, as a user starts them (the script execs java, so the process is the JVM). */
  @Test
  void masterWorkerAndExecutorProcessesLeaveNoOrphans() throws Exception {
    Process master = ember(work.resolve("master.log"), "master", "--port", "0");
    Matcher listening = awaitLine(work.resolve("master.log"),
        Pattern.compile(Pattern.quote(EmberMaster.LISTENING) + " ember://127\\.0\\.0\\.1:([0-9]+)"));
    int masterPort = Integer.parseInt(listening.group(1));
    Process worker = ember(work.resolve("worker.log"), "worker",
        "ember://127.0.0.1:" + masterPort, "--cores", "2", "--memory", "256m", "--work-dir", work.toString());
    awaitLine(work.resolve("worker.log"), Pattern.compile(Pattern.quote(EmberWorker.REGISTERED)));

    Driver driver = new Driver();
    BlockingQueue<ControlMessage> fromMaster = new LinkedBlockingQueue<>();
    long executorPid;
    try (RpcServer driverServer = RpcServer.start("test-driver", "127.0.0.1", 0, NetworkSettings.defaults(), driver);
        RpcClient client = new RpcClient("test-driver", NetworkSettings.defaults())) {
      Connection toMaster = client.connect("127.0.0.1", masterPort, TIMEOUT, (connection, message) -> fromMaster.add(message));
      toMaster.send(new RegisterApplication("processes", "127.0.0.1", driverServer.port(), 1, 128 * MIB));
      assertThat(fromMaster.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(new ApplicationRegistered("app-1", 1));
      RegisterExecutor registration = driver.next();
      assertThat(registration.cores()).isEqualTo(2);
      executorPid = registration.processId();
      assertThat(worker.descendants().map(ProcessHandle::pid)).contains(executorPid);
    }
    // The driver is gone: its executor exits, the worker stays.
    awaitExit(executorPid);
    assertThat(worker.isAlive()).isTrue();
    // The master is gone: the worker stops.
    master.destroy();
    assertThat(master.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(worker.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the worker exits without its master").isTrue();
    assertThat(Files.readString(work.resolve("worker.log"))).contains("lost the master");
  }
}
