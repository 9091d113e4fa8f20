package dev.ember.sql.integration;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.count;
import static dev.ember.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ember.cluster.launch.Daemons;
import dev.ember.cluster.launch.ProcessExecutorLauncher;
import dev.ember.core.scheduler.listener.JobListener;
import dev.ember.core.scheduler.listener.StageCompletedEvent;
import dev.ember.core.scheduler.listener.TaskEndEvent;
import dev.ember.core.scheduler.listener.TaskStartEvent;
import dev.ember.sql.DataFrame;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import dev.ember.sql.RowFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several hosts on one machine: the master and two workers each in a network namespace of its own,
 * joined by veth links to a bridge on a private test subnet, the driver (this JVM) in the root
 * namespace reaching them over the bridge ({@code ember.driver.host}); executors serve their
 * blocks at their worker's address. A job runs across both workers; in the next one, one
 * worker's link is cut once the first stage completed, and the job still finishes, with the right
 * answer, on the other. Needs root and {@code ip netns}; skipped with the reason otherwise.
 */
@Tag("integration")
class MultiHostClusterIntegrationTest {
  /** The daemons' own settings: a silent worker is dropped, and a dead block server given up on, within seconds. */
  private static final List<String> DAEMON_OPTIONS = List.of("-Dember.network.timeout=6s",
      "-Dember.executor.heartbeatInterval=1s", "-Dember.shuffle.io.maxRetries=1", "-Dember.shuffle.io.retryWait=200ms");

  @TempDir
  Path logs;

  private static List<Row> job(EmberSession session) {
    DataFrame orders = session.range(0, 30_000).select(col("id").as("order"), col("id").mod(701).as("customer"),
        col("id").mod(17).as("amount"));
    DataFrame customers = session.range(0, 701).select(col("id").as("customer"), col("id").mod(9).as("region"));
    return orders.join(customers, "customer").groupBy("region")
        .agg(count("order").as("orders"), sum("amount").as("total")).orderBy("region").collectAsList();
  }

  private static List<Row> expected() {
    Map<Long, long[]> byRegion = new TreeMap<>();
    for (long order = 0; order < 30_000; order++) {
      long[] totals = byRegion.computeIfAbsent((order % 701) % 9, region -> new long[2]);
      totals[0]++;
      totals[1] += order % 17;
    }
    List<Row> rows = new ArrayList<>();
    byRegion.forEach((region, totals) -> rows.add(RowFactory.create(region, totals[0], totals[1])));
    return rows;
  }

