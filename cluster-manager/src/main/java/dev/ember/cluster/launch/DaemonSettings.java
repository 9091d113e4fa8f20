package dev.ember.cluster.launch;

import dev.ember.core.network.NetworkSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Settings of the daemons (master, worker, executor): {@code ember.*} system properties
 * ({@code -Dember.network.timeout=60s}), and the secret from the environment variable
 * {@value ProcessExecutorLauncher#SECRET_ENVIRONMENT}, never the command line (which {@code ps} shows).
 */
public final class DaemonSettings {
  /** How often workers report to the master (Spark's {@code spark.executor.heartbeatInterval} name). */
  public static final String HEARTBEAT_INTERVAL = "ember.executor.heartbeatInterval";
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

  private DaemonSettings() {}

  /** The {@code ember.*} system properties plus the secret from the environment. */
  public static Map<String, String> fromEnvironment() {
    Map<String, String> settings = new HashMap<>();
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith("ember.")) {
        settings.put(key, System.getProperty(key));
      }
    }
    String secret = System.getenv(ProcessExecutorLauncher.SECRET_ENVIRONMENT);
    if (secret != null && !secret.isEmpty()) {
      settings.put(NetworkSettings.AUTHENTICATE_SECRET, secret);
    }
    return settings;
  }

  /**
   * With {@code --parent-pid P} (local-cluster passes its driver's): runs {@code stop} when process
   * P ends, even by SIGKILL, so a local cluster never outlives its driver.
   */
  public static void stopWithParent(String parentProcessId, Runnable stop) {
    if (parentProcessId == null) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(parentProcessId.trim());
    } catch (NumberFormatException notNumber) {
      throw new IllegalArgumentException("--parent-pid needs a process id, got '" + parentProcessId + "'", notNumber);
    }
    ProcessHandle.of(pid).ifPresentOrElse(parent -> parent.onExit().thenRun(stop), stop);
  }

  public static NetworkSettings network() {
    return NetworkSettings.from(fromEnvironment());
  }

  /**
   * {@value #HEARTBEAT_INTERVAL} (default 10 s, Spark's format), which must be shorter than
   * {@code ember.network.timeout}, or a healthy worker would be dropped between two heartbeats.
   */
  public static Duration heartbeatInterval(Map<String, String> settings) {
    Duration interval = NetworkSettings.duration(HEARTBEAT_INTERVAL, settings.get(HEARTBEAT_INTERVAL),
        DEFAULT_HEARTBEAT_INTERVAL);
    Duration timeout = NetworkSettings.from(settings).timeout();
    if (interval.compareTo(timeout) >= 0) {
      throw new IllegalArgumentException(HEARTBEAT_INTERVAL + " (" + interval.toMillis() + " ms) must be shorter than "
          + NetworkSettings.NETWORK_TIMEOUT + " (" + timeout.toMillis() + " ms)");
    }
    return interval;
  }
}
