package dev.ember.cluster.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts each executor as a JVM of its own: the same {@code java} and class path as this process,
 * main class {@value #EXECUTOR_MAIN_CLASS} (so {@code jps} and {@code ps} show "EmberExecutor"),
 * heap {@code -Xmx} of the executor's memory. Output goes to {@code stdout}/{@code stderr} under
 * {@code <work directory>/<application>/<executor>/}. The secret, if any, reaches the child through
 * the inherited environment ({@value #SECRET_ENVIRONMENT}), never its command line.
 */
public final class ProcessExecutorLauncher implements ExecutorLauncher {
  public static final String EXECUTOR_MAIN_CLASS = "dev.ember.cluster.executor.EmberExecutor";
  public static final String SECRET_ENVIRONMENT = "EMBER_AUTHENTICATE_SECRET";
  private static final long GRACE_MILLIS = 3_000;

  private final Path workDirectory;
  private final String javaCommand;
  private final String classPath;
  private final List<String> extraOptions;
  private final String hostOrNull;

  /** The JVM and class path of this process; {@code extraOptions} go before the main class (for example -D settings). */
  public ProcessExecutorLauncher(Path workDirectory, List<String> extraOptions) {
    this(workDirectory, currentJava(), System.getProperty("java.class.path"), extraOptions);
  }

  public ProcessExecutorLauncher(Path workDirectory, String javaCommand, String classPath, List<String> extraOptions) {
    this(workDirectory, javaCommand, classPath, extraOptions, null);
  }

  private ProcessExecutorLauncher(Path workDirectory, String javaCommand, String classPath, List<String> extraOptions,
      String hostOrNull) {
    this.hostOrNull = hostOrNull;
    this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory is null");
    this.javaCommand = Objects.requireNonNull(javaCommand, "javaCommand is null");
    this.classPath = Objects.requireNonNull(classPath, "classPath is null");
    this.extraOptions = List.copyOf(extraOptions);
  }

  /**
   * This launcher with executors that listen at {@code host} (their block server), the address of
   * the worker's machine that other executors can reach; without it they listen on loopback.
   */
  public ProcessExecutorLauncher withHost(String host) {
    return new ProcessExecutorLauncher(workDirectory, javaCommand, classPath, extraOptions,
        Objects.requireNonNull(host, "host is null"));
  }

  /** The {@code java} that runs this process. */
  public static String currentJava() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** The command line for {@code spec} (tests read it; the secret is not in it). */
  public List<String> command(ExecutorSpec spec) {
    List<String> command = new ArrayList<>();
    command.add(javaCommand);
    command.add("-Xmx" + Math.max(64, spec.memoryBytes() >> 20) + "m");
    command.addAll(extraOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(EXECUTOR_MAIN_CLASS);
    command.addAll(List.of("--driver", spec.driverHost() + ":" + spec.driverPort(),
        "--executor-id", spec.executorId(), "--app-id", spec.applicationId(),
        "--cores", Integer.toString(spec.cores()), "--memory", spec.memoryBytes() + "b"));
    if (hostOrNull != null) {
      command.addAll(List.of("--host", hostOrNull));
    }
    return command;
  }

  @Override
  public LaunchedExecutor launch(ExecutorSpec spec) throws IOException {
    Path directory = workDirectory.resolve(safe(spec.applicationId())).resolve(safe(spec.executorId()));
    Files.createDirectories(directory);
    Process process = new ProcessBuilder(command(spec))
        .directory(directory.toFile())
        .redirectOutput(directory.resolve("stdout").toFile())
        .redirectError(directory.resolve("stderr").toFile())
        .start();
    return new ProcessExecutor(spec, process);
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /** An executor process. */
  private record ProcessExecutor(ExecutorSpec spec, Process process) implements LaunchedExecutor {
    @Override
    public CompletableFuture<Integer> exited() {
      return process.onExit().thenApply(Process::exitValue);
    }

    @Override
    public void kill() {
      process.destroy();
      process.onExit().completeOnTimeout(process, GRACE_MILLIS, TimeUnit.MILLISECONDS)
          .thenAccept(ended -> {
            if (ended.isAlive()) {
              ended.destroyForcibly();
            }
          });
    }
  }
}