  @Test
  void aJobSurvivesCuttingOneWorkersLinkAndFinishesOnTheOther() throws Exception {
    String unavailable = NetworkNamespaces.unavailableReason();
    assumeTrue(unavailable == null, () -> "skipped: the multi-host test puts the master and workers in Linux"
        + " network namespaces, and " + unavailable);
    EmberSession.getActiveSession().ifPresent(EmberSession::stop);
    List<Process> daemons = new ArrayList<>();
    try (NetworkNamespaces network = NetworkNamespaces.create(List.of("master", "worker-a", "worker-b"))) {
      try {
        String masterUrl = "ember://" + network.address("master") + ":7077";
        Path masterLog = logs.resolve("master.log");
        daemons.add(start(network, "master", masterLog, Daemons.MASTER_MAIN_CLASS,
            List.of("--host", network.address("master"), "--port", "7077")));
        awaitLine(masterLog, Daemons.MASTER_LISTENING, daemons.get(0));
        for (String worker : List.of("worker-a", "worker-b")) {
          Path log = logs.resolve(worker + ".log");
          Process process = start(network, worker, log, Daemons.WORKER_MAIN_CLASS, List.of(masterUrl,
              "--host", network.address(worker), "--id", worker, "--cores", "1", "--memory", "512m",
              "--work-dir", logs.resolve(worker).toString()));
          daemons.add(process);
          awaitLine(log, Daemons.WORKER_REGISTERED, process);
        }

        AtomicBoolean cut = new AtomicBoolean();
        try (EmberSession session = EmberSession.builder().master(masterUrl)
            .config("ember.driver.host", network.rootAddress())
            .config("ember.executor.memory", "384m")
            .config("ember.network.timeout", "60s")
            .config("ember.sql.autoBroadcastJoinThreshold", "-1")
            .config("ember.sql.shuffle.partitions", "6").getOrCreate()) {
          Set<String> executorsBefore = ConcurrentHashMap.newKeySet();
          Set<String> executorsAfterCut = ConcurrentHashMap.newKeySet();
          Set<Long> launchedAfterCut = ConcurrentHashMap.newKeySet();
          JobListener tasks = new JobListener() {
            @Override
            public void onTaskStart(TaskStartEvent event) {
              if (cut.get()) {
                launchedAfterCut.add(event.taskId());
              }
            }

            @Override
            public void onTaskEnd(TaskEndEvent event) {
              if (!event.succeeded()) {
                return;
              }
              if (!cut.get()) {
                executorsBefore.add(event.executorId());
              } else if (launchedAfterCut.contains(event.taskId())) {
                // Tasks already running when the link went down may still report (their results were on
                // the way); the tasks launched after the cut show where the job went on.
                executorsAfterCut.add(event.executorId());
              }
            }
          };
          // Both listeners run on the scheduling thread, so the cut and the tasks' launches are seen in the
          // order the scheduler made them (the listener bus delivers later).
          dev.ember.sql.SessionInternals.addSchedulingListener(session, tasks);
          assertThat(job(session)).as("across both workers").isEqualTo(expected());
          assertThat(executorsBefore).as("tasks ran on both workers' executors").hasSize(2);

          dev.ember.sql.SessionInternals.addSchedulingListener(session, new JobListener() {
            @Override
            public void onStageCompleted(StageCompletedEvent event) {
              if (cut.compareAndSet(false, true)) {
                try {
                  network.cut("worker-b");
                } catch (IOException failed) {
                  throw new IllegalStateException(failed);
                }
              }
            }
          });
          assertThat(job(session)).as("with worker-b cut off mid-job").isEqualTo(expected());
          assertThat(cut).isTrue();
          assertThat(executorsAfterCut).as("tasks launched after the cut succeed on the remaining executor only").hasSize(1);
        }
      } catch (AssertionError | RuntimeException | IOException failed) {
        throw withLogs(failed);
      } finally {
        daemons.forEach(process -> {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        });
      }
    }
  }

  private Process start(NetworkNamespaces network, String host, Path log, String mainClass, List<String> arguments)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessExecutorLauncher.currentJava());
    command.addAll(DAEMON_OPTIONS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(arguments);
    command.addAll(List.of("--parent-pid", Long.toString(ProcessHandle.current().pid())));
    ProcessBuilder builder = new ProcessBuilder(network.inside(host, command)).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().remove(ProcessExecutorLauncher.SECRET_ENVIRONMENT);
    return builder.start();
  }

  private static void awaitLine(Path log, String line, Process process) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
      if (text.contains(line)) {
        return;
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("no '" + line + "' from " + log.getFileName() + ":\n" + text);
      }
      Thread.sleep(50);
    }
  }

  /** The failure with the daemons' logs attached, so that a CI failure says what the processes saw. */
  private AssertionError withLogs(Throwable failed) {
    StringBuilder text = new StringBuilder(String.valueOf(failed.getMessage()));
    try (var files = Files.walk(logs)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        text.append("\n--- ").append(logs.relativize(file)).append(" ---\n")
            .append(content, Math.max(0, content.length() - 4000), content.length());
      }
    } catch (IOException unreadable) {
      text.append("\n(logs unreadable: ").append(unreadable).append(')');
    }
    return new AssertionError(text.toString(), failed);
  }
}
