package dev.ember.sql.integration;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.core.scheduler.listener.ExecutorRemovedEvent;
import dev.ember.core.scheduler.listener.JobEndEvent;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.TaskStartEvent;
import dev.ember.examples.DemoJob;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standalone cluster as a user starts it: {@code bin/ember master} and {@code bin/ember
 * worker} as processes (the script execs java, so each is the JVM; this test's class path through
 * the script's {@code EMBER_CLASSPATH}), on loopback with free ports; drivers join with
 * {@code master("ember://127.0.0.1:PORT")}. Answers equal local mode's; a SIGKILLed worker is
 * forgotten by the master, which tells the driver, and the job finishes on the other worker; a
 * SIGKILLed driver's executors end within the heartbeat timeout while the daemons keep serving.
 * Every test stops what it started and checks that no cluster process is left.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StandaloneScriptsIntegrationTest {
  private static final Duration STARTUP = Duration.ofSeconds(60);
  /** Daemons' settings: heartbeats twice a second, a silent peer dropped after 10 s. */
  private static final String DAEMON_OPTIONS = "-Dember.network.timeout=10s -Dember.executor.heartbeatInterval=500ms";
  private static final List<String> CLUSTER_MAINS = List.of("dev.ember.cluster.master.EmberMaster",
      "dev.ember.cluster.worker.EmberWorker", "dev.ember.cluster.executor.EmberExecutor");

  @TempDir
  Path work;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopEverything() {
    for (Process process : started) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /** Runs {@code bin/ember} with this test's class path; its output goes to {@code log}. */
  private Process ember(Path log, String... arguments) throws IOException {
    Path script = Path.of("..", "bin", "ember").toAbsolutePath().normalize();
    assertThat(script).exists();
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("EMBER_CLASSPATH", System.getProperty("java.class.path"));
    builder.environment().put("EMBER_JAVA_OPTS", DAEMON_OPTIONS);
    builder.environment().remove("EMBER_AUTHENTICATE_SECRET");
    Process process = builder.start();
    started.add(process);
    return process;
  }

  private static Matcher awaitLine(Path log, Pattern pattern, Process process) throws Exception {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (true) {
      String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      Matcher matcher = pattern.matcher(text);
      if (matcher.find()) {
        return matcher;
      }
      assertThat(process.isAlive()).as("process alive; its log:\n" + text).isTrue();
      assertThat(System.nanoTime()).as("'" + pattern + "' within " + STARTUP + "; log:\n" + text).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private static void eventually(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what + " within " + within).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private record Cluster(Process master, int port, List<Process> workers) {
    String url() {
      return "ember://127.0.0.1:" + port;
    }

    List<ProcessHandle> executors() {
      return workers.stream().flatMap(Process::descendants).toList();
    }
  }

  /** {@code bin/ember master --port 0} and {@code workers} × {@code bin/ember worker URL --cores 1 --memory 512m}. */
  private Cluster startCluster(int workers) throws Exception {
    Path masterLog = work.resolve("master.log");
    Process master = ember(masterLog, "master", "--port", "0");
    int port = Integer.parseInt(awaitLine(masterLog,
        Pattern.compile("Ember master listening on ember://127\\.0\\.0\\.1:([0-9]+)"), master).group(1));
    List<Process> workerProcesses = new ArrayList<>();
    for (int worker = 0; worker < workers; worker++) {
      workerProcesses.add(ember(work.resolve("worker-" + worker + ".log"), "worker", "ember://127.0.0.1:" + port,
          "--cores", "1", "--memory", "512m", "--id", "script-worker-" + worker,
          "--work-dir", work.resolve("work-" + worker).toString()));
    }
    for (int worker = 0; worker < workers; worker++) {
      awaitLine(work.resolve("worker-" + worker + ".log"), Pattern.compile("Ember worker registered:"),
          workerProcesses.get(worker));
    }
    return new Cluster(master, port, workerProcesses);
  }

  /** Stops the daemons as an operator would (SIGTERM) and checks that no cluster process of this JVM is left. */
  private static void stop(Cluster cluster) throws Exception {
    for (Process worker : cluster.workers()) {
      worker.destroy();
    }
    cluster.master().destroy();
    for (Process worker : cluster.workers()) {
      assertThat(worker.waitFor(30, TimeUnit.SECONDS)).as("worker exits on SIGTERM").isTrue();
    }
    assertThat(cluster.master().waitFor(30, TimeUnit.SECONDS)).as("master exits on SIGTERM").isTrue();
    eventually("no cluster process left", Duration.ofSeconds(15), () -> CLUSTER_MAINS.stream()
        .allMatch(main -> ClusterProcesses.running(main).isEmpty()));
  }

  private static EmberSession.Builder cluster(String url) {
    return EmberSession.builder().appName("scripts").master(url)
        .config("ember.executor.memory", "256m").config("ember.network.timeout", "10s")
        .config("ember.executor.heartbeatInterval", "500ms").config("ember.ui.enabled", "false")
        .config("ember.sql.autoBroadcastJoinThreshold", "-1").config("ember.sql.shuffle.partitions", "6");
  }

  private static EmberSession local() {
    return EmberSession.builder().appName("scripts-local").master("local[2]").config("ember.ui.enabled", "false")
        .config("ember.sql.autoBroadcastJoinThreshold", "-1").config("ember.sql.shuffle.partitions", "6")
        .getOrCreate();
  }

  /** Join (shuffled), aggregate and sort over {@code orderCount} orders: three shuffles. */
  private static List<Row> joinAggregateSort(EmberSession session, long orderCount) {
    DataFrame orders = session.range(0, orderCount).select(col("id").as("order"), col("id").mod(997).as("customer"),
        col("id").mod(13).as("amount"));
    DataFrame customers = session.range(0, 997).select(col("id").as("customer"), col("id").mod(17).as("region"));
    return orders.join(customers, "customer").groupBy("region")
        .agg(count("order").as("orders"), sum("amount").as("total")).orderBy("region").collectAsList();
  }

  @Test
  void aDriverJoinsDaemonsStartedByTheScriptsAndItsJobsEqualLocalMode() throws Exception {
    List<Row> localDemo;
    List<Row> localJoin;
    try (EmberSession session = local()) {
      localDemo = DemoJob.revenueByCountry(session, 20_000).collectAsList();
      localJoin = joinAggregateSort(session, 40_000);
    }
    assertThat(localDemo).isNotEmpty();
    assertThat(localJoin).hasSize(17);

    Cluster cluster = startCluster(2);
    List<ProcessHandle> executors;
    try (EmberSession session = cluster(cluster.url()).getOrCreate()) {
      executors = cluster.executors();
      assertThat(executors).as("one executor process per worker").hasSize(2);
      assertThat(executors).allMatch(executor -> executor.info().commandLine().orElse("").contains("EmberExecutor"));
      IntegrationSupport.assertSameRowsInOrder(DemoJob.revenueByCountry(session, 20_000).collectAsList(), localDemo);
      assertThat(joinAggregateSort(session, 40_000)).isEqualTo(localJoin);
    }
    // The application ended: its executors go, the daemons stay for the next one.
    eventually("the executors exit after stop()", Duration.ofSeconds(15),
        () -> executors.stream().noneMatch(ProcessHandle::isAlive));
    assertThat(cluster.master().isAlive()).isTrue();
    assertThat(cluster.workers()).allMatch(Process::isAlive);
    stop(cluster);
  }

  @Test
  void aKilledWorkerIsForgottenByTheMasterWhichTellsTheDriverAndTheJobFinishesOnTheOther() throws Exception {
    long orders = 3_000_000;
    List<Row> expected;
    try (EmberSession session = local()) {
      expected = joinAggregateSort(session, orders);
    }
    Cluster cluster = startCluster(2);
    Process victim = cluster.workers().get(1);
    List<Object> events = new CopyOnWriteArrayList<>();
    AtomicBoolean killed = new AtomicBoolean();
    try (EmberSession session = cluster(cluster.url()).getOrCreate()) {
      List<ProcessHandle> onVictim = victim.descendants().toList();
      assertThat(onVictim).hasSize(1);
      String victimExecutor = executorId(onVictim.get(0));
      session.addJobListener(new JobListener() {
        @Override
        public void onTaskStart(TaskStartEvent event) {
          // SIGKILL of the worker process only: its executor stays connected to the driver, so
          // only the master's message can tell the driver that it is gone.
          if (event.executorId().equals(victimExecutor) && killed.compareAndSet(false, true)) {
            victim.destroyForcibly();
          }
        }

        @Override
        public void onExecutorRemoved(ExecutorRemovedEvent event) {
          events.add(event);
        }

        @Override
        public void onJobEnd(JobEndEvent event) {
          events.add(event);
        }
      });
      assertThat(joinAggregateSort(session, orders)).isEqualTo(expected);
      session.waitUntilListenerBusEmpty(Duration.ofSeconds(30));
      assertThat(killed).isTrue();
      assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
      ExecutorRemovedEvent removed = events.stream().filter(ExecutorRemovedEvent.class::isInstance)
          .map(ExecutorRemovedEvent.class::cast).findFirst().orElseThrow();
      assertThat(removed.executorId()).isEqualTo(victimExecutor);
      assertThat(removed.reason()).contains("worker script-worker-1 was lost");
      assertThat(events.indexOf(removed)).as("lost while the job ran")
          .isLessThan(events.indexOf(events.stream().filter(JobEndEvent.class::isInstance).findFirst().orElseThrow()));
      assertThat(Files.readString(work.resolve("master.log"))).contains("Dropped worker script-worker-1");
      // The dead worker's executor lost its driver too (the driver closed it): no orphan.
      eventually("the lost worker's executor exits", Duration.ofSeconds(15),
          () -> onVictim.stream().noneMatch(ProcessHandle::isAlive));
      // The session goes on with the other worker alone.
      assertThat(joinAggregateSort(session, 40_000)).hasSize(17);
    }
    stop(cluster);
  }

  @Test
  void aKilledDriversExecutorsEndWithinTheHeartbeatTimeoutAndTheDaemonsServeTheNextDriver() throws Exception {
    Cluster cluster = startCluster(1);
    Path log = work.resolve("driver.log");
    Duration heartbeatTimeout = Duration.ofSeconds(4);
    Process driver = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp",
        System.getProperty("java.class.path"), StandaloneDriverMain.class.getName(), cluster.url(),
        heartbeatTimeout.toSeconds() + "s").redirectErrorStream(true).redirectOutput(log.toFile()).start();
    started.add(driver);
    awaitLine(log, Pattern.compile(Pattern.quote(StandaloneDriverMain.READY)), driver);
    List<ProcessHandle> executors = cluster.executors();
    assertThat(executors).hasSize(1);
    driver.destroyForcibly();
    long killed = System.nanoTime();
    driver.waitFor();
    eventually("the driver's executor exits", heartbeatTimeout, () -> executors.stream().noneMatch(ProcessHandle::isAlive));
    assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(heartbeatTimeout);
    assertThat(cluster.master().isAlive()).isTrue();
    assertThat(cluster.workers()).allMatch(Process::isAlive);
    eventually("the master ends the application", Duration.ofSeconds(10), () -> {
      try {
        return Files.readString(work.resolve("master.log")).contains("Application app-1 ended");
      } catch (IOException unreadable) {
        throw new java.io.UncheckedIOException(unreadable);
      }
    });
    // The worker's resources are free again: the next driver gets an executor there.
    try (EmberSession session = cluster(cluster.url()).getOrCreate()) {
      assertThat(session.range(0, 10_000).filter(col("id").mod(3).equalTo(0)).count()).isEqualTo(3_334);
    }
    stop(cluster);
  }

  private static String executorId(ProcessHandle executor) {
    Matcher matcher = Pattern.compile("--executor-id (\\S+)").matcher(executor.info().commandLine().orElse(""));
    assertThat(matcher.find()).as("executor command line " + executor.info().commandLine()).isTrue();
    return matcher.group(1);
  }
}
