package dev.ember.cluster.executor;

import dev.ember.cluster.launch.CommandLineArguments;
import dev.ember.cluster.launch.DaemonSettings;
import dev.ember.cluster.launch.ProcessExecutorLauncher;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The executor process's main class (its name is what {@code jps} shows). Started by a worker's
 * {@link ProcessExecutorLauncher}; exits when the driver goes away.
 */
public final class EmberExecutor {
  static final String USAGE = "usage: EmberExecutor --driver HOST:PORT --executor-id ID --app-id ID --cores N"
      + " [--memory SIZE] [--host HOST]";

  private EmberExecutor() {}

  public static void main(String[] arguments) {
    CommandLineArguments command = CommandLineArguments.parse(arguments,
        Set.of("driver", "executor-id", "app-id", "cores", "memory", "host"), USAGE);
    String driver = command.required("driver", USAGE);
    int colon = driver.lastIndexOf(':');
    if (colon < 1) {
      throw new IllegalArgumentException("--driver needs HOST:PORT, got '" + driver + "'\n" + USAGE);
    }
    String executorId = command.required("executor-id", USAGE);
    int cores = command.intOption("cores", 1, USAGE);
    String host = command.option("host", "127.0.0.1");
    Map<String, String> settings = new HashMap<>(DaemonSettings.fromEnvironment());
    String memory = command.option("memory", null);
    if (memory != null) {
      settings.put("ember.executor.memory", memory);
    }
    try (Executor executor = Executor.start(executorId, driver.substring(0, colon),
        Integer.parseInt(driver.substring(colon + 1)), host, cores, settings)) {
      System.out.println("Ember executor " + executorId + " of " + command.required("app-id", USAGE)
          + " (pid " + ProcessHandle.current().pid() + ") serving driver " + driver);
      String reason = executor.ended().join();
      System.out.println("Ember executor " + executorId + " ends: " + reason);
    }
    // Netty threads are daemons; ending main ends the process.
  }
}
