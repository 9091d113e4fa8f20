package dev.ember.cluster.standalone;

import dev.ember.cluster.launch.DaemonSettings;
import dev.ember.cluster.launch.Daemons;
import dev.ember.cluster.launch.ProcessExecutorLauncher;
import dev.ember.core.io.Directories;
import dev.ember.core.memory.UnifiedMemoryManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code local-cluster[W,C,M]}: a master and W workers as separate JVMs on loopback, started with
 * this JVM's {@code java} and class path (so executors load the driver's classes), and stopped
 * together: {@link #close} ends the workers (which end their executors), then the master, then
 * forcibly anything still alive, so no process outlives the session. Should the driver die without
 * closing (SIGKILL), the master and workers see their parent process end and stop too
 * ({@code --parent-pid}), and the workers stop their executors.
 */
public final class LocalClusterProcesses implements AutoCloseable {
  private static final Pattern LISTENING =
      Pattern.compile(Pattern.quote(Daemons.MASTER_LISTENING) + " ember://127\\.0\\.0\\.1:([0-9]+)");

  private final Path directory;
  private final List<Process> processes = new ArrayList<>();
  private int masterPort;

  private LocalClusterProcesses(Path directory) {
    this.directory = directory;
  }

  /**
   * Starts a master and {@code workers} workers of {@code coresPerWorker} cores and
   * {@code memoryPerWorker} bytes each, and waits (up to {@code timeout}) until every worker registered.
   *
   * @param settings {@code ember.*} settings passed on as system properties (not the secret: see
   *     {@link ProcessExecutorLauncher#SECRET_ENVIRONMENT})
   */
  public static LocalClusterProcesses start(int workers, int coresPerWorker, long memoryPerWorker,
      Map<String, String> settings, String secretOrNull, Duration timeout) {
    Path directory;
    Path localDirectory = Path.of(settings.getOrDefault(UnifiedMemoryManager.LOCAL_DIR, System.getProperty("java.io.tmpdir")));
    try {
      // A session folder of this process: deleted by close, and, should this process die first
      // (killed), by the next session's start in the same directory (Directories reclaims the
      // folders of processes that are gone).
      directory = Directories.createSessionFolder(localDirectory);
    } catch (IOException unwritable) {
      throw new UncheckedIOException("cannot create a directory for the local cluster's logs under " + localDirectory,
          unwritable);
    }
    LocalClusterProcesses processes = new LocalClusterProcesses(directory);
    try {
      Path masterLog = directory.resolve("master.log");
      processes.launch(Daemons.MASTER_MAIN_CLASS, settings, secretOrNull, masterLog,
          List.of("--host", "127.0.0.1", "--port", "0", "--parent-pid", Long.toString(ProcessHandle.current().pid())));
      processes.masterPort = Integer.parseInt(awaitLine(masterLog, LISTENING, timeout, processes.processes.get(0))
          .group(1));
      List<Path> workerLogs = new ArrayList<>();
      for (int worker = 0; worker < workers; worker++) {
        Path log = directory.resolve("worker-" + worker + ".log");
        workerLogs.add(log);
        processes.launch(Daemons.WORKER_MAIN_CLASS, settings, secretOrNull, log, List.of(
            "ember://127.0.0.1:" + processes.masterPort, "--id", "local-worker-" + worker,
            "--cores", Integer.toString(coresPerWorker), "--memory", memoryPerWorker + "b",
            "--work-dir", directory.resolve("work-" + worker).toString(),
            "--parent-pid", Long.toString(ProcessHandle.current().pid())));
      }
      for (int worker = 0; worker < workerLogs.size(); worker++) {
        awaitLine(workerLogs.get(worker), Pattern.compile(Pattern.quote(Daemons.WORKER_REGISTERED)), timeout,
            processes.processes.get(worker + 1));
      }
      return processes;
    } catch (RuntimeException failed) {
      processes.close();
      throw failed;
    }
  }

  public int masterPort() {
    return masterPort;
  }

  /** The master and worker processes (executors are the workers' children). */
  public List<ProcessHandle> processes() {
    return processes.stream().map(Process::toHandle).toList();
  }

  private void launch(String mainClass, Map<String, String> settings, String secretOrNull, Path log,
      List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(ProcessExecutorLauncher.currentJava());
    command.addAll(DaemonSettings.systemPropertyOptions(settings));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // Secrets (the authentication secret, TLS store passwords) travel in the environment, never argv.
    DaemonSettings.SENSITIVE_ENVIRONMENT.values().forEach(builder.environment()::remove);
    builder.environment().putAll(DaemonSettings.sensitiveEnvironment(settings));
    if (secretOrNull != null) {
      builder.environment().put(ProcessExecutorLauncher.SECRET_ENVIRONMENT, secretOrNull);
    }
    try {
      processes.add(builder.start());
    } catch (IOException failed) {
      throw new UncheckedIOException("cannot start " + mainClass, failed);
    }
  }

  private static Matcher awaitLine(Path log, Pattern pattern, Duration timeout, Process process) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        Matcher matcher = pattern.matcher(text);
        if (matcher.find()) {
          return matcher;
        }
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("local-cluster process did not report ready ("
              + (process.isAlive() ? "timed out after " + timeout.toMillis() + " ms" : "it exited") + "); its log "
              + log + ":\n" + text);
        }
        Thread.sleep(20);
      }
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the local cluster", interrupted);
    }
  }

  /** Ends the workers, then the master; forcibly after a grace time; waits until all are gone. */
  @Override
  public void close() {
    List<ProcessHandle> everything = new ArrayList<>();
    for (Process process : processes) {
      process.descendants().forEach(everything::add);
      everything.add(process.toHandle());
    }
    // Workers first (index 1..): their shutdown hooks stop their executors.
    for (int index = processes.size() - 1; index >= 0; index--) {
      processes.get(index).destroy();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (ProcessHandle handle : everything) {
      long left = deadline - System.nanoTime();
      try {
        handle.onExit().get(Math.max(1, left), TimeUnit.NANOSECONDS);
      } catch (Exception stillAlive) {
        handle.destroyForcibly();
      }
    }
    for (ProcessHandle handle : everything) {
      handle.onExit().join();
    }
    try {
      Directories.deleteRecursively(directory);
    } catch (UncheckedIOException undeletable) {
      // Logs only; the next session's start reclaims the folder once this process is gone.
    }
  }

  /** The folder of the master's and workers' logs and work folders (for tests). */
  Path directory() {
    return directory;
  }
}
