package dev.ember.cluster.worker;

import dev.ember.cluster.MasterUrl;
import dev.ember.cluster.launch.CommandLineArguments;
import dev.ember.cluster.launch.DaemonSettings;
import dev.ember.cluster.launch.Daemons;
import dev.ember.cluster.launch.ProcessExecutorLauncher;
import dev.ember.core.text.ByteSizes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code bin/ember worker ember://H:P [--cores N] [--memory M] [--host H] [--work-dir D]}: runs a
 * worker until its master goes away or the process is stopped, then stops its executors. Prints
 * "{@value #REGISTERED} ..." once the master accepted it.
 */
public final class EmberWorker {
  public static final String REGISTERED = Daemons.WORKER_REGISTERED;
  static final String USAGE = "usage: ember worker ember://HOST:PORT [--cores N] [--memory SIZE] [--host HOST]"
      + " [--work-dir DIR]   (defaults: all cores, 1g, 127.0.0.1, a temporary directory)";

  private EmberWorker() {}

  public static void main(String[] arguments) throws Exception {
    CommandLineArguments command = CommandLineArguments.parse(arguments,
        Set.of("cores", "memory", "host", "work-dir", "id", "parent-pid"), USAGE);
    if (command.positional().size() != 1) {
      throw new IllegalArgumentException("a worker needs exactly one master URL\n" + USAGE);
    }
    if (!(MasterUrl.parse(command.positional().get(0)) instanceof MasterUrl.Standalone master)) {
      throw new IllegalArgumentException("a worker joins a standalone master (ember://host:port), got '"
          + command.positional().get(0) + "'\n" + USAGE);
    }
    Map<String, String> settings = DaemonSettings.fromEnvironment();
    long memory = ByteSizes.parseMemory("--memory", command.option("memory", "1g"));
    int cores = command.intOption("cores", Runtime.getRuntime().availableProcessors(), USAGE);
    String host = command.option("host", "127.0.0.1");
    String workerId = command.option("id", "worker-" + host + "-" + UUID.randomUUID().toString().substring(0, 8));
    Path workDirectory = command.option("work-dir", null) == null
        ? Files.createTempDirectory("ember-worker-")
        : Path.of(command.option("work-dir", null));
    // Executors inherit the ember.* system properties of their worker (timeouts, frame size, TLS
    // stores) and, through the inherited environment, its secrets; they serve blocks at its host.
    List<String> executorOptions = DaemonSettings.systemPropertyOptions(settings);
    ProcessExecutorLauncher launcher = new ProcessExecutorLauncher(workDirectory, executorOptions).withHost(host);
    try (Worker worker = Worker.start(new WorkerSettings(workerId, master.host(), master.port(), host, cores, memory),
        DaemonSettings.network(), launcher)) {
      Runtime.getRuntime().addShutdownHook(new Thread(worker::close, "ember-worker-shutdown"));
      DaemonSettings.stopWithParent(command.option("parent-pid", null), worker::close);
      try {
        worker.registered().join();
      } catch (java.util.concurrent.CompletionException refused) {
        System.err.println("Ember worker " + workerId + " could not register with " + master.url() + ": "
            + refused.getCause().getMessage());
        System.exit(1);
      }
      System.out.println(REGISTERED + " " + workerId + " with " + cores + " cores and " + (memory >> 20)
          + " MiB at " + master.url() + " (executors under " + workDirectory + ")");
      String reason = worker.terminated().join();
      System.out.println("Ember worker " + workerId + " stops: " + reason);
    }
  }
}
